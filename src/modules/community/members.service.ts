// Members of the community: participants who joined through an admitted registration's personal
// link (no password), their sign-in sessions and their profiles.
import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import { type Actor, recordAudit } from '../../platform/audit/audit.js';
import { hashToken, looksLikeToken, randomToken } from '../../platform/tokens.js';
import type { MembersTable } from './community.tables.js';
import type { Member } from './community.types.js';

export const MEMBER_SESSION_TTL_MS = 30 * 24 * 3600_000;

/** What the registration module tells us about a personal link. */
export interface LinkHolder {
  valid: boolean;
  admitted: boolean;
  email: string;
  name: string;
  organisation: string;
  locale: string;
}

export type JoinOutcome =
  | { kind: 'joined'; member: Member; sessionId: string; isNew: boolean }
  | { kind: 'not-admitted' }
  | { kind: 'unknown' };

export function toMember(row: Selectable<MembersTable>): Member {
  return { id: row.id, email: row.email, name: row.name, labId: row.lab_id, findable: row.findable === 1, about: row.about, locale: row.locale };
}

export const memberActor = (member: Pick<Member, 'id' | 'name'>): Actor => ({ id: null, label: `member:${member.id} ${member.name}` });

/**
 * Removes a member and what points to them: sessions, votes (the counts follow), authorship of
 * practices and challenges (the texts stay), the record of messages. Used by "leave" and by erasure.
 */
export async function eraseMember(trx: Db, memberId: number): Promise<void> {
  const voted = await trx.selectFrom('challenge_votes').select('challenge_id').where('voter', '=', `m${memberId}`).execute();
  await trx.deleteFrom('challenge_votes').where('voter', '=', `m${memberId}`).execute();
  for (const { challenge_id } of voted) {
    const count = await trx.selectFrom('challenge_votes').select((eb) => eb.fn.countAll<number | string>().as('n')).where('challenge_id', '=', challenge_id).executeTakeFirstOrThrow();
    await trx.updateTable('challenges').set({ votes: Number(count.n) }).where('id', '=', challenge_id).execute();
  }
  await trx.updateTable('practices').set({ author_member_id: null }).where('author_member_id', '=', memberId).execute();
  await trx.updateTable('challenges').set({ author_member_id: null }).where('author_member_id', '=', memberId).execute();
  await trx.deleteFrom('contact_messages').where((eb) => eb.or([eb('from_member_id', '=', memberId), eb('to_member_id', '=', memberId)])).execute();
  await trx.deleteFrom('member_sessions').where('member_id', '=', memberId).execute();
  await trx.deleteFrom('members').where('id', '=', memberId).execute();
  // The log keeps that a member acted, not who they were.
  await trx.updateTable('audit_log').set({ before_json: null, after_json: null }).where('subject_type', '=', 'member').where('subject_id', '=', String(memberId)).execute();
  await trx.updateTable('audit_log').set({ actor_label: `member:${memberId}` }).where('actor_label', 'like', `member:${memberId} %`).execute();
}

export function createMembersService({ db, clock, linkHolder }: { db: Db; clock: Clock; linkHolder: (token: string) => Promise<LinkHolder | null> }) {
  async function startSession(trx: Db, memberId: number): Promise<string> {
    const sessionId = randomToken();
    const now = clock.now();
    await trx.insertInto('member_sessions').values({
      id_hash: hashToken(sessionId), member_id: memberId, created_at: now.toISOString(), expires_at: new Date(now.getTime() + MEMBER_SESSION_TTL_MS).toISOString(),
    }).execute();
    return sessionId;
  }

  return {
    /** A new 30-day session for the member (the cookie gets the returned id, the table its hash). */
    startSession,

    /**
     * Joins (or signs in again) with a registration's personal link. Only admitted registrations
     * count: the community is for the practitioners the organizers let in.
     */
    async joinWithLink(token: string, labIdFor: (organisation: string) => Promise<number | null>): Promise<JoinOutcome> {
      if (!looksLikeToken(token)) return { kind: 'unknown' };
      const holder = await linkHolder(token);
      if (!holder || !holder.valid) return { kind: 'unknown' };
      if (!holder.admitted) return { kind: 'not-admitted' };
      const email = holder.email.toLowerCase();
      const labId = await labIdFor(holder.organisation);
      return db.transaction().execute(async (trx): Promise<JoinOutcome> => {
        const existing = await trx.selectFrom('members').selectAll().where('email', '=', email).executeTakeFirst();
        if (existing) return { kind: 'joined', member: toMember(existing), sessionId: await startSession(trx, existing.id), isNew: false };
        const now = clock.now().toISOString();
        const row = await trx.insertInto('members').values({
          email, name: holder.name, lab_id: labId, findable: 0, about: '', locale: holder.locale, created_at: now, updated_at: now,
        }).returningAll().executeTakeFirstOrThrow();
        const member = toMember(row);
        await recordAudit(trx, clock, memberActor(member), { action: 'community.member.joined', subjectType: 'member', subjectId: member.id, after: { name: member.name, labId } });
        return { kind: 'joined', member, sessionId: await startSession(trx, member.id), isNew: true };
      });
    },

    async memberForSession(sessionId: string | undefined): Promise<Member | null> {
      if (!sessionId || !looksLikeToken(sessionId)) return null;
      const row = await db.selectFrom('member_sessions').innerJoin('members', 'members.id', 'member_sessions.member_id').selectAll('members')
        .where('member_sessions.id_hash', '=', hashToken(sessionId)).where('member_sessions.expires_at', '>', clock.now().toISOString())
        .executeTakeFirst();
      return row ? toMember(row) : null;
    },

    async endSession(sessionId: string): Promise<void> {
      await db.deleteFrom('member_sessions').where('id_hash', '=', hashToken(sessionId)).execute();
    },

    async updateProfile(member: Member, profile: Pick<Member, 'name' | 'labId' | 'findable' | 'about'>): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('members').set({
          name: profile.name, lab_id: profile.labId, findable: profile.findable ? 1 : 0, about: profile.about, updated_at: clock.now().toISOString(),
        }).where('id', '=', member.id).execute();
        await recordAudit(trx, clock, memberActor(member), {
          action: 'community.member.updated', subjectType: 'member', subjectId: member.id,
          before: { name: member.name, labId: member.labId, findable: member.findable, about: member.about }, after: profile,
        });
      });
    },

    /** Leaves the community: the profile and sessions go; practices they wrote stay, without the name. */
    async leave(member: Member, trx?: Db): Promise<void> {
      const run = async (tx: Db) => {
        await eraseMember(tx, member.id);
        await recordAudit(tx, clock, memberActor(member), { action: 'community.member.left', subjectType: 'member', subjectId: member.id });
      };
      await (trx ? run(trx) : db.transaction().execute(run));
    },

    /** Members who chose to be found, of one lab or of all. */
    async findable(labId?: number): Promise<Array<Pick<Member, 'id' | 'name' | 'about' | 'labId'>>> {
      let query = db.selectFrom('members').select(['id', 'name', 'about', 'lab_id']).where('findable', '=', 1);
      if (labId !== undefined) query = query.where('lab_id', '=', labId);
      const rows = await query.execute();
      return rows.map((r) => ({ id: r.id, name: r.name, about: r.about, labId: r.lab_id })).sort((a, b) => a.name.localeCompare(b.name, 'de'));
    },

    async byIds(ids: number[]): Promise<Member[]> {
      if (ids.length === 0) return [];
      return (await db.selectFrom('members').selectAll().where('id', 'in', ids).execute()).map(toMember);
    },
  };
}

export type MembersService = ReturnType<typeof createMembersService>;
