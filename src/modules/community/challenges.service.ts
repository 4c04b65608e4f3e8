// The challenges board: what labs struggle with, "we have this too" votes, and the practices that
// address a challenge. Same review as practices; every change audited.
import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import { type Actor, recordAudit } from '../../platform/audit/audit.js';
import type { ChallengesTable } from './community.tables.js';
import { type Author, type Challenge, type CommunityViewer, inCommunity, type PracticeStatus } from './community.types.js';
import { freeSlug, parseJsonList, sameTopic, slugify } from './community.text.js';
import type { ChallengeInput } from './challenges.form.js';

/** One key per person for votes: 'm<member id>' or 'o<organizer id>'; null for visitors. */
export function voterKey(viewer: CommunityViewer): string | null {
  if (viewer.kind === 'member') return `m${viewer.member.id}`;
  if (viewer.kind === 'organizer') return `o${viewer.organizerId}`;
  return null;
}

function toChallenge(row: Selectable<ChallengesTable>, practiceIds: number[]): Challenge {
  return {
    id: row.id, slug: row.slug, title: row.title, description: row.description, topics: parseJsonList(row.topics), status: row.status,
    visibility: row.visibility, votes: row.votes, authorMemberId: row.author_member_id, authorOrganizerId: row.author_organizer_id, source: row.source,
    practiceIds, createdAt: new Date(row.created_at), updatedAt: new Date(row.updated_at), publishedAt: row.published_at ? new Date(row.published_at) : null,
  };
}

