// What the video providers have in common: who joins, and where they are sent.

/** How an event's live room meets: a Jitsi room, a BigBlueButton meeting, or any other https link. */
export const VIDEO_PROVIDERS = ['link', 'jitsi', 'bbb'] as const;
export type VideoProvider = (typeof VIDEO_PROVIDERS)[number];

/** The person following the join link, as the video system should show them. */
export interface Joiner {
  /** Shown to the others in the meeting: the registration's or the organizer's name. */
  name: string;
  /** Team members who steer the room (live.control) moderate the meeting; everyone else takes part. */
  moderator: boolean;
}

/** Where a join ends up: a personal URL, or an explanation why there is none right now. */
export type JoinTarget =
  | { kind: 'redirect'; url: string }
  | { kind: 'not-set' }
  | { kind: 'unavailable' };
