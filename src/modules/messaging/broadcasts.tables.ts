import type { Generated } from 'kysely';

/** A message organizers wrote to filtered registrations of an event: the record of what went out. */
export interface BroadcastsTable {
  id: Generated<number>;
  event_id: number;
  subject: string;
  /** Plain text with placeholders, as written. */
  body: string;
  /** JSON arrays, as for scheduled mails; levels empty: every level. */
  statuses: string;
  levels: string;
  created_by: number | null;
  created_at: string;
  recipients: number;
}
