import type { Generated } from 'kysely';
import type { Level } from '../../platform/germany.js';

/**
 * unconfirmed → (e-mail link) → admitted | waitlisted | pending (approval mode)
 * waitlisted → offered (a seat freed) → admitted, or expired when the offer runs out
 * any active → cancelled (by the person or an organizer); pending → rejected
 * unconfirmed past its deadline → expired
 */
export type RegistrationStatus = 'unconfirmed' | 'pending' | 'admitted' | 'waitlisted' | 'offered' | 'rejected' | 'cancelled' | 'expired';
export type AdmissionMode = 'automatic' | 'approval';
export type RegistrationSource = 'form' | 'manual' | 'import' | 'api';

export interface RegistrationsTable {
  id: Generated<number>;
  event_id: number;
  /** Lower-cased; one active registration per address and event. */
  email: string;
  name: string;
  organisation: string;
  level: Level;
  land: string | null;
  role: string | null;
  /** The registrant's language: mails go out in it. */
  locale: string;
  status: RegistrationStatus;
  /** 1 while this registration occupies one of the event's seats (admitted, offered, or reserved while unconfirmed). */
  holds_seat: number;
  /** Consent to appear in the participant list. */
  listed: number;
  privacy_consent_at: string;
  source: RegistrationSource;
  confirm_by: string | null;
  confirmed_at: string | null;
  admitted_at: string | null;
  waitlisted_at: string | null;
  offer_expires_at: string | null;
  cancelled_at: string | null;
  rejected_at: string | null;
  reject_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** Personal links. Several may be valid at once (a resent link does not kill the first); only hashes are stored. */
export interface RegistrationTokensTable {
  id: Generated<number>;
  registration_id: number;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface RegistrationPoliciesTable {
  event_id: number;
  admission_mode: AdmissionMode;
  /** Hours an unconfirmed registration may wait for its e-mail confirmation. */
  confirm_hours: number;
  /** Hours someone from the waiting list has to accept an offered seat. */
  offer_hours: number;
}

export type QuestionKind = 'short_text' | 'long_text' | 'single_choice' | 'multiple_choice' | 'yes_no';

export interface RegistrationQuestionsTable {
  id: Generated<number>;
  event_id: number;
  position: number;
  kind: QuestionKind;
  /** Localized JSON. */
  label: string;
  help: string;
  /** JSON array of {value, label: LocalizedText} for the choice kinds. */
  options: string;
  required: number;
}

export interface RegistrationAnswersTable {
  registration_id: number;
  question_id: number;
  /** Text, "yes"/"no", an option value, or a JSON array of option values. */
  value: string;
}

export type ImportFormat = 'labcamp' | 'eventbrite';

/** An uploaded CSV file, kept between preview and confirmation; emptied once applied. */
export interface RegistrationImportsTable {
  id: Generated<number>;
  event_id: number;
  organizer_id: number | null;
  format: ImportFormat;
  file_name: string;
  /** The decoded text of the file; '' once applied (the registrations hold the data then). */
  content: string;
  content_sha256: string;
  /** JSON counts once applied. */
  summary: string | null;
  created_at: string;
  applied_at: string | null;
}
