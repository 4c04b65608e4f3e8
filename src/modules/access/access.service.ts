// Organizer accounts, one-time login links and server-side sessions.
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import { type Actor, recordAudit, SYSTEM_ACTOR } from '../../platform/audit/audit.js';
import { hashToken, looksLikeToken, randomToken } from '../../platform/tokens.js';

export const LOGIN_LINK_TTL_MS = 24 * 60 * 60 * 1000;
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface Organizer {
  id: number;
  email: string;
  name: string;
  isAdmin: boolean;
}

export type AccessService = ReturnType<typeof createAccessService>;

export class AccessError extends Error {}

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$|^[^\s@<>()[\],;:"]+@localhost$/;

export function createAccessService({ db, clock }: { db: Db; clock: Clock }) {
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

  return {
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
    async redeemLoginToken(token: string): Promise<{ organizer: Organizer; sessionId: string } | null> {
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
        const organizer = toOrganizer(row);
        const sessionId = randomToken();
        await trx
          .insertInto('sessions')
          .values({ id_hash: hashToken(sessionId), organizer_id: organizer.id, created_at: now.toISOString(), expires_at: new Date(now.getTime() + SESSION_TTL_MS).toISOString() })
          .execute();
        await recordAudit(trx, clock, { id: organizer.id, label: organizer.name }, { action: 'access.organizer.signed_in', subjectType: 'organizer', subjectId: organizer.id });
        return { organizer, sessionId };
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
