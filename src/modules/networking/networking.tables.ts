import type { Generated } from 'kysely';

/**
 * A networking round of an event's live room: planned (a preview the organizers may plan again),
 * running (groups meet, the countdown runs), ended (everyone is back in the plenary).
 */
export interface NetworkingRoundsTable {
  id: Generated<number>;
  event_id: number;
  /** 1, 2, … in the order the rounds run. */
  number: number;
  state: 'planned' | 'running' | 'ended';
  group_size: number;
  duration_minutes: number;
  /** What the groups talk about, in the organizers' words (shown to every group). */
  prompt: string;
  /** The last message the organizers sent to all groups of this round, and when. */
  message: string | null;
  message_at: string | null;
  started_at: string | null;
  ends_at: string | null;
  ended_at: string | null;
  created_at: string;
  /** A thematic round: the choice question of the registration form whose options are its topics (null: a mixed round). */
  theme_question_id: number | null;
}

/** One breakout group of a round, with its own video room and results board. */
export interface NetworkingGroupsTable {
  id: Generated<number>;
  event_id: number;
  round_id: number;
  /** 1, 2, … within the round. */
  number: number;
  /** Random: the group's Jitsi room suffix or BigBlueButton meeting id. Never shown to anyone outside the group. */
  video_key: string;
  created_at: string;
  /** In a thematic round: the option value of the topic this group meets on. */
  topic: string | null;
}

/** Who is in which group: one group per person and round. */
export interface NetworkingMembersTable {
  round_id: number;
  group_id: number;
  registration_id: number;
  /** 'plan' (computed), 'late' (placed after the round started), 'moved' (by an organizer). */
  placed_by: 'plan' | 'late' | 'moved';
}

/** People the organizers marked as gone: later rounds are planned without them (until they return). */
export interface NetworkingAbsencesTable {
  event_id: number;
  registration_id: number;
  created_at: string;
}

/** One entry of a group's results board. */
export interface BoardItemsTable {
  id: Generated<number>;
  event_id: number;
  group_id: number;
  section: 'next_steps' | 'recommendations' | 'questions' | 'practices';
  text: string;
  /** Raised by every save: a save based on an older version is refused (two people typing at once). */
  version: number;
  /** Who wrote it last ('r<registration id>' / 'o<organizer id>'): never shown in the report (Chatham House); for erasure. */
  author_key: string;
  /** 0: the organizers left it out of the outcome report. */
  in_report: number;
  created_at: string;
  updated_at: string;
}

/** Who may read an event's outcome report; an event without a row: the team only. */
export interface OutcomeReportsTable {
  event_id: number;
  visibility: 'team' | 'participants' | 'public';
  /** Shown under the title: the organizers' summary. */
  summary: string;
  published_at: string | null;
  updated_at: string;
}
