import type { Generated } from 'kysely';
import type { Level } from '../../platform/germany.js';

/** A public innovation lab (or team) in the directory. */
export interface LabsTable {
  id: Generated<number>;
  /** Unique, for /labs/<slug>. */
  slug: string;
  name: string;
  level: Level;
  /** Two-letter code of the Land it sits in (federal labs too: where they work); null if unknown. */
  land: string | null;
  city: string;
  /** The body it belongs to ("Senatsverwaltung …", "Stadt Soest"). */
  parent_body: string;
  website: string | null;
  /** Year founded. */
  founded: number | null;
  /** JSON array of topic strings. */
  topics: string;
  /** Markdown. */
  description: string;
  /** Who works there, as the lab wants to say it ("8 people: …"). */
  team: string;
  /** Shown only when contact_public is 1 (the lab agreed to publish it). */
  contact_email: string | null;
  contact_public: number;
  /** hidden: kept, but not listed (moderation). */
  status: 'published' | 'hidden';
  created_at: string;
  updated_at: string;
}

/** A participant who joined the community through a registration's personal link. */
export interface MembersTable {
  id: Generated<number>;
  /** Stored lower-cased; never shown to other members (contact goes through the platform). */
  email: string;
  name: string;
  lab_id: number | null;
  /** 1: listed on their lab's page and in the member list, and reachable by "get in touch". */
  findable: number;
  /** A line or two about what they work on. */
  about: string;
  locale: string;
  created_at: string;
  updated_at: string;
}

/** Member sign-ins; the cookie holds a random id, the table only its SHA-256. */
export interface MemberSessionsTable {
  id_hash: string;
  member_id: number;
  created_at: string;
  expires_at: string;
}

/** One-time sign-in links mailed to members; only the token's SHA-256 is kept. */
export interface MemberSignInLinksTable {
  id: Generated<number>;
  token_hash: string;
  member_id: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export type PracticeStatus = 'draft' | 'review' | 'published' | 'unpublished';
export type Visibility = 'community' | 'public';

/** A practice or success story others can adapt. */
export interface PracticesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  problem: string;
  approach: string;
  results: string;
  /** What someone needs to adapt it. */
  adapt: string;
  effort: 'small' | 'medium' | 'large' | null;
  /** How to reach the people behind it, as the author wants it shown. */
  contact: string;
  /** JSON array of topic strings. */
  topics: string;
  /** JSON array of http(s) URLs. */
  links: string;
  status: PracticeStatus;
  visibility: Visibility;
  /** Who wrote it: a member or a team member (organizer); at most one is set. */
  author_member_id: number | null;
  author_organizer_id: number | null;
  /** Where a draft came from ("outcome:<board item id>"), for the back office. */
  source: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

export interface PracticeLabsTable {
  practice_id: number;
  lab_id: number;
}

/** Something labs struggle with, that others may share ("we have this too") or have solved. */
export interface ChallengesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  /** Markdown. */
  description: string;
  /** JSON array of topic strings. */
  topics: string;
  status: PracticeStatus;
  visibility: Visibility;
  /** Kept equal to the number of challenge_votes rows in the same transaction, for sorting. */
  votes: number;
  author_member_id: number | null;
  author_organizer_id: number | null;
  /** Where a draft came from ("question:<id>"), for the back office. */
  source: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

/** One "we have this too" per person (voter: 'm<member id>' or 'o<organizer id>') and challenge. */
export interface ChallengeVotesTable {
  challenge_id: number;
  voter: string;
  created_at: string;
}

/** Practices that address a challenge, linked by moderators. */
export interface ChallengePracticesTable {
  challenge_id: number;
  practice_id: number;
}

/** That a member wrote to another through the platform (the text goes only into the mail). */
export interface ContactMessagesTable {
  id: Generated<number>;
  from_member_id: number;
  to_member_id: number;
  created_at: string;
}
