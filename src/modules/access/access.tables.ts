import type { Generated } from 'kysely';

export interface OrganizersTable {
  id: Generated<number>;
  /** Stored lower-cased: one account per address. */
  email: string;
  name: string;
  /** argon2id, set from #3 on; null for accounts that log in by link only. */
  password_hash: string | null;
  /** Platform operators may manage every event and the site pages. */
  is_admin: number;
  created_at: string;
  disabled_at: string | null;
  /** Wrong passwords in a row; the tenth locks the account for 15 minutes (ADR 13). */
  failed_logins: Generated<number>;
  locked_until: string | null;
  /** Base32 TOTP secret when two-factor sign-in is on (ADR 32); null when off. */
  totp_secret: string | null;
  /** The time step of the last code used: a code works once. */
  totp_last_step: number | null;
}

/** One-time recovery codes of an organizer with two-factor sign-in; only the SHA-256 is kept. */
export interface RecoveryCodesTable {
  id: Generated<number>;
  organizer_id: number;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

/** A sign-in waiting for its second factor (a TOTP code). */
export interface LoginChallengesTable {
  id_hash: string;
  organizer_id: number;
  method: 'link' | 'password';
  attempts: Generated<number>;
  created_at: string;
  expires_at: string;
}

/** One-time login links. Only the SHA-256 of the token is stored. */
export interface LoginTokensTable {
  id: Generated<number>;
  organizer_id: number;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Server-side sessions; the cookie holds a random id, the table only its SHA-256. */
export interface SessionsTable {
  id_hash: string;
  organizer_id: number;
  created_at: string;
  expires_at: string;
}

export type EventRole = 'owner' | 'organizer' | 'moderator' | 'readonly';

/** The team of an event: who may do what there (platform admins may do everything everywhere). */
export interface EventTeamTable {
  event_id: number;
  organizer_id: number;
  role: EventRole;
  created_at: string;
}

/** Personal API tokens of organizers (ADR 14). Only the SHA-256 of the token is stored. */
export interface ApiTokensTable {
  id: Generated<number>;
  organizer_id: number;
  name: string;
  token_hash: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}