export function createChallengesService({ db, clock }: { db: Db; clock: Clock }) {
  async function withPractices(rows: Array<Selectable<ChallengesTable>>): Promise<Challenge[]> {
    if (rows.length === 0) return [];
    const links = await db.selectFrom('challenge_practices').selectAll().where('challenge_id', 'in', rows.map((r) => r.id)).execute();
    return rows.map((row) => toChallenge(row, links.filter((l) => l.challenge_id === row.id).map((l) => l.practice_id)));
  }

  async function bySlug(slug: string): Promise<Challenge | null> {
    const row = await db.selectFrom('challenges').selectAll().where('slug', '=', slug).executeTakeFirst();
    return row ? (await withPractices([row]))[0]! : null;
  }

  async function linkPractices(trx: Db, challengeId: number, practiceIds: number[] | undefined): Promise<void> {
    if (practiceIds === undefined) return;
    await trx.deleteFrom('challenge_practices').where('challenge_id', '=', challengeId).execute();
    if (practiceIds.length > 0) await trx.insertInto('challenge_practices').values(practiceIds.map((practice_id) => ({ challenge_id: challengeId, practice_id }))).execute();
  }

  const columns = (input: ChallengeInput) => ({ title: input.title, description: input.description, topics: JSON.stringify(input.topics), visibility: input.visibility });

  return {
    bySlug,

    async byId(id: number): Promise<Challenge | null> {
      const row = await db.selectFrom('challenges').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? (await withPractices([row]))[0]! : null;
    },

    /** The draft made from a meeting's item ("question:<id>"), if there is one. */
    async bySource(source: string): Promise<Challenge | null> {
      const row = await db.selectFrom('challenges').selectAll().where('source', '=', source).executeTakeFirst();
      return row ? (await withPractices([row]))[0]! : null;
    },

    /** Published challenges the viewer may read: most shared first, or newest first. */
    async board(viewer: CommunityViewer, options: { topic?: string | undefined; sort: 'votes' | 'new' }): Promise<Challenge[]> {
      let select = db.selectFrom('challenges').selectAll().where('status', '=', 'published');
      if (!inCommunity(viewer)) select = select.where('visibility', '=', 'public');
      select = options.sort === 'votes' ? select.orderBy('votes', 'desc').orderBy('published_at', 'desc') : select.orderBy('published_at', 'desc');
      const challenges = await withPractices(await select.orderBy('id', 'desc').execute());
      return options.topic ? challenges.filter((c) => c.topics.some((t) => sameTopic(t, options.topic!))) : challenges;
    },

    /** The viewer's own challenges that are not published. */
    async pending(viewer: CommunityViewer): Promise<Challenge[]> {
      let select = db.selectFrom('challenges').selectAll().where('status', '!=', 'published');
      if (viewer.kind === 'member') select = select.where('author_member_id', '=', viewer.member.id);
      else if (viewer.kind === 'organizer') select = select.where('author_organizer_id', '=', viewer.organizerId);
      else return [];
      return withPractices(await select.orderBy('updated_at', 'desc').execute());
    },

    async all(): Promise<Challenge[]> {
      return withPractices(await db.selectFrom('challenges').selectAll().orderBy('updated_at', 'desc').execute());
    },

    /** Published challenges a practice addresses (for the practice's page). */
    async addressedBy(practiceId: number): Promise<Challenge[]> {
      const rows = await db.selectFrom('challenges').selectAll().where('status', '=', 'published')
        .where('id', 'in', db.selectFrom('challenge_practices').select('challenge_id').where('practice_id', '=', practiceId)).execute();
      return withPractices(rows);
    },

    async votedBy(voter: string | null, ids: number[]): Promise<Set<number>> {
      if (!voter || ids.length === 0) return new Set();
      const rows = await db.selectFrom('challenge_votes').select('challenge_id').where('voter', '=', voter).where('challenge_id', 'in', ids).execute();
      return new Set(rows.map((r) => r.challenge_id));
    },

    async create(input: ChallengeInput, author: Author | null, actor: Actor, options: { status: PracticeStatus; source?: string }): Promise<Challenge> {
      const slug = await freeSlug(slugify(input.title, 80), async (s) => (await db.selectFrom('challenges').select('id').where('slug', '=', s).executeTakeFirst()) !== undefined);
      await db.transaction().execute(async (trx) => {
        const now = clock.now().toISOString();
        const row = await trx.insertInto('challenges').values({
          ...columns(input), slug, status: options.status, votes: 0, source: options.source ?? null,
          author_member_id: author?.kind === 'member' ? author.memberId : null, author_organizer_id: author?.kind === 'organizer' ? author.organizerId : null,
          created_at: now, updated_at: now, published_at: options.status === 'published' ? now : null,
        }).returning('id').executeTakeFirstOrThrow();
        await linkPractices(trx, row.id, input.practiceIds);
        await recordAudit(trx, clock, actor, { action: 'community.challenge.created', subjectType: 'challenge', subjectId: row.id, after: input });
      });
      return (await bySlug(slug))!;
    },

    async update(challenge: Challenge, input: ChallengeInput, actor: Actor): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('challenges').set({ ...columns(input), updated_at: clock.now().toISOString() }).where('id', '=', challenge.id).execute();
        await linkPractices(trx, challenge.id, input.practiceIds);
        await recordAudit(trx, clock, actor, { action: 'community.challenge.updated', subjectType: 'challenge', subjectId: challenge.id, before: challenge, after: input });
      });
    },

    async setStatus(challenge: Challenge, status: PracticeStatus, actor: Actor): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const now = clock.now().toISOString();
        await trx.updateTable('challenges')
          .set({ status, updated_at: now, ...(status === 'published' && !challenge.publishedAt ? { published_at: now } : {}) })
          .where('id', '=', challenge.id).execute();
        await recordAudit(trx, clock, actor, { action: `community.challenge.${status}`, subjectType: 'challenge', subjectId: challenge.id, before: { status: challenge.status }, after: { status } });
      });
    },

    /** "We have this too" on or off; the count is updated in the same transaction. Returns the new count. */
    async vote(challenge: Challenge, voter: string, on: boolean): Promise<number> {
      return db.transaction().execute(async (trx) => {
        if (on) {
          await trx.insertInto('challenge_votes').values({ challenge_id: challenge.id, voter, created_at: clock.now().toISOString() })
            .onConflict((oc) => oc.columns(['challenge_id', 'voter']).doNothing()).execute();
        } else {
          await trx.deleteFrom('challenge_votes').where('challenge_id', '=', challenge.id).where('voter', '=', voter).execute();
        }
        const count = await trx.selectFrom('challenge_votes').select((eb) => eb.fn.countAll<number | string>().as('n')).where('challenge_id', '=', challenge.id).executeTakeFirstOrThrow();
        await trx.updateTable('challenges').set({ votes: Number(count.n) }).where('id', '=', challenge.id).execute();
        return Number(count.n);
      });
    },
  };
}

export type ChallengesService = ReturnType<typeof createChallengesService>;
