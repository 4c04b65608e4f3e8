import type { LandCode, Level } from '../../platform/germany.js';
import type { PracticeStatus, Visibility } from './community.tables.js';

export type { PracticeStatus, Visibility };

export interface Lab {
  id: number;
  slug: string;
  name: string;
  level: Level;
  land: LandCode | null;
  city: string;
  parentBody: string;
  website: string | null;
  founded: number | null;
  topics: string[];
  description: string;
  team: string;
  contactEmail: string | null;
  contactPublic: boolean;
  status: 'published' | 'hidden';
  updatedAt: Date;
}

export interface Member {
  id: number;
  email: string;
  name: string;
  labId: number | null;
  findable: boolean;
  about: string;
  locale: string;
}

export type PracticeEffort = 'small' | 'medium' | 'large';
export const EFFORTS: readonly PracticeEffort[] = ['small', 'medium', 'large'];

export interface Practice {
  id: number;
  slug: string;
  title: string;
  problem: string;
  approach: string;
  results: string;
  adapt: string;
  effort: PracticeEffort | null;
  contact: string;
  topics: string[];
  links: string[];
  status: PracticeStatus;
  visibility: Visibility;
  authorMemberId: number | null;
  authorOrganizerId: number | null;
  source: string | null;
  labs: Array<Pick<Lab, 'id' | 'slug' | 'name'>>;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
}

/**
 * Who is looking at a community page. Members and team members (organizers) are "the community"
 * and see what is shared with it; moderators are organizers who may review and publish.
 */
export type CommunityViewer =
  | { kind: 'visitor' }
  | { kind: 'member'; member: Member }
  | { kind: 'organizer'; organizerId: number; name: string; moderator: boolean };

export const inCommunity = (viewer: CommunityViewer) => viewer.kind !== 'visitor';
export const isModerator = (viewer: CommunityViewer) => viewer.kind === 'organizer' && viewer.moderator;

/** Who wrote something the community shares: a member or a team member. */
export type Author = { kind: 'member'; memberId: number } | { kind: 'organizer'; organizerId: number };

export interface Challenge {
  id: number;
  slug: string;
  title: string;
  description: string;
  topics: string[];
  status: PracticeStatus;
  visibility: Visibility;
  votes: number;
  authorMemberId: number | null;
  authorOrganizerId: number | null;
  source: string | null;
  /** Practices that address it (moderators link them). */
  practiceIds: number[];
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
}
