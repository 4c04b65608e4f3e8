// Mails relative to the event (the access link a day before, a reminder an hour before, thanks
// afterwards). A due schedule is sent in one transaction to every matching registration and then
// marked sent; whoever becomes a match later (admitted after the access link went out) gets it in
// the transaction that changed their registration. The idempotency key `schedule-<id>` per
// registration makes each mail go out once, however the two paths meet.
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import { type Actor, recordAudit } from '../../platform/audit/audit.js';
import type { LabEvent } from '../events/events.types.js';
import type { RegistrationStatus } from '../registration/registration.types.js';
import type { RegistrationRow } from '../registration/registration.repo.js';
import type { ScheduleAnchor, ScheduledTemplate } from './schedules.tables.js';

export const SCHEDULED_TEMPLATES: readonly ScheduledTemplate[] = ['access_link', 'reminder', 'thank_you'];
/** Who can receive a scheduled mail. Cancelled, rejected and expired registrations never do. */
export const SCHEDULE_STATUSES: readonly RegistrationStatus[] = ['admitted', 'waitlisted', 'offered', 'pending'];
/** These carry the access link: only for people with a seat. */
export const ADMITTED_ONLY: readonly ScheduledTemplate[] = ['access_link', 'reminder'];

export interface MailSchedule {
  id: number;
  eventId: number;
  template: ScheduledTemplate;
  anchor: ScheduleAnchor;
  offsetMinutes: number;
  statuses: RegistrationStatus[];
  levels: string[];
  sentAt: Date | null;
  recipients: number | null;
  skipped: boolean;
}

export interface NewSchedule {
  template: ScheduledTemplate;
  anchor: ScheduleAnchor;
  offsetMinutes: number;
  statuses: RegistrationStatus[];
  levels: string[];
}

export function dueAt(event: LabEvent, schedule: Pick<MailSchedule, 'anchor' | 'offsetMinutes'>): Date {
  const anchor = schedule.anchor === 'start' ? event.startsAt : event.endsAt;
  return new Date(anchor.getTime() + schedule.offsetMinutes * 60_000);
}

/** Does a registration (now) belong to a schedule's recipients? */
export function matches(schedule: Pick<MailSchedule, 'statuses' | 'levels'>, reg: Pick<RegistrationRow, 'status' | 'level'>): boolean {
  return schedule.statuses.includes(reg.status) && (schedule.levels.length === 0 || schedule.levels.includes(reg.level));
}

type Row = { id: number; event_id: number; template: string; anchor: string; offset_minutes: number; statuses: string; levels: string; sent_at: string | null; recipients: number | null; skipped: number };

function toSchedule(row: Row): MailSchedule {
  return {
    id: row.id, eventId: row.event_id, template: row.template as ScheduledTemplate, anchor: row.anchor as ScheduleAnchor, offsetMinutes: row.offset_minutes,
    statuses: JSON.parse(row.statuses) as RegistrationStatus[], levels: JSON.parse(row.levels) as string[],
    sentAt: row.sent_at ? new Date(row.sent_at) : null, recipients: row.recipients, skipped: row.skipped === 1,
  };
}

export class ScheduleError extends Error {
  constructor(readonly reason: 'not-found' | 'already-sent') {
    super(reason);
  }
}

interface Deps {
  db: Db;
  clock: Clock;
  findEvent: (id: number) => Promise<LabEvent | null>;
  /** The registration module's transaction for an event (serialised with registrations). */
  inEventTransaction: <T>(eventId: number, fn: (trx: Db) => Promise<T>) => Promise<T>;
  recipients: (trx: Db, eventId: number, statuses: readonly RegistrationStatus[], levels: readonly string[]) => Promise<RegistrationRow[]>;
  queueMail: (trx: Db, event: LabEvent, reg: RegistrationRow, template: ScheduledTemplate, key: string) => Promise<unknown>;
  onError?: (error: unknown) => void;
}

export type MailSchedules = ReturnType<typeof createMailSchedules>;

