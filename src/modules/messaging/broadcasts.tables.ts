import type { Generated } from 'kysely';

/** A message organizers write to filtered registrations of an event: a draft, then the record of what went out. */
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
  /** How many registrations it went to (0 while a draft). */
  recipients: number;
  /** The language it is written in: dates and the footer follow it. */
  locale: string;
  state: 'draft' | 'sent';
  /** SHA-256 of subject, body and language when the last test mail went out. */
  tested_digest: string | null;
  tested_at: string | null;
  sent_at: string | null;
  sent_by: number | null;
}
