import type { Generated } from 'kysely';

export type EventStatus = 'draft' | 'published' | 'cancelled';
/** schema.org's eventAttendanceMode, in our words. */
export type AttendanceMode = 'online' | 'venue' | 'hybrid';

export interface EventsTable {
  id: Generated<number>;
  slug: string;
  status: EventStatus;
  /** UTC ISO-8601; shown in `time_zone`. */
  starts_at: string;
  ends_at: string;
  time_zone: string;
  /** The language the meeting is held in (not the UI language). */
  language: string;
  attendance_mode: AttendanceMode;
  /** Localized texts are JSON objects {"de": …, "en": …} (ADR 0006). */
  venue: string | null;
  confidential: number;
  registration_opens_at: string | null;
  registration_closes_at: string | null;
  capacity: number | null;
  contact_email: string;
  title: string;
  summary: string;
  description: string;
  discussion: string;
  format: string;
  audience: string;
  access_note: string;
  created_at: string;
  updated_at: string;
  /** SEQUENCE of the event's calendar entry: raised when date, time, place or status change. */
  ical_sequence: Generated<number>;
}

/** The organisations that host an event ("veranstaltet von CityLAB Berlin, BMI PG DIT"). */
export interface EventHostsTable {
  id: Generated<number>;
  event_id: number;
  position: number;
  name: string;
  url: string | null;
}
