// The audit log: every state change an organizer (or the system) makes, with before and after.
// Written in the same transaction as the change, so the log never disagrees with the data.
import type { Db } from '../db/database.js';
import type { Clock } from '../clock.js';

export interface Actor {
  id: number | null;
  label: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, label: 'system' };

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId: string | number;
  eventId?: number | null;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(db: Db, clock: Clock, actor: Actor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: clock.now().toISOString(),
      actor_id: actor.id,
      actor_label: actor.label,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: String(entry.subjectId),
      event_id: entry.eventId ?? null,
      before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}

export async function listAudit(db: Db, options: { limit: number; eventId?: number }) {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(options.limit);
  if (options.eventId !== undefined) query = query.where('event_id', '=', options.eventId);
  return query.execute();
}
