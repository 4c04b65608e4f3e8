// Writing mails into the outbox. Call inside the transaction of the change that causes the mail.
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import type { RenderedMail } from './templates.js';

export interface OutgoingMail extends RenderedMail {
  /** Same key, same mail: a retried transaction or a double click sends it once. */
  idempotencyKey: string;
  eventId: number | null;
  registrationId: number | null;
  template: string;
  locale: string;
  to: { address: string; name: string };
  calendar?: string | null;
}

export async function enqueueMail(db: Db, clock: Clock, mail: OutgoingMail): Promise<void> {
  const now = clock.now().toISOString();
  await db
    .insertInto('outbox')
    .values({
      idempotency_key: mail.idempotencyKey,
      event_id: mail.eventId,
      registration_id: mail.registrationId,
      template: mail.template,
      locale: mail.locale,
      to_address: mail.to.address,
      to_name: mail.to.name,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      calendar: mail.calendar ?? null,
      status: 'queued',
      attempts: 0,
      next_attempt_at: now,
      locked_until: null,
      last_error: null,
      transport: null,
      created_at: now,
      sent_at: null,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
}
