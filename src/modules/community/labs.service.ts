// The labs directory: profiles, filters and counts by Land, and the organizers' edits and imports.
import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import { type Actor, recordAudit } from '../../platform/audit/audit.js';
import { isLandCode, type LandCode, type Level } from '../../platform/germany.js';
import type { LabsTable } from './community.tables.js';
import type { Lab } from './community.types.js';
import { parseJsonList, sameTopic } from './community.text.js';
import type { LabInput } from './labs.form.js';

export interface LabFilter {
  level?: Level | undefined;
  land?: LandCode | undefined;
  topic?: string | undefined;
}

export function toLab(row: Selectable<LabsTable>): Lab {
  return {
    id: row.id, slug: row.slug, name: row.name, level: row.level, land: row.land && isLandCode(row.land) ? row.land : null,
    city: row.city, parentBody: row.parent_body, website: row.website, founded: row.founded, topics: parseJsonList(row.topics),
    description: row.description, team: row.team, contactEmail: row.contact_email, contactPublic: row.contact_public === 1,
    status: row.status, updatedAt: new Date(row.updated_at),
  };
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'de');

export function matches(lab: Lab, filter: LabFilter): boolean {
  return (!filter.level || lab.level === filter.level)
    && (!filter.land || lab.land === filter.land)
    && (!filter.topic || lab.topics.some((t) => sameTopic(t, filter.topic!)));
}

export function createLabsService({ db, clock }: { db: Db; clock: Clock }) {
  function columns(input: LabInput) {
    return {
      slug: input.slug, name: input.name, level: input.level, land: input.land, city: input.city, parent_body: input.parentBody,
      website: input.website, founded: input.founded, topics: JSON.stringify(input.topics), description: input.description,
      team: input.team, contact_email: input.contactEmail, contact_public: input.contactPublic ? 1 : 0,
    };
  }

  async function insert(trx: Db, input: LabInput, actor: Actor): Promise<number> {
    const now = clock.now().toISOString();
    const row = await trx.insertInto('labs').values({ ...columns(input), status: 'published', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, clock, actor, { action: 'community.lab.created', subjectType: 'lab', subjectId: row.id, after: input });
    return row.id;
  }

  async function update(trx: Db, before: Lab, input: LabInput, actor: Actor): Promise<void> {
    await trx.updateTable('labs').set({ ...columns(input), updated_at: clock.now().toISOString() }).where('id', '=', before.id).execute();
    await recordAudit(trx, clock, actor, { action: 'community.lab.updated', subjectType: 'lab', subjectId: before.id, before, after: input });
  }

  const all = async (includeHidden = false): Promise<Lab[]> => {
    let query = db.selectFrom('labs').selectAll();
    if (!includeHidden) query = query.where('status', '=', 'published');
    return (await query.execute()).map(toLab).sort(byName);
  };

  return {
    all,

    /** Published labs matching the filter, and what the filters and the map need, from one read. */
    async directory(filter: LabFilter) {
      const labs = await all();
      const listed = labs.filter((lab) => matches(lab, filter));
      // The map counts every Land under the other filters, so it also shows where else to look.
      const byLand: Partial<Record<LandCode, number>> = {};
      for (const lab of labs) {
        if (lab.land && matches(lab, { ...filter, land: undefined })) byLand[lab.land] = (byLand[lab.land] ?? 0) + 1;
      }
      const topics = new Map<string, number>();
      for (const lab of labs) {
        for (const topic of lab.topics) {
          const known = [...topics.keys()].find((t) => sameTopic(t, topic)) ?? topic;
          topics.set(known, (topics.get(known) ?? 0) + 1);
        }
      }
      return {
        labs: listed, total: labs.length, byLand,
        topics: [...topics].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'de')),
      };
    },

    async bySlug(slug: string, includeHidden = false): Promise<Lab | null> {
      const row = await db.selectFrom('labs').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row && (includeHidden || row.status === 'published') ? toLab(row) : null;
    },

    async byIds(ids: number[]): Promise<Lab[]> {
      if (ids.length === 0) return [];
      return (await db.selectFrom('labs').selectAll().where('id', 'in', ids).execute()).map(toLab).sort(byName);
    },

    async slugTaken(slug: string, exceptId?: number): Promise<boolean> {
      const row = await db.selectFrom('labs').select('id').where('slug', '=', slug).executeTakeFirst();
      return row !== undefined && row.id !== exceptId;
    },

    async create(input: LabInput, actor: Actor): Promise<number> {
      return db.transaction().execute((trx) => insert(trx, input, actor));
    },

    async update(before: Lab, input: LabInput, actor: Actor): Promise<void> {
      await db.transaction().execute((trx) => update(trx, before, input, actor));
    },

    async setStatus(lab: Lab, status: Lab['status'], actor: Actor): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('labs').set({ status, updated_at: clock.now().toISOString() }).where('id', '=', lab.id).execute();
        await recordAudit(trx, clock, actor, { action: `community.lab.${status === 'hidden' ? 'hidden' : 'shown'}`, subjectType: 'lab', subjectId: lab.id, before: { status: lab.status }, after: { status } });
      });
    },

    /** Creates new labs and updates those whose slug exists, all or nothing. */
    async importMany(rows: LabInput[], actor: Actor): Promise<{ created: number; updated: number }> {
      return db.transaction().execute(async (trx) => {
        let created = 0;
        let updated = 0;
        for (const input of rows) {
          const existing = await trx.selectFrom('labs').selectAll().where('slug', '=', input.slug).executeTakeFirst();
          if (existing) {
            await update(trx, toLab(existing), input, actor);
            updated++;
          } else {
            await insert(trx, input, actor);
            created++;
          }
        }
        await recordAudit(trx, clock, actor, { action: 'community.labs.imported', subjectType: 'labs', subjectId: 'import', after: { created, updated } });
        return { created, updated };
      });
    },

    /** Suggestions for lab fields (registration, member profile): every published lab's name. */
    async names(): Promise<string[]> {
      return (await all()).map((lab) => lab.name);
    },
  };
}

export type LabsService = ReturnType<typeof createLabsService>;
