/**
 * The live room of an event. Its video link is a secret: only admitted participants (through
 * their personal link) and the event's team ever see it.
 */
export interface LiveRoomsTable {
  event_id: number;
  /** Where the meeting runs (any https link until #5 adds Jitsi and BigBlueButton); null until set. */
  video_url: string | null;
  /** The room opens this many minutes before the start. */
  opens_minutes_before: number;
  /** Set when an organizer opens the room (early, or again after closing it). */
  opened_at: string | null;
  /** Set when an organizer closes the room; it stays closed until opened again. */
  closed_at: string | null;
  updated_at: string;
}

/**
 * A participant's way into one event's live room: created when they follow their access link,
 * sent as a cookie scoped to the room's path. Only the hash of the session id is stored. It is
 * tied to the personal link it came from, so revoking that link shuts the room too.
 */
export interface LiveSessionsTable {
  id_hash: string;
  event_id: number;
  registration_id: number;
  registration_token_id: number;
  created_at: string;
  expires_at: string;
}
