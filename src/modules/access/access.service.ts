// Organizer accounts, one-time login links, passwords and server-side sessions.
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import { type Actor, recordAudit, SYSTEM_ACTOR } from '../../platform/audit/audit.js';
import { hashToken, looksLikeToken, randomToken } from '../../platform/tokens.js';
import type { Locale } from '../../platform/i18n/index.js';
import { enqueueMail } from '../messaging/outbox.js';
import { renderLoginLinkMail } from '../messaging/templates.js';
import { hashPassword, verifyPassword } from './access.passwords.js';
import { createApiTokens } from './access.api-tokens.js';
import { mayModerateCommunity } from './access.policy.js';
import { verifyTotp } from '../../platform/totp.js';
import { recoveryCodesLeft, renewRecoveryCodes, useRecoveryCode } from './recovery-codes.js';

export const LOGIN_LINK_TTL_MS = 24 * 60 * 60 * 1000;
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** How long the code may take after the password or link, and how many wrong codes it takes. */
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;
export const CHALLENGE_ATTEMPTS = 5;

/** A first step that succeeded: signed in, or waiting for the second factor. */
export type SignInResult = { organizer: Organizer; sessionId: string } | { organizer: Organizer; challenge: string };
/** Ten wrong passwords in a row lock the account for 15 minutes (ADR 13). */
export const LOCKOUT = { attempts: 10, ms: 15 * 60 * 1000 } as const;

export interface Organizer {
  id: number;
  email: string;
  name: string;
  isAdmin: boolean;
}

export type AccessService = ReturnType<typeof createAccessService>;

export class AccessError extends Error {}

