import type { Generated } from 'kysely';

/**
 * The live room of an event. Its video link is a secret: only admitted participants (through
 * their personal link) and the event's team ever see it.
 */
export interface LiveRoomsTable {
  event_id: number;
  /** Which video system the room uses: 'link' | 'jitsi' | 'bbb' (ADR 0023). */
  video_provider: string;
  /** For 'link': any https link; null until set. */
  video_url: string | null;
  /** For 'jitsi': the server's host, and the room's random name (made when Jitsi is first chosen). */
  jitsi_domain: string | null;
  jitsi_room: string | null;
  /** 1: the live page embeds the Jitsi room (operator's server only); 0: it opens in a new tab. */
  jitsi_embed: number;
  /** For 'bbb': the random meetingID (made when BigBlueButton is first chosen). */
  bbb_meeting_id: string | null;
  /** The room opens this many minutes before the start. */
  opens_minutes_before: number;
  /** Set when an organizer opens the room (early, or again after closing it). */
  opened_at: string | null;
  /** Set when an organizer closes the room; it stays closed until opened again. */
  closed_at: string | null;
  /** The agenda item running now (the moderators move it); null: none marked. */
  now_item_id: number | null;
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

/** What changed in an event's live room, numbered: the live updates' record for resuming. */
export interface LiveFeedTable {
  id: Generated<number>;
  event_id: number;
  /** The SSE event name: question, vote, reload… */
  kind: string;
  /** JSON, as sent to clients. */
  data: string;
  /** JSON array: 'all', 'moderators', or single people ('r<registration id>', 'o<organizer id>'). */
  audience: string;
  created_at: string;
}
