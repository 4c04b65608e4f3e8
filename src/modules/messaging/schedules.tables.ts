import type { Generated } from 'kysely';

/** Mails sent to every matching registration at a time relative to the event. */
export type ScheduledTemplate = 'access_link' | 'reminder' | 'thank_you';
export type ScheduleAnchor = 'start' | 'end';

export interface MailSchedulesTable {
  id: Generated<number>;
  event_id: number;
  template: ScheduledTemplate;
  anchor: ScheduleAnchor;
  /** Minutes from the anchor: negative before it (−1440: a day before the start), positive after. */
  offset_minutes: number;
  /** JSON array of registration statuses that receive it. */
  statuses: string;
  /** JSON array of levels that receive it; empty: every level. */
  levels: string;
  created_by: number | null;
  created_at: string;
  /** When the run for everyone matching went out; later admissions get it at once. */
  sent_at: string | null;
  /** How many mails that run queued. */
  recipients: number | null;
  /** 1 when it fell due only after the event had ended and was not sent (an access link then is useless). */
  skipped: number;
}
