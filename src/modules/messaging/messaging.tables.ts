import type { Generated } from 'kysely';

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';

/**
 * Every mail, written in the same transaction as the change that causes it and sent by the
 * worker. The idempotency key makes a second write of the same mail a no-op.
 */
export interface OutboxTable {
  id: Generated<number>;
  idempotency_key: string;
  event_id: number | null;
  registration_id: number | null;
  template: string;
  locale: string;
  to_address: string;
  to_name: string;
  subject: string;
  text_body: string;
  html_body: string;
  /** An iCalendar attachment (text/calendar), when the mail carries one. */
  calendar: string | null;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  /** A worker that claimed the mail owns it until then; after that another may retry. */
  locked_until: string | null;
  last_error: string | null;
  /** 'smtp' or 'dev-inbox'. */
  transport: string | null;
  created_at: string;
  sent_at: string | null;
}

/** An event's own subject and body of a registrant mail in one language (else the default is used). */
export interface MailTemplatesTable {
  id: Generated<number>;
  event_id: number;
  template: string;
  locale: string;
  subject: string;
  body: string;
  /** The organizer who saved it last. */
  updated_by: number | null;
  updated_at: string;
}
