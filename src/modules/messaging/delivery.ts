// Delivery state of the mails of registrations, for the back office: a summary per registration
// (one grouped query for a page of the list), the mails of one registration, the registrations
// with mail problems, and sending a failed mail again. "Again" puts the same outbox row back in
// the queue (same idempotency key, same Message-ID), so a mail is never there twice.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import { type Actor, recordAudit } from '../../platform/audit/audit.js';
import type { OutboxListRow } from './messaging.repo.js';

/** How the mails of one registration stand. `retrying`: queued after at least one failed attempt (counted in `waiting` too). */
export interface DeliverySummary {
  total: number;
  sent: number;
  waiting: number;
  retrying: number;
  failed: number;
  /** The earliest next attempt of a mail that is retrying. */
  nextRetryAt: string | null;
}

export type DeliveryWorst = 'none' | 'sent' | 'waiting' | 'retrying' | 'failed';

/** Worst state wins: failed, then retrying, then waiting (queued or in flight), then delivered. */
export function worstOf(summary: DeliverySummary | undefined): DeliveryWorst {
  if (!summary || summary.total === 0) return 'none';
  if (summary.failed > 0) return 'failed';
  if (summary.retrying > 0) return 'retrying';
  if (summary.waiting > 0) return 'waiting';
  return 'sent';
}

/**
 * The delivery summary of each of `registrationIds` (the rows of one page of the list): one
 * query, grouped by registration and status. Registrations without mail are not in the map.
 */
export async function deliverySummaries(db: Db, eventId: number, registrationIds: readonly number[]): Promise<Map<number, DeliverySummary>> {
  const summaries = new Map<number, DeliverySummary>();
  if (registrationIds.length === 0) return summaries;
  const rows = await db
    .selectFrom('outbox')
    .select((eb) => [
      'registration_id',
      'status',
      eb.fn.countAll<number | string>().as('n'),
      sql<number | string>`count(case when ${sql.ref('attempts')} > 0 then 1 end)`.as('retried'),
      sql<string | null>`min(case when ${sql.ref('attempts')} > 0 then ${sql.ref('next_attempt_at')} end)`.as('next_retry_at'),
    ])
    .where('event_id', '=', eventId)
    .where('registration_id', 'in', [...registrationIds])
    .groupBy(['registration_id', 'status'])
    .execute();
  for (const row of rows) {
    if (row.registration_id === null) continue;
    const s = summaries.get(row.registration_id) ?? { total: 0, sent: 0, waiting: 0, retrying: 0, failed: 0, nextRetryAt: null };
    const n = Number(row.n);
    s.total += n;
    if (row.status === 'sent') s.sent += n;
    else if (row.status === 'failed') s.failed += n;
    else {
      s.waiting += n;
      if (row.status === 'queued' && Number(row.retried) > 0) {
        s.retrying += Number(row.retried);
        if (row.next_retry_at && (!s.nextRetryAt || row.next_retry_at < s.nextRetryAt)) s.nextRetryAt = row.next_retry_at;
      }
    }
    summaries.set(row.registration_id, s);
  }
  return summaries;
}

/** Registrations of the event with a mail problem: a mail that failed for good, or one still queued after a failed attempt. */
export async function registrationsWithMailProblems(db: Db, eventId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('outbox')
    .select('registration_id')
    .distinct()
    .where('event_id', '=', eventId)
    .where('registration_id', 'is not', null)
    .where((eb) => eb.or([eb('status', '=', 'failed'), eb.and([eb('status', '=', 'queued'), eb('attempts', '>', 0)])]))
    .execute();
  return rows.map((r) => r.registration_id!).sort((a, b) => a - b);
}

/** A mail as the delivery page shows it: the outbox columns of the list, with its language. */
export type RegistrationMail = Omit<OutboxListRow, 'registration_id' | 'to_address' | 'to_name'> & { locale: string };

/** Every mail of one registration of the event, oldest first. */
export async function mailsOfRegistration(db: Db, eventId: number, registrationId: number): Promise<RegistrationMail[]> {
  return db
    .selectFrom('outbox')
    .select(['id', 'template', 'locale', 'subject', 'status', 'attempts', 'last_error', 'next_attempt_at', 'transport', 'created_at', 'sent_at'])
    .where('event_id', '=', eventId)
    .where('registration_id', '=', registrationId)
    .orderBy('id')
    .execute();
}

/**
 * Puts a mail that failed for good back in the queue, due now: the same row, its attempts kept,
 * so the worker tries it once more and marks it failed again at once if the server still refuses.
 * Audited in the same transaction. 'not-failed' when the mail is in any other state (also when
 * two organizers click at the same moment: only one re-queues it).
 */
export async function requeueFailedMail(db: Db, clock: Clock, actor: Actor, eventId: number, mailId: number): Promise<'requeued' | 'not-failed'> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('outbox').select(['status', 'attempts', 'last_error']).where('id', '=', mailId).where('event_id', '=', eventId).executeTakeFirst();
    if (!before || before.status !== 'failed') return 'not-failed';
    const now = clock.now().toISOString();
    const result = await trx
      .updateTable('outbox')
      .set({ status: 'queued', next_attempt_at: now, locked_until: null })
      .where('id', '=', mailId)
      .where('status', '=', 'failed')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return 'not-failed';
    await recordAudit(trx, clock, actor, {
      action: 'mail.retried', subjectType: 'mail', subjectId: mailId, eventId,
      before: { status: before.status, attempts: before.attempts, last_error: before.last_error },
      after: { status: 'queued', next_attempt_at: now },
    });
    return 'requeued';
  });
}
