// What each role may do on an event. Platform admins may do everything on every event.
import type { Db } from '../../platform/db/database.js';
import type { EventRole } from './access.tables.js';
import type { LabEvent } from '../events/events.types.js';
import { HttpError } from '../../platform/http/errors.js';

export type { EventRole };

export type EventAction =
  | 'registrations.read'
  | 'registrations.change'
  | 'registrations.export'
  | 'event.edit'
  | 'team.read'
  | 'team.manage'
  /** Open and close the live room (and, with #5, steer it). */
  | 'live.control';

const ALLOWED: Record<EventRole, readonly EventAction[]> = {
  owner: ['registrations.read', 'registrations.change', 'registrations.export', 'event.edit', 'team.read', 'team.manage', 'live.control'],
  organizer: ['registrations.read', 'registrations.change', 'registrations.export', 'event.edit', 'team.read', 'live.control'],
  moderator: ['registrations.read', 'team.read', 'live.control'],
  readonly: ['registrations.read', 'team.read'],
};

export function roleAllows(role: EventRole | null, action: EventAction): boolean {
  return role !== null && ALLOWED[role].includes(action);
}

/** The organizer's role on an event: owner for platform admins, the team role otherwise, or null. */
export async function roleOn(db: Db, organizer: { id: number; isAdmin: boolean }, eventId: number): Promise<EventRole | null> {
  if (organizer.isAdmin) return 'owner';
  const row = await db.selectFrom('event_team').select('role').where('event_id', '=', eventId).where('organizer_id', '=', organizer.id).executeTakeFirst();
  return row?.role ?? null;
}

/** Ids of the events an organizer belongs to (all for admins: null). */
export async function eventIdsOf(db: Db, organizer: { id: number; isAdmin: boolean }): Promise<number[] | null> {
  if (organizer.isAdmin) return null;
  const rows = await db.selectFrom('event_team').select('event_id').where('organizer_id', '=', organizer.id).execute();
  return rows.map((r) => r.event_id);
}

/**
 * The event named in the URL if the signed-in organizer may do `action` on it. Unknown events
 * and events of other teams are both 404, so the back office does not reveal which slugs exist;
 * team members without the right get 403.
 */
export async function eventForOrganizer(
  deps: { db: Db; findBySlug: (slug: string) => Promise<LabEvent | null> },
  organizer: { id: number; isAdmin: boolean },
  slug: string,
  action: EventAction,
): Promise<{ event: LabEvent; role: EventRole }> {
  const event = await deps.findBySlug(slug);
  if (!event) throw new HttpError(404);
  const role = await roleOn(deps.db, organizer, event.id);
  if (!roleAllows(role, action)) throw new HttpError(role ? 403 : 404);
  return { event, role: role! };
}

/**
 * Who moderates the community (labs, practices): platform admins and everyone who owns or
 * organizes at least one event. Moderators and read-only team members take part but do not moderate.
 */
export async function mayModerateCommunity(db: Db, organizer: { id: number; isAdmin: boolean }): Promise<boolean> {
  if (organizer.isAdmin) return true;
  const row = await db.selectFrom('event_team').select('event_id').where('organizer_id', '=', organizer.id).where('role', 'in', ['owner', 'organizer']).executeTakeFirst();
  return row !== undefined;
}
