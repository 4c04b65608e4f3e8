// The practice library: drafts by members or organizers, review, publication to the community or
// the public, search, and the feed of new practices. Every change is audited.
import type { Selectable } from 'kysely';
import type { Db, Dialect } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import { type Actor, recordAudit } from '../../platform/audit/audit.js';
import type { PracticesTable } from './community.tables.js';
import { type Author, type CommunityViewer, inCommunity, type Practice, type PracticeStatus } from './community.types.js';
import { freeSlug, parseJsonList, sameTopic, slugify } from './community.text.js';
import type { PracticeInput } from './practices.form.js';
import { indexPractice, searchPractices } from './search/practice-search.js';

export interface PracticeQuery {
  q?: string | undefined;
  topic?: string | undefined;
  lab?: number | undefined;
}

function toPractice(row: Selectable<PracticesTable>, labs: Practice['labs']): Practice {
  return {
    id: row.id, slug: row.slug, title: row.title, problem: row.problem, approach: row.approach, results: row.results, adapt: row.adapt,
    effort: row.effort, contact: row.contact, topics: parseJsonList(row.topics), links: parseJsonList(row.links), status: row.status,
    visibility: row.visibility, authorMemberId: row.author_member_id, authorOrganizerId: row.author_organizer_id, source: row.source, labs,
    createdAt: new Date(row.created_at), updatedAt: new Date(row.updated_at), publishedAt: row.published_at ? new Date(row.published_at) : null,
  };
}

/** Everything a search should find: the title counts twice, lab names and topics once. */
function searchDocument(input: PracticeInput, labNames: string[]): string {
  return [input.title, input.title, input.problem, input.approach, input.results, input.adapt, input.topics.join(' '), labNames.join(' ')].join('\n');
}