/** An address fit to look up: lower-cased; null if it cannot be one (too long, control characters, which PostgreSQL refuses in text). */
function lookupAddress(email: string): string | null {
  const address = email.trim().toLowerCase();
  return address !== '' && address.length <= 320 && !/[\u0000-\u001f\u007f]/.test(address) ? address : null;
}

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$|^[^\s@<>()[\],;:"]+@localhost$/;

interface AccessDeps {
  db: Db;
  clock: Clock;
  /** Builds absolute links (BASE_URL), for the login link mailed from /admin/login. */
  link?: (path: string) => string;
  /** Called after a transaction that queued mail has committed. */
  onMailQueued?: () => void;
}

export function createAccessService({ db, clock, link = (path) => path, onMailQueued = () => {} }: AccessDeps) {
  const toOrganizer = (row: { id: number; email: string; name: string; is_admin: number }): Organizer => ({
    id: row.id, email: row.email, name: row.name, isAdmin: row.is_admin === 1,
  });

  async function issueLoginToken(trx: Db, organizerId: number): Promise<string> {
    const token = randomToken();
    const now = clock.now();
    await trx
      .insertInto('login_tokens')
      .values({ organizer_id: organizerId, token_hash: hashToken(token), created_at: now.toISOString(), expires_at: new Date(now.getTime() + LOGIN_LINK_TTL_MS).toISOString(), used_at: null })
      .execute();
    return token;
  }

  /** Opens a server-side session for an organizer who just proved who they are. */
  async function openSession(trx: Db, organizer: Organizer, method: 'link' | 'password'): Promise<string> {
    const now = clock.now();
    const sessionId = randomToken();
    await trx
      .insertInto('sessions')
      .values({ id_hash: hashToken(sessionId), organizer_id: organizer.id, created_at: now.toISOString(), expires_at: new Date(now.getTime() + SESSION_TTL_MS).toISOString() })
      .execute();
    await recordAudit(trx, clock, { id: organizer.id, label: organizer.name }, { action: 'access.organizer.signed_in', subjectType: 'organizer', subjectId: organizer.id, after: { method } });
    return sessionId;
  }

  /**
   * The end of a successful first step: a session, or — with two-factor sign-in on — a challenge
   * that the code must answer within CHALLENGE_TTL_MS.
   */
  async function signIn(trx: Db, organizer: Organizer, method: 'link' | 'password'): Promise<SignInResult> {
    const row = await trx.selectFrom('organizers').select('totp_secret').where('id', '=', organizer.id).executeTakeFirstOrThrow();
    if (!row.totp_secret) return { organizer, sessionId: await openSession(trx, organizer, method) };
    const challenge = randomToken();
    const now = clock.now();
    await trx.insertInto('login_challenges').values({
      id_hash: hashToken(challenge), organizer_id: organizer.id, method, created_at: now.toISOString(), expires_at: new Date(now.getTime() + CHALLENGE_TTL_MS).toISOString(),
    }).execute();
    return { organizer, challenge };
  }

  return {
    apiTokens: createApiTokens({ db, clock }),

    /**
     * The second step: the code from the authenticator app, or one of the recovery codes. Five
     * wrong codes end the challenge; a code works once (its time step is remembered, a recovery
     * code is marked used).
     */
    async answerChallenge(challenge: string, code: string, kind: 'totp' | 'recovery' = 'totp'): Promise<{ kind: 'signed-in'; sessionId: string } | { kind: 'wrong' } | { kind: 'expired' }> {
      if (!looksLikeToken(challenge)) return { kind: 'expired' };
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('login_challenges').innerJoin('organizers', 'organizers.id', 'login_challenges.organizer_id')
          .select(['login_challenges.id_hash', 'login_challenges.method', 'login_challenges.attempts', 'organizers.id', 'organizers.email', 'organizers.name', 'organizers.is_admin', 'organizers.totp_secret', 'organizers.totp_last_step', 'organizers.disabled_at'])
          .where('login_challenges.id_hash', '=', hashToken(challenge)).where('login_challenges.expires_at', '>', now.toISOString()).executeTakeFirst();
        if (!row || row.disabled_at !== null || !row.totp_secret || row.attempts >= CHALLENGE_ATTEMPTS) return { kind: 'expired' as const };
        const step = kind === 'totp' ? verifyTotp(row.totp_secret, code, now, row.totp_last_step) : null;
        const recovered = kind === 'recovery' && await useRecoveryCode(trx, clock, row.id, code);
        if (step === null && !recovered) {
          await trx.updateTable('login_challenges').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('id_hash', '=', row.id_hash).execute();
          return { kind: 'wrong' as const };
        }
        await trx.deleteFrom('login_challenges').where('id_hash', '=', row.id_hash).execute();
        if (step !== null) await trx.updateTable('organizers').set({ totp_last_step: step }).where('id', '=', row.id).execute();
        if (recovered) {
          await recordAudit(trx, clock, { id: row.id, label: row.name }, {
            action: 'access.totp.recovery-code-used', subjectType: 'organizer', subjectId: row.id, after: { left: await recoveryCodesLeft(trx, row.id) },
          });
        }
        return { kind: 'signed-in' as const, sessionId: await openSession(trx, toOrganizer(row), row.method) };
      });
    },

    async totpEnabled(organizerId: number): Promise<boolean> {
      const row = await db.selectFrom('organizers').select('totp_secret').where('id', '=', organizerId).executeTakeFirst();
      return Boolean(row?.totp_secret);
    },

    /**
     * Turns two-factor sign-in on, once the app shows a right code for the new secret. Returns the
     * ten recovery codes (to be shown once), or null for a wrong code.
     */
    async enableTotp(organizer: Actor & { id: number }, secret: string, code: string): Promise<string[] | null> {
      const step = verifyTotp(secret, code, clock.now(), null);
      if (step === null || secret.length > 64) return null;
      return db.transaction().execute(async (trx) => {
        await trx.updateTable('organizers').set({ totp_secret: secret, totp_last_step: step }).where('id', '=', organizer.id).execute();
        await recordAudit(trx, clock, organizer, { action: 'access.totp.enabled', subjectType: 'organizer', subjectId: organizer.id });
        return renewRecoveryCodes(trx, clock, organizer.id);
      });
    },

    /** Ten new recovery codes instead of the old ones, with a current code from the app; null for a wrong code. */
    async renewRecoveryCodes(organizer: Actor & { id: number }, code: string): Promise<string[] | null> {
      const row = await db.selectFrom('organizers').select(['totp_secret', 'totp_last_step']).where('id', '=', organizer.id).executeTakeFirst();
      const step = row?.totp_secret ? verifyTotp(row.totp_secret, code, clock.now(), row.totp_last_step) : null;
      if (step === null) return null;
      return db.transaction().execute(async (trx) => {
        await trx.updateTable('organizers').set({ totp_last_step: step }).where('id', '=', organizer.id).execute();
        await recordAudit(trx, clock, organizer, { action: 'access.totp.recovery-codes-renewed', subjectType: 'organizer', subjectId: organizer.id });
        return renewRecoveryCodes(trx, clock, organizer.id);
      });
    },

    /** Unused recovery codes of the organizer. */
    recoveryCodesLeft: (organizerId: number) => recoveryCodesLeft(db, organizerId),

    /** Turns it off, with a current code (a stolen session alone cannot). */
    async disableTotp(organizer: Actor & { id: number }, code: string): Promise<boolean> {
      const row = await db.selectFrom('organizers').select(['totp_secret', 'totp_last_step']).where('id', '=', organizer.id).executeTakeFirst();
      if (!row?.totp_secret || verifyTotp(row.totp_secret, code, clock.now(), row.totp_last_step) === null) return false;
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('organizers').set({ totp_secret: null, totp_last_step: null }).where('id', '=', organizer.id).execute();
        await trx.deleteFrom('login_challenges').where('organizer_id', '=', organizer.id).execute();
        await trx.deleteFrom('recovery_codes').where('organizer_id', '=', organizer.id).execute();
        await recordAudit(trx, clock, organizer, { action: 'access.totp.disabled', subjectType: 'organizer', subjectId: organizer.id });
      });
      return true;
    },
    /** Whether this organizer moderates the community (admins, owners and organizers of an event). */
    moderatesCommunity: (organizer: { id: number; isAdmin: boolean }) => mayModerateCommunity(db, organizer),

    async countOrganizers(): Promise<number> {
      const row = await db.selectFrom('organizers').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async findOrganizerByEmail(email: string): Promise<Organizer | null> {
      const row = await db.selectFrom('organizers').select(['id', 'email', 'name', 'is_admin']).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
      return row ? toOrganizer(row) : null;
    },

    /** Creates an account and returns it with a fresh one-time login token. */
    async createOrganizer(input: { email: string; name: string; isAdmin: boolean }, actor: Actor = SYSTEM_ACTOR): Promise<{ organizer: Organizer; token: string }> {
      const email = input.email.trim().toLowerCase();
      const name = input.name.trim();
      if (!EMAIL.test(email) || email.length > 320) throw new AccessError(`"${input.email}" is not a valid e-mail address.`);
      if (name === '' || name.length > 200) throw new AccessError('A name of 1 to 200 characters is required.');
      return db.transaction().execute(async (trx) => {
        const existing = await trx.selectFrom('organizers').select('id').where('email', '=', email).executeTakeFirst();
        if (existing) throw new AccessError(`An organizer with the address ${email} exists already.`);
        const { id } = await trx
          .insertInto('organizers')
          .values({ email, name, password_hash: null, is_admin: input.isAdmin ? 1 : 0, created_at: clock.now().toISOString(), disabled_at: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(trx, clock, actor, { action: 'access.organizer.created', subjectType: 'organizer', subjectId: id, after: { email, name, isAdmin: input.isAdmin } });
        const token = await issueLoginToken(trx, id);
        return { organizer: { id, email, name, isAdmin: input.isAdmin }, token };
      });
    },

    /** A new one-time login token for an existing account. */
    async issueLoginLink(email: string, actor: Actor = SYSTEM_ACTOR): Promise<string> {
      const organizer = await this.findOrganizerByEmail(email);
      if (!organizer) throw new AccessError(`No organizer with the address ${email.trim().toLowerCase()}.`);
      return db.transaction().execute(async (trx) => {
        await recordAudit(trx, clock, actor, { action: 'access.login_link.issued', subjectType: 'organizer', subjectId: organizer.id });
        return issueLoginToken(trx, organizer.id);
      });
    },

    /** Whether a login token would be accepted now, without using it up (for the confirm page). */
    async loginTokenIsUsable(token: string): Promise<boolean> {
      if (!looksLikeToken(token)) return false;
      const row = await db
        .selectFrom('login_tokens')
        .innerJoin('organizers', 'organizers.id', 'login_tokens.organizer_id')
        .select('login_tokens.id')
        .where('token_hash', '=', hashToken(token))
        .where('used_at', 'is', null)
        .where('expires_at', '>', clock.now().toISOString())
        .where('organizers.disabled_at', 'is', null)
        .executeTakeFirst();
      return row !== undefined;
    },

    /**
     * Uses up a login token and opens a session. The conditional UPDATE makes the token single-use
     * even when two requests race: only one of them changes the row.
     */
    async redeemLoginToken(token: string): Promise<SignInResult | null> {
      if (!looksLikeToken(token)) return null;
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const used = await trx
          .updateTable('login_tokens')
          .set({ used_at: now.toISOString() })
          .where('token_hash', '=', hashToken(token))
          .where('used_at', 'is', null)
          .where('expires_at', '>', now.toISOString())
          .returning('organizer_id')
          .executeTakeFirst();
        if (!used) return null;
        const row = await trx
          .selectFrom('organizers')
          .select(['id', 'email', 'name', 'is_admin'])
          .where('id', '=', used.organizer_id)
          .where('disabled_at', 'is', null)
          .executeTakeFirst();
        if (!row) return null;
        return signIn(trx, toOrganizer(row), 'link');
      });
    },

    /**
     * Signs in with e-mail and password. Every failure is the same null: unknown address, no
     * password set, wrong password, disabled or locked account. The hash is verified in every
     * case (against a dummy without an account), so the time taken tells nothing either.
     */
    async passwordLogin(email: string, password: string): Promise<SignInResult | null> {
      const address = lookupAddress(email);
      const row = address
        ? await db.selectFrom('organizers').select(['id', 'email', 'name', 'is_admin', 'password_hash', 'disabled_at', 'locked_until']).where('email', '=', address).executeTakeFirst()
        : undefined;
      const correct = await verifyPassword(row?.password_hash ?? null, password);
      const now = clock.now();
      if (!row || row.disabled_at !== null || row.password_hash === null) return null;
      if (row.locked_until !== null && row.locked_until > now.toISOString()) return null;
      const organizer = toOrganizer(row);
      if (!correct) {
        await db.transaction().execute(async (trx) => {
          const counted = await trx.updateTable('organizers').set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
            .where('id', '=', row.id).returning('failed_logins').executeTakeFirstOrThrow();
          if (counted.failed_logins < LOCKOUT.attempts) return;
          const lockedUntil = new Date(now.getTime() + LOCKOUT.ms).toISOString();
          await trx.updateTable('organizers').set({ failed_logins: 0, locked_until: lockedUntil }).where('id', '=', row.id).execute();
          await recordAudit(trx, clock, SYSTEM_ACTOR, { action: 'access.organizer.locked', subjectType: 'organizer', subjectId: row.id, after: { failedLogins: counted.failed_logins, lockedUntil } });
        });
        return null;
      }
      return db.transaction().execute(async (trx) => {
        await trx.updateTable('organizers').set({ failed_logins: 0, locked_until: null }).where('id', '=', row.id).execute();
        return signIn(trx, organizer, 'password');
      });
    },

    /**
     * "Send me a login link": mails a fresh one-time link if an active account has this address.
     * Says nothing either way; the page answers the same.
     */
    async mailLoginLink(email: string, locale: Locale): Promise<void> {
      const address = lookupAddress(email);
      if (!address) return;
      const row = await db.selectFrom('organizers').select(['id', 'email', 'name']).where('email', '=', address).where('disabled_at', 'is', null).executeTakeFirst();
      if (!row) return;
      await db.transaction().execute(async (trx) => {
        const token = await issueLoginToken(trx, row.id);
        await recordAudit(trx, clock, SYSTEM_ACTOR, { action: 'access.login_link.mailed', subjectType: 'organizer', subjectId: row.id });
        const mail = renderLoginLinkMail(locale, { name: row.name, link: link(`/admin/login/${token}`), validHours: LOGIN_LINK_TTL_MS / 3600_000 });
        await enqueueMail(trx, clock, {
          ...mail, idempotencyKey: `login_link:${row.id}:${hashToken(token).slice(0, 16)}`, eventId: null, registrationId: null,
          template: 'login_link', locale, to: { address: row.email, name: row.name },
        });
      });
      onMailQueued();
    },

    /** What the account page shows about the signed-in organizer. */
    async account(organizerId: number): Promise<{ hasPassword: boolean; name: string; email: string } | null> {
      const row = await db.selectFrom('organizers').select(['name', 'email', 'password_hash']).where('id', '=', organizerId).executeTakeFirst();
      return row ? { name: row.name, email: row.email, hasPassword: row.password_hash !== null } : null;
    },

    /**
     * Sets a new password. With a password set already, the current one must be given (checked
     * here; the caller has validated the new one). Returns false when the current one is wrong.
     */
    async changePassword(organizer: Actor & { id: number }, current: string | null, next: string): Promise<boolean> {
      const row = await db.selectFrom('organizers').select('password_hash').where('id', '=', organizer.id).executeTakeFirstOrThrow();
      if (row.password_hash !== null && !(await verifyPassword(row.password_hash, current ?? ''))) return false;
      const hashed = await hashPassword(next);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('organizers').set({ password_hash: hashed, failed_logins: 0, locked_until: null }).where('id', '=', organizer.id).execute();
        await recordAudit(trx, clock, organizer, { action: row.password_hash === null ? 'access.password.set' : 'access.password.changed', subjectType: 'organizer', subjectId: organizer.id });
      });
      return true;
    },

    /** Sets the password of an account by its address (the CLI; the operator vouches). */
    async setPasswordByEmail(email: string, password: string, actor: Actor = SYSTEM_ACTOR): Promise<Organizer> {
      const organizer = await this.findOrganizerByEmail(email);
      if (!organizer) throw new AccessError(`No organizer with the address ${email.trim().toLowerCase()}.`);
      const hashed = await hashPassword(password);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('organizers').set({ password_hash: hashed, failed_logins: 0, locked_until: null }).where('id', '=', organizer.id).execute();
        await recordAudit(trx, clock, actor, { action: 'access.password.set', subjectType: 'organizer', subjectId: organizer.id });
      });
      return organizer;
    },

    async rename(organizer: Actor & { id: number }, name: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('organizers').select('name').where('id', '=', organizer.id).executeTakeFirstOrThrow();
        if (before.name === name) return;
        await trx.updateTable('organizers').set({ name }).where('id', '=', organizer.id).execute();
        await recordAudit(trx, clock, organizer, { action: 'access.organizer.renamed', subjectType: 'organizer', subjectId: organizer.id, before: { name: before.name }, after: { name } });
      });
    },

    async organizerForSession(sessionId: string): Promise<Organizer | null> {
      if (!looksLikeToken(sessionId)) return null;
      const row = await db
        .selectFrom('sessions')
        .innerJoin('organizers', 'organizers.id', 'sessions.organizer_id')
        .select(['organizers.id', 'organizers.email', 'organizers.name', 'organizers.is_admin'])
        .where('sessions.id_hash', '=', hashToken(sessionId))
        .where('sessions.expires_at', '>', clock.now().toISOString())
        .where('organizers.disabled_at', 'is', null)
        .executeTakeFirst();
      return row ? toOrganizer(row) : null;
    },

    async endSession(sessionId: string): Promise<void> {
      if (!looksLikeToken(sessionId)) return;
      await db.deleteFrom('sessions').where('id_hash', '=', hashToken(sessionId)).execute();
    },
  };
}
