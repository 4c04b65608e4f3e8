// Queries of the events module. Rows become LabEvent here and nowhere else.
import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { parseLocalized, serializeLocalized } from '../../platform/i18n/index.js';
import type { EventsTable } from './events.tables.js';
import type { EventHost, LabEvent, NewEvent } from './events.types.js';

type EventRow = Selectable<EventsTable>;

const date = (value: string) => new Date(value);
const optionalDate = (value: string | null) => (value === null ? null : new Date(value));

function toEvent(row: EventRow, hosts: EventHost[]): LabEvent {
  return {
    id: row.id,
    slug: row.slug,
    status: row.status,
    startsAt: date(row.starts_at),
    endsAt: date(row.ends_at),
    timeZone: row.time_zone,
    language: row.language,
    attendanceMode: row.attendance_mode,
    venue: row.venue === null ? null : parseLocalized(row.venue),
    confidential: row.confidential === 1,
    registrationOpensAt: optionalDate(row.registration_opens_at),
    registrationClosesAt: optionalDate(row.registration_closes_at),
    capacity: row.capacity,
    contactEmail: row.contact_email,
    title: parseLocalized(row.title),
    summary: parseLocalized(row.summary),
    description: parseLocalized(row.description),
    discussion: parseLocalized(row.discussion),
    format: parseLocalized(row.format),
    audience: parseLocalized(row.audience),
    accessNote: parseLocalized(row.access_note),
    hosts,
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
    icalSequence: row.ical_sequence,
  };
}

async function hostsOf(db: Db, eventIds: number[]): Promise<Map<number, EventHost[]>> {
  const byEvent = new Map<number, EventHost[]>();
  if (eventIds.length === 0) return byEvent;
  const rows = await db.selectFrom('event_hosts').select(['event_id', 'name', 'url']).where('event_id', 'in', eventIds).orderBy('event_id').orderBy('position').execute();
  for (const row of rows) {
    const list = byEvent.get(row.event_id) ?? [];
    list.push({ name: row.name, url: row.url });
    byEvent.set(row.event_id, list);
  }
  return byEvent;
}

async function withHosts(db: Db, rows: EventRow[]): Promise<LabEvent[]> {
  const hosts = await hostsOf(db, rows.map((r) => r.id));
  return rows.map((row) => toEvent(row, hosts.get(row.id) ?? []));
}

export async function findEventBySlug(db: Db, slug: string): Promise<LabEvent | null> {
  const row = await db.selectFrom('events').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!row) return null;
  const [event] = await withHosts(db, [row]);
  return event ?? null;
}

export async function findEventById(db: Db, id: number): Promise<LabEvent | null> {
  const row = await db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [event] = await withHosts(db, [row]);
  return event ?? null;
}

export async function listEvents(db: Db, filter: { statuses?: LabEvent['status'][] } = {}): Promise<LabEvent[]> {
  let query = db.selectFrom('events').selectAll().orderBy('starts_at', 'desc');
  if (filter.statuses) query = query.where('status', 'in', filter.statuses);
  return withHosts(db, await query.execute());
}

export async function countEvents(db: Db): Promise<number> {
  const row = await db.selectFrom('events').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The columns of an event as stored, from its domain form (shared by insert and update). */
function eventColumns(event: NewEvent) {
  return {
    slug: event.slug,
    status: event.status,
    starts_at: event.startsAt.toISOString(),
    ends_at: event.endsAt.toISOString(),
    time_zone: event.timeZone,
    language: event.language,
    attendance_mode: event.attendanceMode,
    venue: event.venue === null ? null : serializeLocalized(event.venue),
    confidential: event.confidential ? 1 : 0,
    registration_opens_at: event.registrationOpensAt?.toISOString() ?? null,
    registration_closes_at: event.registrationClosesAt?.toISOString() ?? null,
    capacity: event.capacity,
    contact_email: event.contactEmail,
    title: serializeLocalized(event.title),
    summary: serializeLocalized(event.summary),
    description: serializeLocalized(event.description),
    discussion: serializeLocalized(event.discussion),
    format: serializeLocalized(event.format),
    audience: serializeLocalized(event.audience),
    access_note: serializeLocalized(event.accessNote),
  };
}

async function insertHosts(db: Db, eventId: number, hosts: EventHost[]): Promise<void> {
  if (hosts.length === 0) return;
  await db.insertInto('event_hosts').values(hosts.map((host, position) => ({ event_id: eventId, position, name: host.name, url: host.url }))).execute();
}

export async function insertEvent(db: Db, event: NewEvent, now: Date): Promise<number> {
  const at = now.toISOString();
  const { id } = await db.insertInto('events').values({ ...eventColumns(event), created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  await insertHosts(db, id, event.hosts);
  return id;
}

/** Replaces an event's fields and hosts; the slug and status stay as they are. */
export async function updateEvent(db: Db, id: number, event: NewEvent, now: Date): Promise<void> {
  const { slug: _slug, status: _status, ...columns } = eventColumns(event);
  await db.updateTable('events').set({ ...columns, updated_at: now.toISOString() }).where('id', '=', id).execute();
  await db.deleteFrom('event_hosts').where('event_id', '=', id).execute();
  await insertHosts(db, id, event.hosts);
}

export async function setEventStatus(db: Db, id: number, status: LabEvent['status'], now: Date): Promise<void> {
  await db.updateTable('events').set({ status, updated_at: now.toISOString() }).where('id', '=', id).execute();
}

/** A change calendar clients must see (new time or place, cancelled): the next SEQUENCE. */
export async function raiseIcalSequence(db: Db, id: number): Promise<void> {
  await db.updateTable('events').set((eb) => ({ ical_sequence: eb('ical_sequence', '+', 1) })).where('id', '=', id).execute();
}

export async function slugTaken(db: Db, slug: string): Promise<boolean> {
  return (await db.selectFrom('events').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;
}
