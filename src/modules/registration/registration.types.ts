import type { LocalizedText } from '../../platform/i18n/index.js';
import type { Level } from '../../platform/germany.js';
import type { AdmissionMode, QuestionKind, RegistrationSource, RegistrationStatus } from './registration.tables.js';

export type { AdmissionMode, QuestionKind, RegistrationSource, RegistrationStatus };

export interface Question {
  id: number;
  kind: QuestionKind;
  label: LocalizedText;
  help: LocalizedText;
  options: Array<{ value: string; label: LocalizedText }>;
  required: boolean;
}

export interface Policy {
  admissionMode: AdmissionMode;
  confirmHours: number;
  offerHours: number;
}

export const DEFAULT_POLICY: Policy = { admissionMode: 'automatic', confirmHours: 48, offerHours: 48 };

/** What a person tells us about themselves; the same for the form, the back office and imports. */
export interface RegistrantDetails {
  name: string;
  email: string;
  organisation: string;
  level: Level;
  land: string | null;
  role: string | null;
  listed: boolean;
  /** question id → value (string, or string[] for multiple choice) */
  answers: Record<number, string | string[]>;
}

export interface Registration {
  id: number;
  eventId: number;
  email: string;
  name: string;
  organisation: string;
  level: Level;
  land: string | null;
  role: string | null;
  locale: string;
  status: RegistrationStatus;
  holdsSeat: boolean;
  listed: boolean;
  source: RegistrationSource;
  confirmBy: Date | null;
  offerExpiresAt: Date | null;
  rejectReason: string | null;
  createdAt: Date;
}

/** Statuses that block a second registration with the same address. */
export const ACTIVE_STATUSES: RegistrationStatus[] = ['unconfirmed', 'pending', 'admitted', 'waitlisted', 'offered', 'rejected'];
