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
  };
}
