// Retention: every event keeps its participants' personal data for a number of days after it ends
// (the operator's default, or what its organizers chose within the operator's limits); then the
// job anonymises it, keeping counts by status, level and Land. Audited as the system.
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import { type Actor, SYSTEM_ACTOR, recordAudit } from '../../platform/audit/audit.js';
import type { LabEvent } from '../events/events.types.js';
import { anonymiseEvent } from './erase.js';

export interface RetentionLimits {
  defaultDays: number;
  minDays: number;
  maxDays: number;
}

export interface RetainedCounts {
  total: number;
  byStatus: Record<string, number>;
  byLevel: Record<string, number>;
  byLand: Record<string, number>;
}

export interface Retention {
  days: number;
  /** Whether the organizers chose the days (else the operator's default applies). */
  chosen: boolean;
  /** When the job anonymises (the event's end plus the days). */
  dueAt: Date;
  anonymisedAt: Date | null;
  counts: RetainedCounts | null;
}

const DAY_MS = 24 * 3600_000;

export function createRetentionService({ db, clock, limits, findEvent }: { db: Db; clock: Clock; limits: RetentionLimits; findEvent: (id: number) => Promise<LabEvent | null> }) {
  async function retentionOf(event: LabEvent): Promise<Retention> {
    const row = await db.selectFrom('event_retention').selectAll().where('event_id', '=', event.id).executeTakeFirst();
    const days = row?.retention_days ?? limits.defaultDays;
    return {
      days, chosen: row?.retention_days != null, dueAt: new Date(event.endsAt.getTime() + days * DAY_MS),
      anonymisedAt: row?.anonymised_at ? new Date(row.anonymised_at) : null, counts: row?.counts ? (JSON.parse(row.counts) as RetainedCounts) : null,
    };
  }

  async function countsOf(trx: Db, eventId: number): Promise<RetainedCounts> {
    const rows = await trx.selectFrom('registrations').select(['status', 'level', 'land']).where('event_id', '=', eventId).execute();
    const tally = (key: 'status' | 'level' | 'land') => rows.reduce<Record<string, number>>((acc, r) => {
      const k = r[key] ?? '-';
      acc[k] = (acc[k] ?? 0) + 1;
      return acc;
    }, {});
    return { total: rows.length, byStatus: tally('status'), byLevel: tally('level'), byLand: tally('land') };
  }

  async function anonymise(event: LabEvent, actor: Actor): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('event_retention').select('anonymised_at').where('event_id', '=', event.id).executeTakeFirst();
      if (row?.anonymised_at) return false;
      const counts = await countsOf(trx, event.id);
      await anonymiseEvent(trx, event.id);
      const now = clock.now().toISOString();
      await trx.insertInto('event_retention').values({ event_id: event.id, retention_days: null, anonymised_at: now, counts: JSON.stringify(counts), updated_at: now })
        .onConflict((oc) => oc.column('event_id').doUpdateSet({ anonymised_at: now, counts: JSON.stringify(counts), updated_at: now })).execute();
      await recordAudit(trx, clock, actor, { action: 'privacy.event.anonymised', subjectType: 'event', subjectId: event.id, eventId: event.id, after: counts });
      return true;
    });
  }

  return {
    limits,
    retentionOf,

    /** Sets the days (null: back to the default); false when outside the operator's limits. */
    async setDays(event: LabEvent, days: number | null, actor: Actor): Promise<boolean> {
      if (days !== null && (!Number.isInteger(days) || days < limits.minDays || days > limits.maxDays)) return false;
      const before = await retentionOf(event);
      await db.transaction().execute(async (trx) => {
        const now = clock.now().toISOString();
        await trx.insertInto('event_retention').values({ event_id: event.id, retention_days: days, anonymised_at: null, counts: null, updated_at: now })
          .onConflict((oc) => oc.column('event_id').doUpdateSet({ retention_days: days, updated_at: now })).execute();
        await recordAudit(trx, clock, actor, { action: 'privacy.retention.set', subjectType: 'event', subjectId: event.id, eventId: event.id, before: { days: before.days }, after: { days: days ?? limits.defaultDays } });
      });
      return true;
    },

    anonymise,

    /**
     * Anonymises every event whose retention period is over. The candidates come from one query
     * on the end time (no event can be due before it ended + the shortest period); the exact due
     * date is checked per event.
     */
    async runDue(): Promise<string[]> {
      const now = clock.now();
      const latestEnd = new Date(now.getTime() - limits.minDays * DAY_MS).toISOString();
      const candidates = await db.selectFrom('events').leftJoin('event_retention', 'event_retention.event_id', 'events.id')
        .select('events.id').where('events.ends_at', '<=', latestEnd).where('event_retention.anonymised_at', 'is', null).execute();
      const done: string[] = [];
      for (const { id } of candidates) {
        const event = await findEvent(id);
        if (!event || (await retentionOf(event)).dueAt > now) continue;
        if (await anonymise(event, SYSTEM_ACTOR)) done.push(event.slug);
      }
      return done;
    },
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
