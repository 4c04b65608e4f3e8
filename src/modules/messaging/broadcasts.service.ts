// Messages organizers write to the registrations of an event ("Rundmail"). A message is a draft
// until it is sent; it can only be sent after a test mail of exactly its current text went to the
// organizer, and only to the number of recipients the organizer saw. Sending runs in the event's
// registration transaction: the recipients are those at that moment, each gets the message once
// (idempotency key per message and registration), and the record of what went to how many stays.
import { createHash } from 'node:crypto';
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import { type Actor, recordAudit } from '../../platform/audit/audit.js';
import { type Locale, isLocale, DEFAULT_LOCALE } from '../../platform/i18n/index.js';
import type { LabEvent } from '../events/events.types.js';
import type { RegistrationRow } from '../registration/registration.repo.js';
import type { RegistrationStatus } from '../registration/registration.types.js';
import { enqueueMail } from './outbox.js';
import type { RenderedMail, TemplateText } from './templates.js';

/** What the organizer writes: the text in one language and whom it goes to. */
export interface BroadcastText extends TemplateText {
  locale: Locale;
  statuses: RegistrationStatus[];
  /** Empty: every level. */
  levels: string[];
}

export interface Broadcast extends BroadcastText {
  id: number;
  eventId: number;
  state: 'draft' | 'sent';
  createdAt: Date;
  createdBy: string | null;
  /** A test mail of the text as it is now went out: it may be sent. */
  tested: boolean;
  testedAt: Date | null;
  sentAt: Date | null;
  sentBy: string | null;
  recipients: number;
}

export type SendOutcome =
  | { kind: 'sent'; recipients: number }
  | { kind: 'not-tested' }
  | { kind: 'no-recipients' }
  | { kind: 'recipients-changed'; expected: number; now: number };

export class BroadcastError extends Error {
  constructor(readonly reason: 'not-found' | 'already-sent') {
    super(reason);
  }
}

/** Which text a test mail was of: subject, body and language, nothing else. */
export function textDigest(text: Pick<BroadcastText, 'subject' | 'body' | 'locale'>): string {
  return createHash('sha256').update(JSON.stringify([text.subject, text.body, text.locale])).digest('hex');
}

type Row = {
  id: number; event_id: number; subject: string; body: string; locale: string; statuses: string; levels: string; state: string;
  created_at: string; created_by: number | null; tested_digest: string | null; tested_at: string | null; sent_at: string | null; sent_by: number | null; recipients: number;
};

function toBroadcast(row: Row, names: Map<number, string>): Broadcast {
  const locale = isLocale(row.locale) ? row.locale : DEFAULT_LOCALE;
  const text = { subject: row.subject, body: row.body, locale };
  const name = (id: number | null) => (id === null ? null : names.get(id) ?? null);
  return {
    ...text, id: row.id, eventId: row.event_id, state: row.state === 'sent' ? 'sent' : 'draft',
    statuses: JSON.parse(row.statuses) as RegistrationStatus[], levels: JSON.parse(row.levels) as string[],
    createdAt: new Date(row.created_at), createdBy: name(row.created_by),
    tested: row.tested_digest === textDigest(text), testedAt: row.tested_at ? new Date(row.tested_at) : null,
    sentAt: row.sent_at ? new Date(row.sent_at) : null, sentBy: name(row.sent_by), recipients: row.recipients,
  };
}

interface Deps {
  db: Db;
  clock: Clock;
  inEventTransaction: <T>(eventId: number, fn: (trx: Db) => Promise<T>) => Promise<T>;
  recipients: (trx: Db, eventId: number, statuses: readonly RegistrationStatus[], levels: readonly string[]) => Promise<RegistrationRow[]>;
  /** Queues the message to one registration, with their name and a fresh personal link. */
  queueMail: (trx: Db, event: LabEvent, reg: RegistrationRow, text: TemplateText, locale: Locale, idempotencyKey: string) => Promise<unknown>;
  onMailQueued: () => void;
}

export type Broadcasts = ReturnType<typeof createBroadcasts>;

