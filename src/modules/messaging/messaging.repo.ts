// Reading the outbox for the back office.
import type { Db } from '../../platform/db/database.js';

export interface OutboxListRow {
  id: number;
  registration_id: number | null;
  template: string;
  to_address: string;
  to_name: string;
  subject: string;
  status: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: string;
  transport: string | null;
  created_at: string;
  sent_at: string | null;
}

const LIST_COLUMNS = ['id', 'registration_id', 'template', 'to_address', 'to_name', 'subject', 'status', 'attempts', 'last_error', 'next_attempt_at', 'transport', 'created_at', 'sent_at'] as const;

export async function listMailsOfEvent(db: Db, eventId: number, page: number, pageSize: number): Promise<{ rows: OutboxListRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    db.selectFrom('outbox').select(LIST_COLUMNS).where('event_id', '=', eventId).orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
    db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('event_id', '=', eventId).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findMailOfEvent(db: Db, eventId: number, id: number) {
  if (!Number.isSafeInteger(id)) return undefined;
  return db.selectFrom('outbox').selectAll().where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
}