export function createPracticesService({ db, dialect, clock }: { db: Db; dialect: Dialect; clock: Clock }) {
  async function withLabs(rows: Array<Selectable<PracticesTable>>): Promise<Practice[]> {
    if (rows.length === 0) return [];
    const links = await db.selectFrom('practice_labs').innerJoin('labs', 'labs.id', 'practice_labs.lab_id')
      .select(['practice_labs.practice_id', 'labs.id', 'labs.slug', 'labs.name'])
      .where('practice_labs.practice_id', 'in', rows.map((r) => r.id)).execute();
    return rows.map((row) => toPractice(row, links.filter((l) => l.practice_id === row.id).map(({ id, slug, name }) => ({ id, slug, name }))));
  }

  async function save(trx: Db, id: number, input: PracticeInput): Promise<void> {
    await trx.deleteFrom('practice_labs').where('practice_id', '=', id).execute();
    if (input.labIds.length > 0) await trx.insertInto('practice_labs').values(input.labIds.map((labId) => ({ practice_id: id, lab_id: labId }))).execute();
    const labNames = input.labIds.length > 0 ? (await trx.selectFrom('labs').select('name').where('id', 'in', input.labIds).execute()).map((l) => l.name) : [];
    await indexPractice(trx, dialect, id, searchDocument(input, labNames));
  }

  const columns = (input: PracticeInput) => ({
    title: input.title, problem: input.problem, approach: input.approach, results: input.results, adapt: input.adapt, effort: input.effort,
    contact: input.contact, topics: JSON.stringify(input.topics), links: JSON.stringify(input.links), visibility: input.visibility,
  });

  async function bySlug(slug: string): Promise<Practice | null> {
    const row = await db.selectFrom('practices').selectAll().where('slug', '=', slug).executeTakeFirst();
    return row ? (await withLabs([row]))[0]! : null;
  }

  async function setStatus(practice: Practice, status: PracticeStatus, actor: Actor): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const now = clock.now().toISOString();
      await trx.updateTable('practices')
        .set({ status, updated_at: now, ...(status === 'published' && !practice.publishedAt ? { published_at: now } : {}) })
        .where('id', '=', practice.id).execute();
      await recordAudit(trx, clock, actor, { action: `community.practice.${status}`, subjectType: 'practice', subjectId: practice.id, before: { status: practice.status }, after: { status } });
    });
  }

  return {
    bySlug,

    async byId(id: number): Promise<Practice | null> {
      const row = await db.selectFrom('practices').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? (await withLabs([row]))[0]! : null;
    },

    /** The draft made from a meeting's item ("outcome:<id>"), if there is one. */
    async bySource(source: string): Promise<Practice | null> {
      const row = await db.selectFrom('practices').selectAll().where('source', '=', source).executeTakeFirst();
      return row ? (await withLabs([row]))[0]! : null;
    },

    /** Published practices the viewer may read, newest first, or best match first with a query. */
    async library(viewer: CommunityViewer, query: PracticeQuery): Promise<Practice[]> {
      const q = query.q?.trim() ?? '';
      const ranked = q ? await searchPractices(db, dialect, q) : null;
      if (ranked && ranked.length === 0) return [];
      let select = db.selectFrom('practices').selectAll().where('status', '=', 'published');
      if (!inCommunity(viewer)) select = select.where('visibility', '=', 'public');
      if (ranked) select = select.where('id', 'in', ranked);
      if (query.lab !== undefined) select = select.where('id', 'in', db.selectFrom('practice_labs').select('practice_id').where('lab_id', '=', query.lab));
      let practices = await withLabs(await select.orderBy('published_at', 'desc').orderBy('id', 'desc').execute());
      if (query.topic) practices = practices.filter((p) => p.topics.some((t) => sameTopic(t, query.topic!)));
      if (ranked) {
        const rank = new Map(ranked.map((id, i) => [id, i]));
        practices.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
      }
      return practices;
    },

    /** The viewer's own practices that are not published (yet). */
    async drafts(viewer: CommunityViewer): Promise<Practice[]> {
      let select = db.selectFrom('practices').selectAll().where('status', '!=', 'published');
      if (viewer.kind === 'member') select = select.where('author_member_id', '=', viewer.member.id);
      else if (viewer.kind === 'organizer') select = select.where('author_organizer_id', '=', viewer.organizerId);
      else return [];
      return withLabs(await select.orderBy('updated_at', 'desc').execute());
    },

    /** For moderators: every practice, those waiting for review first. */
    async all(status?: PracticeStatus): Promise<Practice[]> {
      let select = db.selectFrom('practices').selectAll();
      if (status) select = select.where('status', '=', status);
      return withLabs(await select.orderBy('updated_at', 'desc').execute());
    },

    async countInReview(): Promise<number> {
      const row = await db.selectFrom('practices').select((eb) => eb.fn.countAll<number | string>().as('n')).where('status', '=', 'review').executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** New published public practices for the Atom feed. */
    async recentPublic(limit = 30): Promise<Practice[]> {
      return withLabs(await db.selectFrom('practices').selectAll().where('status', '=', 'published').where('visibility', '=', 'public')
        .orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).execute());
    },

    async create(input: PracticeInput, author: Author | null, actor: Actor, options: { status?: PracticeStatus; source?: string; slug?: string } = {}): Promise<Practice> {
      const slug = await freeSlug(options.slug ?? slugify(input.title, 80), async (s) => (await db.selectFrom('practices').select('id').where('slug', '=', s).executeTakeFirst()) !== undefined);
      const id = await db.transaction().execute(async (trx) => {
        const now = clock.now().toISOString();
        const row = await trx.insertInto('practices').values({
          ...columns(input), slug, status: options.status ?? 'draft', source: options.source ?? null,
          author_member_id: author?.kind === 'member' ? author.memberId : null, author_organizer_id: author?.kind === 'organizer' ? author.organizerId : null,
          created_at: now, updated_at: now, published_at: options.status === 'published' ? now : null,
        }).returning('id').executeTakeFirstOrThrow();
        await save(trx, row.id, input);
        await recordAudit(trx, clock, actor, { action: 'community.practice.created', subjectType: 'practice', subjectId: row.id, after: input });
        return row.id;
      });
      return (await bySlug(slug)) ?? Promise.reject(new Error(`practice ${id} vanished`));
    },

    async update(practice: Practice, input: PracticeInput, actor: Actor): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('practices').set({ ...columns(input), updated_at: clock.now().toISOString() }).where('id', '=', practice.id).execute();
        await save(trx, practice.id, input);
        const { labs, ...before } = practice;
        await recordAudit(trx, clock, actor, { action: 'community.practice.updated', subjectType: 'practice', subjectId: practice.id, before: { ...before, labIds: labs.map((l) => l.id) }, after: input });
      });
    },

    /** draft → review (the author), review/unpublished → published or back to draft (moderators). */
    setStatus,
  };
}

export type PracticesService = ReturnType<typeof createPracticesService>;
