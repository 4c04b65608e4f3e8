// Personal API tokens (ADR 14): "lc_" + 32 random bytes in base64url, shown once, stored as
// SHA-256 only. A token acts as the organizer who made it, with that organizer's event roles.
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import { type Actor, recordAudit } from '../../platform/audit/audit.js';
import { hashToken, looksLikeToken, randomToken } from '../../platform/tokens.js';
import type { Organizer } from './access.service.js';

export const API_TOKEN_PREFIX = 'lc_';
export const API_TOKEN_NAME_MAX = 100;
/** How often last_used_at is written at most: not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiTokenInfo {
  id: number;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Shape check before any lookup: the prefix and 43 base64url characters. */
export function looksLikeApiToken(value: string): boolean {
  return value.startsWith(API_TOKEN_PREFIX) && looksLikeToken(value.slice(API_TOKEN_PREFIX.length));
}

export function createApiTokens({ db, clock }: { db: Db; clock: Clock }) {
  return {
    /** Creates a token; the plain value is returned this once and never stored. */
    async create(organizer: Actor & { id: number }, input: { name: string; expiresAt: Date | null }): Promise<{ id: number; token: string }> {
      const token = `${API_TOKEN_PREFIX}${randomToken()}`;
      const now = clock.now().toISOString();
      return db.transaction().execute(async (trx) => {
        const { id } = await trx.insertInto('api_tokens')
          .values({ organizer_id: organizer.id, name: input.name, token_hash: hashToken(token), created_at: now, expires_at: input.expiresAt?.toISOString() ?? null, last_used_at: null, revoked_at: null })
          .returning('id').executeTakeFirstOrThrow();
        await recordAudit(trx, clock, organizer, { action: 'access.api_token.created', subjectType: 'api_token', subjectId: id, after: { name: input.name, expiresAt: input.expiresAt?.toISOString() ?? null } });
        return { id, token };
      });
    },

    async list(organizerId: number): Promise<ApiTokenInfo[]> {
      const rows = await db.selectFrom('api_tokens').select(['id', 'name', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
        .where('organizer_id', '=', organizerId).orderBy('id', 'desc').execute();
      return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, expiresAt: r.expires_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
    },

    /** Revokes one of the organizer's own tokens; false if there is no such active token. */
    async revoke(organizer: Actor & { id: number }, tokenId: number): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const revoked = await trx.updateTable('api_tokens').set({ revoked_at: clock.now().toISOString() })
          .where('id', '=', tokenId).where('organizer_id', '=', organizer.id).where('revoked_at', 'is', null)
          .returning(['id', 'name']).executeTakeFirst();
        if (!revoked) return false;
        await recordAudit(trx, clock, organizer, { action: 'access.api_token.revoked', subjectType: 'api_token', subjectId: revoked.id, before: { name: revoked.name } });
        return true;
      });
    },

    /** The organizer a bearer token acts as, or null (unknown, revoked, expired, account disabled). */
    async organizerFor(token: string): Promise<(Organizer & { tokenId: number }) | null> {
      if (!looksLikeApiToken(token)) return null;
      const now = clock.now();
      const row = await db.selectFrom('api_tokens')
        .innerJoin('organizers', 'organizers.id', 'api_tokens.organizer_id')
        .select(['api_tokens.id as token_id', 'api_tokens.last_used_at', 'organizers.id', 'organizers.email', 'organizers.name', 'organizers.is_admin'])
        .where('api_tokens.token_hash', '=', hashToken(token))
        .where('api_tokens.revoked_at', 'is', null)
        .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now.toISOString())]))
        .where('organizers.disabled_at', 'is', null)
        .executeTakeFirst();
      if (!row) return null;
      if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() >= LAST_USED_RESOLUTION_MS) {
        await db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.token_id).execute();
      }
      return { tokenId: row.token_id, id: row.id, email: row.email, name: row.name, isAdmin: row.is_admin === 1 };
    },
  };
}
