// Rules of the events module: what the public may see, and where registration stands.
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import { type Actor, recordAudit } from '../../platform/audit/audit.js';
import * as repo from './events.repo.js';
import type { LabEvent, NewEvent, RegistrationWindow } from './events.types.js';

export type EventsService = ReturnType<typeof createEventsService>;

/** Visible to the public: published events, and cancelled ones so links keep working. */
const PUBLIC_STATUSES: LabEvent['status'][] = ['published', 'cancelled'];

export function registrationWindow(event: LabEvent, now: Date): RegistrationWindow {
  if (event.status === 'cancelled') return { state: 'cancelled' };
  if (now >= event.endsAt) return { state: 'past' };
  if (event.registrationOpensAt && now < event.registrationOpensAt) return { state: 'not-yet-open', opensAt: event.registrationOpensAt };
  // Without an explicit deadline, registration closes when the meeting starts.
  const closesAt = event.registrationClosesAt ?? event.startsAt;
  if (now >= closesAt) return { state: 'closed', closedAt: closesAt };
  return { state: 'open', closesAt };
}

export function createEventsService({ db, clock, contentChanged = () => {} }: { db: Db; clock: Clock; contentChanged?: () => void }) {
  return {
    /** The start page: upcoming soonest first, past most recent first. */
    async publicListing(): Promise<{ upcoming: LabEvent[]; past: LabEvent[] }> {
      const now = clock.now();
      const events = await repo.listEvents(db, { statuses: PUBLIC_STATUSES });
      const upcoming = events.filter((e) => e.endsAt > now).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      const past = events.filter((e) => e.endsAt <= now);
      return { upcoming, past };
    },

    async findPublic(slug: string): Promise<LabEvent | null> {
      const event = await repo.findEventBySlug(db, slug);
      return event && PUBLIC_STATUSES.includes(event.status) ? event : null;
    },

    findBySlug: (slug: string) => repo.findEventBySlug(db, slug),
    findById: (id: number) => repo.findEventById(db, id),
    /** Reads an event inside a transaction that just changed it. */
    findByIdIn: (trx: Db, id: number) => repo.findEventById(trx, id),
    listAll: () => repo.listEvents(db),
    count: () => repo.countEvents(db),

    registrationWindow: (event: LabEvent) => registrationWindow(event, clock.now()),

    /** Creates an event with its hosts in one transaction (pass a transaction to join a larger one). */
    async createEvent(input: NewEvent, actor: Actor, tx: Db = db): Promise<number> {
      const run = async (trx: Db) => {
        const id = await repo.insertEvent(trx, input, clock.now());
        await recordAudit(trx, clock, actor, { action: 'events.event.created', subjectType: 'event', subjectId: id, eventId: id, after: { slug: input.slug, status: input.status } });
        return id;
      };
      const id = await (tx === db ? db.transaction().execute(run) : run(tx));
      contentChanged();
      return id;
    },

    /**
     * Saves an edited event in the caller's transaction. Returns whether date, time or place
     * changed, so the caller can tell the people registered in the same transaction.
     */
    async updateEvent(before: LabEvent, input: NewEvent, actor: Actor, trx: Db): Promise<{ scheduleChanged: boolean }> {
      await repo.updateEvent(trx, before.id, input, clock.now());
      const changes = changedFields(before, input);
      await recordAudit(trx, clock, actor, { action: 'events.event.updated', subjectType: 'event', subjectId: before.id, eventId: before.id, before: changes.before, after: changes.after });
      contentChanged();
      const scheduleChanged = ['startsAt', 'endsAt', 'timeZone', 'attendanceMode', 'venue'].some((key) => key in changes.after);
      if (scheduleChanged) await repo.raiseIcalSequence(trx, before.id);
      return { scheduleChanged };
    },

    /** Publishes a draft or cancels an event (cancelled events stay visible, marked as such). */
    async setStatus(event: LabEvent, status: 'published' | 'cancelled', actor: Actor, trx: Db): Promise<void> {
      const allowed = status === 'published' ? event.status === 'draft' : event.status !== 'cancelled';
      if (!allowed) throw new EventStateError(event.status, status);
      await repo.setEventStatus(trx, event.id, status, clock.now());
      if (status === 'cancelled') await repo.raiseIcalSequence(trx, event.id);
      await recordAudit(trx, clock, actor, { action: `events.event.${status}`, subjectType: 'event', subjectId: event.id, eventId: event.id, before: { status: event.status }, after: { status } });
      contentChanged();
    },

    slugTaken: (slug: string) => repo.slugTaken(db, slug),
  };
}

export class EventStateError extends Error {
  constructor(readonly from: LabEvent['status'], readonly to: LabEvent['status']) {
    super(`An event cannot go from ${from} to ${to}.`);
  }
}

/** The fields that differ, for the audit log: dates as ISO strings, texts as they are. */
function changedFields(before: LabEvent, after: NewEvent): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const diff = { before: {} as Record<string, unknown>, after: {} as Record<string, unknown> };
  for (const key of Object.keys(after) as Array<keyof NewEvent>) {
    if (key === 'slug' || key === 'status') continue;
    const was = JSON.stringify(before[key] ?? null);
    const now = JSON.stringify(after[key] ?? null);
    if (was !== now) {
      diff.before[key] = JSON.parse(was);
      diff.after[key] = JSON.parse(now);
    }
  }
  return diff;
}