export function createMailSchedules(deps: Deps) {
  const { db, clock } = deps;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  const describe = (s: MailSchedule | NewSchedule) => ({ template: s.template, anchor: s.anchor, offsetMinutes: s.offsetMinutes, statuses: s.statuses, levels: s.levels });

  return {
    async list(eventId: number): Promise<MailSchedule[]> {
      const rows = await db.selectFrom('mail_schedules').selectAll().where('event_id', '=', eventId).orderBy('anchor', 'desc').orderBy('offset_minutes').orderBy('id').execute();
      return rows.map(toSchedule);
    },

    /** Plans a mail (pass a transaction to join a larger one, as the demo seed does). */
    async add(event: Pick<LabEvent, 'id'>, input: NewSchedule, actor: Actor, tx?: Db): Promise<number> {
      const run = async (trx: Db) => {
        const row = await trx.insertInto('mail_schedules').values({
          event_id: event.id, template: input.template, anchor: input.anchor, offset_minutes: input.offsetMinutes,
          statuses: JSON.stringify(input.statuses), levels: JSON.stringify(input.levels), created_by: actor.id, created_at: clock.now().toISOString(),
          sent_at: null, recipients: null, skipped: 0,
        }).returning('id').executeTakeFirstOrThrow();
        await recordAudit(trx, clock, actor, { action: 'mail.schedule.added', subjectType: 'mail_schedule', subjectId: row.id, eventId: event.id, after: describe(input) });
        return row.id;
      };
      return tx ? run(tx) : db.transaction().execute(run);
    },

    /** Only schedules that have not gone out can be removed: what was sent stays on record. */
    async remove(event: LabEvent, id: number, actor: Actor): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('mail_schedules').selectAll().where('id', '=', id).where('event_id', '=', event.id).executeTakeFirst();
        if (!row) throw new ScheduleError('not-found');
        if (row.sent_at) throw new ScheduleError('already-sent');
        await trx.deleteFrom('mail_schedules').where('id', '=', id).execute();
        await recordAudit(trx, clock, actor, { action: 'mail.schedule.removed', subjectType: 'mail_schedule', subjectId: id, eventId: event.id, before: describe(toSchedule(row)) });
      });
    },

    /**
     * Sends every schedule that is due. Each runs in the event's registration transaction, so a
     * registration admitted at the same moment is either among the recipients or sees the
     * schedule as sent and gets its mail from the catch-up; the conditional update makes a
     * schedule run once even when several app instances tick together. Returns mails queued.
     */
    runDue,

    /** Looks for due schedules every `intervalMs` (one run at a time). */
    start(intervalMs = 30_000) {
      const tick = () => {
        if (running) return;
        running = runDue().catch((error: unknown) => {
          deps.onError?.(error);
          return 0;
        }).finally(() => {
          running = null;
        });
      };
      timer = setInterval(tick, intervalMs);
      timer.unref();
      tick();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },

    /**
     * Called in the transaction that changed a registration: schedules of its event that went out
     * already and that it now matches are sent to it at once (once: same idempotency key).
     */
    async catchUp(trx: Db, reg: RegistrationRow, event: LabEvent): Promise<void> {
      const sent = await trx.selectFrom('mail_schedules').selectAll().where('event_id', '=', reg.event_id).where('sent_at', 'is not', null).where('skipped', '=', 0).orderBy('id').execute();
      if (sent.length === 0 || event.status !== 'published') return;
      for (const schedule of sent.map(toSchedule)) {
        if (!matches(schedule, reg)) continue;
        if (ADMITTED_ONLY.includes(schedule.template) && clock.now() >= event.endsAt) continue;
        await deps.queueMail(trx, event, reg, schedule.template, `schedule-${schedule.id}`);
      }
    },
  };

  async function runDue(): Promise<number> {
    const now = clock.now();
    const pending = await db.selectFrom('mail_schedules').selectAll().where('sent_at', 'is', null).orderBy('id').execute();
    let queued = 0;
    for (const row of pending) {
      const schedule = toSchedule(row);
      const event = await deps.findEvent(schedule.eventId);
      // Drafts wait; a cancelled event sends nothing (its cancellation mail said everything).
      if (!event || event.status !== 'published' || dueAt(event, schedule) > now) continue;
      queued += await deps.inEventTransaction(event.id, async (trx) => {
        const claimed = await trx.updateTable('mail_schedules').set({ sent_at: now.toISOString() }).where('id', '=', schedule.id).where('sent_at', 'is', null).executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) return 0;
        // An access link or reminder that fell due after the end (say, added too late) is useless.
        if (ADMITTED_ONLY.includes(schedule.template) && now >= event.endsAt) {
          await trx.updateTable('mail_schedules').set({ skipped: 1, recipients: 0 }).where('id', '=', schedule.id).execute();
          return 0;
        }
        const recipients = await deps.recipients(trx, event.id, schedule.statuses, schedule.levels);
        for (const reg of recipients) await deps.queueMail(trx, event, reg, schedule.template, `schedule-${schedule.id}`);
        await trx.updateTable('mail_schedules').set({ recipients: recipients.length }).where('id', '=', schedule.id).execute();
        return recipients.length;
      });
    }
    return queued;
  }
}
