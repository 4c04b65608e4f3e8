// Jitsi Meet: one room per event with an unguessable name on a Jitsi server. When the operator's
// server checks tokens (jitsi-meet-tokens), every join carries a personal JWT whose claims follow
// lib-jitsi-meet's doc/tokens.md: iss = app id, aud, sub = domain, room, exp, context.user.
import { randomBytes } from 'node:crypto';
import type { VideoConfig } from '../../../config.js';
import type { Joiner } from './video.types.js';
import { signHs256 } from './jwt.js';

/**
 * A token is only needed at the moment of joining; two hours cover a page left open a while
 * before clicking, and keep a forwarded join link from working for the rest of the day.
 */
export const JITSI_TOKEN_LIFETIME_S = 2 * 3600;
/** Servers whose clock runs a little behind still accept the token. */
const CLOCK_SKEW_S = 60;

/** 128 random bits: nobody finds the room by trying names. Lowercase, as Jitsi lowercases room names. */
export function newJitsiRoom(): string {
  return `labcamp-${randomBytes(16).toString('hex')}`;
}

export type JitsiTokenSettings = NonNullable<NonNullable<VideoConfig['jitsi']>['token']>;

export function jitsiClaims(token: JitsiTokenSettings, room: string, joiner: Joiner, now: Date) {
  const iat = Math.floor(now.getTime() / 1000);
  return {
    iss: token.appId,
    aud: token.audience,
    sub: token.subject,
    room,
    iat,
    nbf: iat - CLOCK_SKEW_S,
    exp: iat + JITSI_TOKEN_LIFETIME_S,
    // Every user field must be a string (tokens.md), so moderator is 'true'/'false' here; the
    // top-level boolean is what the token_moderation / token_affiliation Prosody modules read.
    context: { user: { name: joiner.name, moderator: joiner.moderator ? 'true' : 'false', affiliation: joiner.moderator ? 'owner' : 'member' } },
    moderator: joiner.moderator,
  };
}

export function jitsiToken(token: JitsiTokenSettings, room: string, joiner: Joiner, now: Date): string {
  return signHs256(jitsiClaims(token, room, joiner, now), token.secret);
}

/**
 * The personal URL of the room: with `?jwt=` on the operator's server when it checks tokens;
 * elsewhere the name travels in the URL fragment (Jitsi's config overrides), never to the server.
 */
export function jitsiJoinUrl(domain: string, room: string, joiner: Joiner, jwt: string | null): string {
  const base = `https://${domain}/${encodeURIComponent(room)}`;
  if (jwt) return `${base}?jwt=${jwt}`;
  return `${base}#userInfo.displayName=${encodeURIComponent(JSON.stringify(joiner.name))}`;
}

/** Tokens are signed only for the operator's own server: its secret is for nobody else. */
export function tokenFor(config: VideoConfig['jitsi'], domain: string): JitsiTokenSettings | null {
  return config?.token && config.domain === domain ? config.token : null;
}
