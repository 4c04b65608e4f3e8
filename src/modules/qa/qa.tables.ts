import type { Generated } from 'kysely';

/** How an event runs its Q&A; an event without a row uses the defaults (QA_DEFAULTS). */
export interface QaSettingsTable {
  event_id: number;
  /** 1: askers may leave their name off. */
  allow_anonymous: number;
  /** 1: every question waits for a moderator before others see it. */
  premoderation: number;
  /** Words (one per line) that hold a question for a moderator. */
  word_filter: string;
  updated_at: string;
}

/** A question in an event's live room, to one agenda item or to the whole meeting. */
export interface QuestionsTable {
  id: Generated<number>;
  event_id: number;
  /** null: to the meeting as a whole. */
  agenda_item_id: number | null;
  /** Who asked: a registration (participant) or a team member; exactly one is set. */
  registration_id: number | null;
  organizer_id: number | null;
  /** The name shown; null when asked anonymously (moderators still know who asked). */
  author_name: string | null;
  text: string;
  /** pending: waits for a moderator; visible; hidden: by a moderator. */
  state: 'pending' | 'visible' | 'hidden';
  /** Why it waits: premoderation, or a word of the filter. */
  held_for: 'premoderation' | 'word_filter' | null;
  /** Kept up to date with question_votes in the same transaction, for sorting. */
  votes: number;
  answered_at: string | null;
  highlighted_at: string | null;
  reply: string | null;
  edited_at: string | null;
  created_at: string;
}

/** One upvote: one per person (voter: 'r<registration id>' or 'o<organizer id>') and question. */
export interface QuestionVotesTable {
  question_id: number;
  voter: string;
  created_at: string;
}