export function createBroadcasts(deps: Deps) {
  const { db, clock } = deps;
  const describe = (b: BroadcastText) => ({ subject: b.subject, locale: b.locale, statuses: b.statuses, levels: b.levels });
  const values = (b: BroadcastText) => ({
    subject: b.subject, body: b.body, locale: b.locale, statuses: JSON.stringify(b.statuses), levels: JSON.stringify(b.levels),
  });

  async function names(ids: Array<number | null>): Promise<Map<number, string>> {
    const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
    if (wanted.length === 0) return new Map();
    const rows = await db.selectFrom('organizers').select(['id', 'name']).where('id', 'in', wanted).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async function draftRow(trx: Db, event: Pick<LabEvent, 'id'>, id: number): Promise<Row> {
    const row = await trx.selectFrom('broadcasts').selectAll().where('id', '=', id).where('event_id', '=', event.id).executeTakeFirst();
    if (!row) throw new BroadcastError('not-found');
    if (row.state !== 'draft') throw new BroadcastError('already-sent');
    return row;
  }

  return {
    /** Newest first: drafts and what went out. */
    async list(eventId: number): Promise<Broadcast[]> {
      const rows = await db.selectFrom('broadcasts').selectAll().where('event_id', '=', eventId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
      const known = await names(rows.flatMap((r) => [r.created_by, r.sent_by]));
      return rows.map((r) => toBroadcast(r, known));
    },

    async get(eventId: number, id: number): Promise<Broadcast | null> {
      const row = await db.selectFrom('broadcasts').selectAll().where('id', '=', id).where('event_id', '=', eventId).executeTakeFirst();
      return row ? toBroadcast(row, await names([row.created_by, row.sent_by])) : null;
    },

    /** How many registrations the filters reach now (what the send button promises). */
    async recipientCount(event: Pick<LabEvent, 'id'>, filter: Pick<BroadcastText, 'statuses' | 'levels'>): Promise<number> {
      return (await deps.recipients(db, event.id, filter.statuses, filter.levels)).length;
    },

    async create(event: Pick<LabEvent, 'id'>, input: BroadcastText, actor: Actor): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const row = await trx.insertInto('broadcasts').values({
          event_id: event.id, ...values(input), state: 'draft', created_by: actor.id, created_at: clock.now().toISOString(),
          recipients: 0, tested_digest: null, tested_at: null, sent_at: null, sent_by: null,
        }).returning('id').executeTakeFirstOrThrow();
        await recordAudit(trx, clock, actor, { action: 'mail.broadcast.drafted', subjectType: 'broadcast', subjectId: row.id, eventId: event.id, after: describe(input) });
        return row.id;
      });
    },

    /** Changes a draft. A changed text needs a new test mail (the digest no longer matches). */
    async update(event: Pick<LabEvent, 'id'>, id: number, input: BroadcastText, actor: Actor): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const before = await draftRow(trx, event, id);
        await trx.updateTable('broadcasts').set(values(input)).where('id', '=', id).execute();
        await recordAudit(trx, clock, actor, {
          action: 'mail.broadcast.edited', subjectType: 'broadcast', subjectId: id, eventId: event.id,
          before: describe(toBroadcast(before, new Map())), after: describe(input),
        });
      });
    },

    /** Only drafts can be deleted: what was sent stays on record. */
    async remove(event: Pick<LabEvent, 'id'>, id: number, actor: Actor): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const before = await draftRow(trx, event, id);
        await trx.deleteFrom('broadcasts').where('id', '=', id).execute();
        await recordAudit(trx, clock, actor, { action: 'mail.broadcast.deleted', subjectType: 'broadcast', subjectId: id, eventId: event.id, before: describe(toBroadcast(before, new Map())) });
      });
    },

    /**
     * Sends the draft's current text (rendered by the caller with sample values) to the organizer
     * and remembers which text was tested. Each click sends a new test mail.
     */
    async sendTest(event: Pick<LabEvent, 'id'>, id: number, to: { id: number; name: string; email: string }, mail: RenderedMail): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const row = await draftRow(trx, event, id);
        const now = clock.now();
        const locale = isLocale(row.locale) ? row.locale : DEFAULT_LOCALE;
        await enqueueMail(trx, clock, {
          ...mail, idempotencyKey: `broadcast-test:${id}:${to.id}:${now.getTime()}`, eventId: event.id, registrationId: null,
          template: 'broadcast_test', locale, to: { address: to.email, name: to.name },
        });
        await trx.updateTable('broadcasts').set({ tested_digest: textDigest({ ...row, locale }), tested_at: now.toISOString() }).where('id', '=', id).execute();
        await recordAudit(trx, clock, { id: to.id, label: to.name }, { action: 'mail.broadcast.tested', subjectType: 'broadcast', subjectId: id, eventId: event.id, after: { to: to.email } });
      });
      deps.onMailQueued();
    },

    /**
     * Sends a tested draft to every registration its filters reach now, if that is the number the
     * organizer confirmed; otherwise nothing is sent and the new number is returned.
     */
    async send(event: LabEvent, id: number, expected: number, actor: Actor): Promise<SendOutcome> {
      return deps.inEventTransaction(event.id, async (trx): Promise<SendOutcome> => {
        const row = await draftRow(trx, event, id);
        const draft = toBroadcast(row, new Map());
        if (!draft.tested) return { kind: 'not-tested' };
        const recipients = await deps.recipients(trx, event.id, draft.statuses, draft.levels);
        if (recipients.length === 0) return { kind: 'no-recipients' };
        if (recipients.length !== expected) return { kind: 'recipients-changed', expected, now: recipients.length };
        // The conditional update is the claim: a second click (or a second instance) finds it sent.
        const claimed = await trx.updateTable('broadcasts')
          .set({ state: 'sent', sent_at: clock.now().toISOString(), sent_by: actor.id, recipients: recipients.length })
          .where('id', '=', id).where('state', '=', 'draft').executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) throw new BroadcastError('already-sent');
        for (const reg of recipients) await deps.queueMail(trx, event, reg, draft, draft.locale, `${id}`);
        await recordAudit(trx, clock, actor, {
          action: 'mail.broadcast.sent', subjectType: 'broadcast', subjectId: id, eventId: event.id, after: { ...describe(draft), recipients: recipients.length },
        });
        return { kind: 'sent', recipients: recipients.length };
      });
    },

    /** How the mails of a sent message stand in the outbox: queued, sent, failed… */
    async delivery(eventId: number, id: number): Promise<Record<string, number>> {
      const rows = await db.selectFrom('outbox').select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('event_id', '=', eventId).where('template', '=', 'broadcast').where('idempotency_key', 'like', `broadcast:%:${id}`)
        .groupBy('status').execute();
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },
  };
}
