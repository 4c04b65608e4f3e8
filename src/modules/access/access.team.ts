// Membership rows of event teams, without audit: the team service (team.service.ts) builds the
// audited operations on it, including addOwner, which makes the creator of an event its owner.
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import type { EventRole } from './access.tables.js';

export async function addTeamMember(db: Db, clock: Clock, member: { eventId: number; organizerId: number; role: EventRole }): Promise<void> {
  await db.insertInto('event_team')
    .values({ event_id: member.eventId, organizer_id: member.organizerId, role: member.role, created_at: clock.now().toISOString() })
    .execute();
}
