// Queries of the live module: the room settings of an event and participants' live sessions.
import type { Db } from '../../platform/db/database.js';
import type { LiveRoomsTable } from './live.tables.js';

export type LiveRoomRow = LiveRoomsTable;

export async function findRoom(db: Db, eventId: number): Promise<LiveRoomRow | undefined> {
  return db.selectFrom('live_rooms').selectAll().where('event_id', '=', eventId).executeTakeFirst();
}

/** Writes the room's row, creating it with the defaults on first use. */
export async function saveRoom(db: Db, room: LiveRoomRow): Promise<void> {
  await db.insertInto('live_rooms').values(room)
    .onConflict((oc) => oc.column('event_id').doUpdateSet({
      video_provider: room.video_provider, video_url: room.video_url, jitsi_domain: room.jitsi_domain, jitsi_room: room.jitsi_room,
      jitsi_embed: room.jitsi_embed, bbb_meeting_id: room.bbb_meeting_id, opens_minutes_before: room.opens_minutes_before, opened_at: room.opened_at, closed_at: room.closed_at, now_item_id: room.now_item_id, updated_at: room.updated_at,
    }))
    .execute();
}

export async function insertSession(db: Db, session: { id_hash: string; event_id: number; registration_id: number; registration_token_id: number; created_at: string; expires_at: string }): Promise<void> {
  await db.insertInto('live_sessions').values(session).execute();
}

export async function findSession(db: Db, idHash: string) {
  return db.selectFrom('live_sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
}
