import type { LocalizedText } from '../../platform/i18n/index.js';
import type { AttendanceMode, EventStatus } from './events.tables.js';

export type { AttendanceMode, EventStatus };

export interface EventHost {
  name: string;
  url: string | null;
}

/** An event as the rest of the application sees it: dates as Date, texts localized. */
export interface LabEvent {
  id: number;
  slug: string;
  status: EventStatus;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  language: string;
  attendanceMode: AttendanceMode;
  venue: LocalizedText | null;
  confidential: boolean;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
  capacity: number | null;
  contactEmail: string;
  title: LocalizedText;
  summary: LocalizedText;
  description: LocalizedText;
  discussion: LocalizedText;
  format: LocalizedText;
  audience: LocalizedText;
  accessNote: LocalizedText;
  hosts: EventHost[];
  createdAt: Date;
  updatedAt: Date;
  /** SEQUENCE of the event's calendar entry and invitations; raised when date, time, place or status change. */
  icalSequence: number;
}

export type NewEvent = Omit<LabEvent, 'id' | 'createdAt' | 'updatedAt' | 'icalSequence'>;

/** Where registration stands, derived from the event and the time; never stored. */
export type RegistrationWindow =
  | { state: 'cancelled' }
  | { state: 'past' }
  | { state: 'not-yet-open'; opensAt: Date }
  | { state: 'open'; closesAt: Date }
  | { state: 'closed'; closedAt: Date };
