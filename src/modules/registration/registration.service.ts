// The rules of registration and admission: window, double opt-in, approval, capacity and the
// automatic waiting list. Every change runs in one transaction that first locks the event
// (PostgreSQL: SELECT … FOR UPDATE; SQLite has a single writer), so the last seat is never given
// twice, and writes its mails into the outbox in that same transaction.
import type { Db, Dialect } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import { type Actor, recordAudit } from '../../platform/audit/audit.js';
import { type Locale, isLocale, DEFAULT_LOCALE, messages } from '../../platform/i18n/index.js';
import { formatLongDate, formatShortDate, formatTime } from '../../platform/time.js';
import { hashToken, randomToken } from '../../platform/tokens.js';
import type { LabEvent } from '../events/events.types.js';
import type { EventsService } from '../events/events.service.js';
import { when, text } from '../events/events.present.js';
import { eventCalendar } from '../events/events.structured.js';
import { enqueueMail } from '../messaging/outbox.js';
import { type MailTemplate, type TemplateText, isRegistrantTemplate, renderMail } from '../messaging/templates.js';
import { findTemplateOverride } from '../messaging/templates.repo.js';
import * as repo from './registration.repo.js';
import type { RegistrationRow } from './registration.repo.js';
import type { Policy, Question, RegistrantDetails, Registration, RegistrationSource, RegistrationStatus } from './registration.types.js';
import { createKeyedQueue } from '../../platform/keyed-queue.js';

export type RegistrationService = ReturnType<typeof createRegistrationService>;

export type RegisterOutcome =
  | { kind: 'registered'; registrationId: number; status: RegistrationStatus; holdsSeat: boolean }
  | { kind: 'duplicate'; registrationId: number }
  | { kind: 'closed' };

export type LinkStanding =
  | { kind: 'unknown' }
  | { kind: 'revoked' | 'valid'; tokenId: number; registration: Registration; event: LabEvent };

export class RegistrationError extends Error {
  constructor(readonly reason: 'not-found' | 'not-allowed' | 'expired' | 'no-seat', message = reason) {
    super(message);
  }
}

/** An import row whose address got registered between the preview and the confirmation. */
export class ImportConflict extends Error {
  constructor(readonly index: number, readonly email: string) {
    super('import conflict');
  }
}

interface Deps {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  events: EventsService;
  /** Builds absolute links (BASE_URL). */
  link: (path: string) => string;
  /** Called after a transaction that queued mail has committed. */
  onMailQueued: () => void;
  /** Called inside the transaction for each registration whose status it changed (the latest row). */
  afterStatusChange?: (trx: Db, reg: RegistrationRow, event: LabEvent) => Promise<void>;
  /** Names of the labs in the community's directory, suggested in the lab field. */
  directoryLabs?: () => Promise<string[]>;
}

const LINK_RESEND_SLOT_MS = 10 * 60 * 1000;

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e.message ?? '');
}

export function createRegistrationService(deps: Deps) {
  const { db, dialect, clock } = deps;

  /** Registrations whose status changed, per open transaction (for afterStatusChange). */
  const changedIn = new WeakMap<Db, Map<number, RegistrationRow>>();
  // Two per event: the second waits at PostgreSQL's row lock, so the lock passes on without a round
  // trip through Node; the other eight pool connections stay free for pages and the mail worker.
  const eventLine = createKeyedQueue<number>(2);

  /**
   * One transaction per change, serialised per event. Before it commits, every registration whose
   * status it changed is handed to afterStatusChange (scheduled mails that went out already),
   * after the change's own mails, so they arrive in that order.
   */
  async function inEventTransaction<T>(eventId: number, fn: (trx: Db) => Promise<T>): Promise<T> {
    // PostgreSQL: the event's row lock orders these transactions across app instances. Within
    // one instance they queue here first, so a burst for one event holds two pool connections
    // instead of all ten, which starved the mail worker (confirmation mails 4–7 s late during a
    // burst, now milliseconds; bench/RESULTS.md) and every other page that needs the database.
    // SQLite runs one transaction at a time anyway.
    const result = dialect === 'postgres' ? await eventLine.run(eventId, () => eventTransaction(eventId, fn)) : await eventTransaction(eventId, fn);
    deps.onMailQueued();
    return result;
  }

  async function eventTransaction<T>(eventId: number, fn: (trx: Db) => Promise<T>): Promise<T> {
    return db.transaction().execute(async (trx) => {
      if (dialect === 'postgres') await trx.selectFrom('events').select('id').where('id', '=', eventId).forUpdate().execute();
      const changed = new Map<number, RegistrationRow>();
      changedIn.set(trx, changed);
      const value = await fn(trx);
      if (changed.size > 0 && deps.afterStatusChange) {
        const event = await deps.events.findByIdIn(trx, eventId);
        if (event) for (const reg of changed.values()) await deps.afterStatusChange(trx, reg, event);
      }
      return value;
    });
  }

  async function hasFreeSeat(trx: Db, event: LabEvent): Promise<boolean> {
    // Nobody jumps the queue: while people wait, a new registration waits too.
    if ((await repo.waitingCount(trx, event.id)) > 0) return false;
    if (event.capacity === null) return true;
    return repo.seatsBelow(trx, event.id, event.capacity);
  }

  /** Issues a fresh personal link and queues a mail that carries it. */
  async function mail(
    trx: Db, event: LabEvent, reg: RegistrationRow, template: MailTemplate, key: string,
    extra: { deadline?: Date; reason?: string; text?: { source: TemplateText; locale: Locale } } = {},
  ) {
    const token = randomToken();
    const now = clock.now();
    await trx.insertInto('registration_tokens').values({ registration_id: reg.id, token_hash: hashToken(token), created_at: now.toISOString(), revoked_at: null }).execute();
    // A message organizers wrote comes in the language they wrote it in; other mails in the registrant's.
    const locale: Locale = extra.text?.locale ?? (isLocale(reg.locale) ? reg.locale : DEFAULT_LOCALE);
    const t = messages(locale);
    const deadline = extra.deadline
      ? `${formatLongDate(extra.deadline, event.timeZone, locale)}, ${formatTime(extra.deadline, event.timeZone, locale)}`
      : undefined;
    // The event's own text for this mail and language, if the organizers wrote one (#4).
    const override = extra.text?.source ?? (isRegistrantTemplate(template) ? await findTemplateOverride(trx, event.id, template, locale) : undefined);
    const rendered = renderMail(template, locale, {
      name: reg.name, event: text(event, 'title', locale).text, when: when(event, t, locale).label,
      start: `${formatShortDate(event.startsAt, event.timeZone, locale)}, ${formatTime(event.startsAt, event.timeZone, locale)}${locale === 'de' ? ' Uhr' : ''}`,
      eventLink: deps.link(`/events/${event.slug}`),
      personalLink: deps.link(`/r/${token}`), accessLink: deps.link(`/r/${token}/live`), deadline, reason: extra.reason, contact: event.contactEmail,
    }, override);
    await enqueueMail(trx, clock, {
      ...rendered, idempotencyKey: `${template}:${reg.id}:${key}`, eventId: event.id, registrationId: reg.id,
      template, locale, to: { address: reg.email, name: reg.name }, calendar: invitation(event, reg, template, locale),
    });
    return token;
  }

  /**
   * The calendar invitation a mail carries: admitted people get one (REQUEST), an update when date,
   * time or place change (same UID, higher SEQUENCE), and a CANCEL when the event is cancelled or
   * they cancel their seat. Nobody else gets a calendar entry for a seat they do not have.
   */
  function invitation(event: LabEvent, reg: RegistrationRow, template: MailTemplate, locale: Locale): string | null {
    const seated = reg.status === 'admitted';
    const invites = template === 'admitted' || template === 'approved' || (seated && (template === 'event_changed' || template === 'event_cancelled'))
      || (template === 'cancelled' && reg.admitted_at !== null);
    if (!invites) return null;
    const url = deps.link(`/events/${event.slug}`);
    return eventCalendar(event, url, new URL(url).hostname, locale, clock.now(), { name: reg.name, email: reg.email, cancelled: template === 'cancelled' });
  }

  async function setStatus(trx: Db, reg: RegistrationRow, status: RegistrationStatus, fields: Partial<RegistrationRow> = {}): Promise<RegistrationRow> {
    const now = clock.now().toISOString();
    const holds = status === 'admitted' || status === 'offered' ? 1 : status === 'unconfirmed' ? reg.holds_seat : 0;
    const updated = await trx
      .updateTable('registrations')
      .set({ ...fields, status, holds_seat: holds, updated_at: now })
      .where('id', '=', reg.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    changedIn.get(trx)?.set(updated.id, updated);
    return updated;
  }

  /** After a confirmation or an approval: a seat if there is one, else the waiting list. */
  async function admitOrWaitlist(trx: Db, event: LabEvent, reg: RegistrationRow, admittedMail: 'admitted' | 'approved' = 'admitted'): Promise<RegistrationRow> {
    const now = clock.now().toISOString();
    if (reg.holds_seat === 1 || (await hasFreeSeat(trx, event))) {
      const admitted = await setStatus(trx, reg, 'admitted', { admitted_at: now });
      await mail(trx, event, admitted, admittedMail, now);
      return admitted;
    }
    const waiting = await setStatus(trx, reg, 'waitlisted', { waitlisted_at: now });
    await mail(trx, event, waiting, 'waitlisted', now);
    return waiting;
  }

  /** Offers every free seat to the next people on the waiting list, in the order they joined it. */
  async function fillFreedSeats(trx: Db, event: LabEvent, policy: Policy): Promise<void> {
    if (event.capacity === null) return;
    let free = event.capacity - (await repo.seatsTaken(trx, event.id));
    while (free > 0) {
      const next = await trx.selectFrom('registrations').selectAll().where('event_id', '=', event.id).where('status', '=', 'waitlisted')
        .orderBy('waitlisted_at').orderBy('id').limit(1).executeTakeFirst();
      if (!next) return;
      const expires = new Date(clock.now().getTime() + policy.offerHours * 3600_000);
      const offered = await setStatus(trx, next, 'offered', { offer_expires_at: expires.toISOString() });
      await mail(trx, event, offered, 'seat_offered', clock.now().toISOString(), { deadline: expires });
      free--;
    }
  }

  /** One registration inside the event's transaction: the body of register() and of importMany(). */
  async function insertRegistration(trx: Db, event: LabEvent, details: RegistrantDetails, locale: Locale, source: RegistrationSource, actor?: Actor): Promise<RegisterOutcome> {
    const email = details.email.trim().toLowerCase();
    const now = clock.now();
    const existing = await repo.findActiveByEmail(trx, event.id, email);
    if (existing) {
      // The same address again: never a second registration; its link once more, at most every 10 minutes.
      await mail(trx, event, existing, 'personal_link', String(Math.floor(now.getTime() / LINK_RESEND_SLOT_MS)));
      return { kind: 'duplicate', registrationId: existing.id };
    }
    const policy = await repo.policyFor(trx, event.id);
    const holds = source === 'form' && policy.admissionMode === 'automatic' && (await hasFreeSeat(trx, event));
    const inserted = await trx
      .insertInto('registrations')
      .values({
        event_id: event.id, email, name: details.name, organisation: details.organisation, level: details.level,
        land: details.land, role: details.role, locale, status: 'unconfirmed', holds_seat: holds ? 1 : 0,
        listed: details.listed ? 1 : 0, privacy_consent_at: now.toISOString(), source,
        confirm_by: new Date(now.getTime() + policy.confirmHours * 3600_000).toISOString(),
        confirmed_at: null, admitted_at: null, waitlisted_at: null, offer_expires_at: null,
        cancelled_at: null, rejected_at: null, reject_reason: null,
        created_at: now.toISOString(), updated_at: now.toISOString(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await repo.insertAnswers(trx, inserted.id, details.answers);
    let reg = inserted;
    if (source === 'form') {
      await mail(trx, event, reg, 'confirm_email', now.toISOString(), { deadline: new Date(reg.confirm_by!) });
    } else {
      // Entered by an organizer (the e-mail fallback) or imported: the organizer vouches for the address.
      reg = await setStatus(trx, reg, 'unconfirmed', { confirm_by: null, confirmed_at: now.toISOString() });
      reg = await admitOrWaitlist(trx, event, reg);
    }
    if (actor) {
      await recordAudit(trx, clock, actor, { action: 'registration.created', subjectType: 'registration', subjectId: reg.id, eventId: event.id, after: { email, status: reg.status, source } });
    }
    return { kind: 'registered', registrationId: reg.id, status: reg.status, holdsSeat: reg.holds_seat === 1 };
  }

  async function eventOf(reg: RegistrationRow): Promise<LabEvent> {
    const event = await deps.events.findById(reg.event_id);
    if (!event) throw new RegistrationError('not-found');
    return event;
  }

  /** Runs `fn` on the registration the token opens, re-read inside the event's transaction. */
  async function withRegistration<T>(token: string, fn: (trx: Db, reg: RegistrationRow, event: LabEvent) => Promise<T>): Promise<T> {
    const found = await repo.findByToken(db, token);
    if (!found) throw new RegistrationError('not-found');
    const event = await eventOf(found);
    return inEventTransaction(event.id, async (trx) => {
      const reg = await repo.findById(trx, found.id);
      if (!reg) throw new RegistrationError('not-found');
      return fn(trx, reg, event);
    });
  }

  return {
    policy: (eventId: number) => repo.policyFor(db, eventId),
    questions: (eventId: number) => repo.questionsFor(db, eventId),
    counts: (eventId: number) => repo.countsByStatus(db, eventId),

    search: (eventId: number, query: repo.RegistrationQuery) => repo.searchRegistrations(db, eventId, query),
    statistics: (eventId: number) => repo.statistics(db, eventId),
    seatsTaken: (eventId: number) => repo.seatsTaken(db, eventId),
    findById: (id: number) => repo.findById(db, id),
    listedParticipants: (eventId: number) => repo.listedParticipants(db, eventId),
    answersOfMany: (ids: number[]) => repo.answersOfMany(db, ids),

    /** Suggestions for the lab field: the labs directory, the hosts of meetings and labs of people who agreed to be listed. */
    async knownLabs(): Promise<string[]> {
      const hosts = (await deps.events.listAll()).flatMap((e) => e.hosts.map((h) => h.name));
      const directory = (await deps.directoryLabs?.()) ?? [];
      return [...new Set([...directory, ...hosts, ...(await repo.listedOrganisations(db))])].sort((a, b) => a.localeCompare(b, 'de'));
    },

    async register(event: LabEvent, details: RegistrantDetails, locale: Locale, source: RegistrationSource = 'form', actor?: Actor): Promise<RegisterOutcome> {
      const window = deps.events.registrationWindow(event);
      if (source === 'form' && window.state !== 'open') return { kind: 'closed' };
      const email = details.email.trim().toLowerCase();
      try {
        return await inEventTransaction(event.id, async (trx): Promise<RegisterOutcome> => {
          return insertRegistration(trx, event, details, locale, source, actor);
        });
      } catch (error) {
        // Two requests with the same address at once: the unique index lets one through.
        if (isUniqueViolation(error)) {
          const existing = await repo.findActiveByEmail(db, event.id, email);
          if (existing) return { kind: 'duplicate', registrationId: existing.id };
        }
        throw error;
      }
    },

    /**
     * Registers many people at once (CSV import), all or nothing: one transaction for every row,
     * its mails and audit entries. A row whose address is registered by now (someone was quicker
     * than the confirmation) throws ImportConflict and nothing is kept. `finish` runs last in the
     * same transaction (the import marks itself applied there).
     */
    async importMany(event: LabEvent, people: Array<{ details: RegistrantDetails; locale: Locale }>, actor: Actor,
      finish: (trx: Db, outcome: { admitted: number; waitlisted: number }) => Promise<void>): Promise<{ admitted: number; waitlisted: number }> {
      try {
        return await inEventTransaction(event.id, async (trx) => {
          const outcome = { admitted: 0, waitlisted: 0 };
          for (const [index, person] of people.entries()) {
            const result = await insertRegistration(trx, event, person.details, person.locale, 'import', actor);
            if (result.kind !== 'registered') throw new ImportConflict(index, person.details.email);
            if (result.status === 'admitted') outcome.admitted++;
            else outcome.waitlisted++;
          }
          await finish(trx, outcome);
          return outcome;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ImportConflict(-1, '');
        throw error;
      }
    },

    /** The e-mail link was followed (and its button pressed). Safe to repeat. */
    async confirm(token: string): Promise<RegistrationStatus> {
      return withRegistration(token, async (trx, reg, event) => {
        if (reg.status !== 'unconfirmed') return reg.status;
        if (reg.confirm_by && new Date(reg.confirm_by) <= clock.now()) {
          await setStatus(trx, reg, 'expired');
          await fillFreedSeats(trx, event, await repo.policyFor(trx, event.id));
          return 'expired';
        }
        const now = clock.now().toISOString();
        const confirmed = { ...reg, confirmed_at: now, confirm_by: null };
        const policy = await repo.policyFor(trx, event.id);
        if (policy.admissionMode === 'approval') {
          const pending = await setStatus(trx, confirmed, 'pending', { confirmed_at: now, confirm_by: null });
          await mail(trx, event, pending, 'pending_approval', now);
          return 'pending';
        }
        await trx.updateTable('registrations').set({ confirmed_at: now, confirm_by: null }).where('id', '=', reg.id).execute();
        return (await admitOrWaitlist(trx, event, confirmed)).status;
      });
    },

    async acceptOffer(token: string): Promise<RegistrationStatus> {
      return withRegistration(token, async (trx, reg, event) => {
        if (reg.status !== 'offered') return reg.status;
        if (reg.offer_expires_at && new Date(reg.offer_expires_at) <= clock.now()) throw new RegistrationError('expired');
        const now = clock.now().toISOString();
        const admitted = await setStatus(trx, reg, 'admitted', { admitted_at: now, offer_expires_at: null });
        await mail(trx, event, admitted, 'admitted', now);
        return 'admitted';
      });
    },

    async cancelByToken(token: string): Promise<RegistrationStatus> {
      return withRegistration(token, async (trx, reg, event) => {
        if (!['unconfirmed', 'pending', 'admitted', 'waitlisted', 'offered'].includes(reg.status)) return reg.status;
        const now = clock.now().toISOString();
        const cancelled = await setStatus(trx, reg, 'cancelled', { cancelled_at: now, offer_expires_at: null });
        if (reg.status !== 'unconfirmed') await mail(trx, event, cancelled, 'cancelled', now);
        await fillFreedSeats(trx, event, await repo.policyFor(trx, event.id));
        return 'cancelled';
      });
    },

    async updateDetails(token: string, details: Omit<RegistrantDetails, 'email'>): Promise<void> {
      await withRegistration(token, async (trx, reg) => {
        if (['cancelled', 'expired', 'rejected'].includes(reg.status)) throw new RegistrationError('not-allowed');
        await trx.updateTable('registrations')
          .set({ name: details.name, organisation: details.organisation, level: details.level, land: details.land, role: details.role, listed: details.listed ? 1 : 0, updated_at: clock.now().toISOString() })
          .where('id', '=', reg.id).execute();
        await repo.saveAnswers(trx, reg.id, details.answers);
      });
    },

    /** "I lost my link": mails it if the address is registered; says nothing either way. */
    async requestLink(event: LabEvent, email: string): Promise<void> {
      const existing = await repo.findActiveByEmail(db, event.id, email.trim().toLowerCase());
      if (!existing) return;
      await inEventTransaction(event.id, async (trx) => {
        await mail(trx, event, existing, 'personal_link', String(Math.floor(clock.now().getTime() / LINK_RESEND_SLOT_MS)));
      });
    },

    /**
     * Queues a mail of `template` to a registration inside the caller's transaction, with a fresh
     * personal link; the same idempotencyKey for the same template and registration sends it once.
     */
    queueMail: (trx: Db, event: LabEvent, reg: RegistrationRow, template: MailTemplate, idempotencyKey: string) => mail(trx, event, reg, template, idempotencyKey),

    /**
     * Queues a message organizers wrote (`source`, in `locale`) to a registration inside the
     * caller's transaction, with the person's name and a fresh personal link; once per key.
     */
    queueMessage: (trx: Db, event: LabEvent, reg: RegistrationRow, source: TemplateText, locale: Locale, idempotencyKey: string) =>
      mail(trx, event, reg, 'broadcast', idempotencyKey, { text: { source, locale } }),

    /** Runs `fn` in the event's registration transaction (scheduled mails go out in it). */
    inEventTransaction,

    /** Registrations of an event with one of `statuses` (and `levels`, unless empty), in a transaction. */
    recipients: (trx: Db, eventId: number, statuses: readonly RegistrationStatus[], levels: readonly string[]) => repo.withStatus(trx, eventId, statuses, levels),

    /**
     * Where a personal link stands, for the live room: unknown, revoked (replaced by a newer
     * link), or valid — with the registration, whatever its status.
     */
    async linkStanding(token: string): Promise<LinkStanding> {
      const found = await repo.findTokenStanding(db, token);
      if (!found) return { kind: 'unknown' };
      const event = await eventOf(found.registration);
      return { kind: found.revoked ? 'revoked' : 'valid', tokenId: found.tokenId, registration: repo.toRegistration(found.registration), event };
    },

    /** The same for a link remembered by id (a live session). */
    async linkStandingById(tokenId: number): Promise<{ revoked: boolean; status: RegistrationStatus; registrationId: number; name: string } | null> {
      const found = await repo.tokenStandingById(db, tokenId);
      return found ? { revoked: found.revoked, status: found.registration.status, registrationId: found.registration.id, name: found.registration.name } : null;
    },

    /** What the personal page shows. */
    async personalView(token: string) {
      const row = await repo.findByToken(db, token);
      if (!row) return null;
      const event = await eventOf(row);
      const [answers, questions, policy] = await Promise.all([repo.answersOf(db, row.id), repo.questionsFor(db, row.event_id), repo.policyFor(db, row.event_id)]);
      let waitlistPosition: number | null = null;
      if (row.status === 'waitlisted' && row.waitlisted_at) {
        const ahead = await db.selectFrom('registrations').select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('event_id', '=', row.event_id).where('status', '=', 'waitlisted')
          .where((eb) => eb.or([eb('waitlisted_at', '<', row.waitlisted_at!), eb.and([eb('waitlisted_at', '=', row.waitlisted_at!), eb('id', '<', row.id)])]))
          .executeTakeFirstOrThrow();
        waitlistPosition = Number(ahead.n) + 1;
      }
      return { registration: repo.toRegistration(row), event, answers, questions, policy, waitlistPosition };
    },

    /** Expires unconfirmed registrations and unanswered offers, then offers the freed seats. */
    async processDeadlines(): Promise<number> {
      const now = clock.now().toISOString();
      const due = await db.selectFrom('registrations').select('event_id').distinct()
        .where((eb) => eb.or([
          eb.and([eb('status', '=', 'unconfirmed'), eb('confirm_by', '<=', now)]),
          eb.and([eb('status', '=', 'offered'), eb('offer_expires_at', '<=', now)]),
        ]))
        .execute();
      let expired = 0;
      for (const { event_id } of due) {
        const event = await deps.events.findById(event_id);
        if (!event) continue;
        await inEventTransaction(event_id, async (trx) => {
          const rows = await trx.selectFrom('registrations').selectAll().where('event_id', '=', event_id)
            .where((eb) => eb.or([
              eb.and([eb('status', '=', 'unconfirmed'), eb('confirm_by', '<=', now)]),
              eb.and([eb('status', '=', 'offered'), eb('offer_expires_at', '<=', now)]),
            ]))
            .execute();
          for (const reg of rows) {
            const gone = await setStatus(trx, reg, 'expired');
            if (reg.status === 'offered') await mail(trx, event, gone, 'offer_expired', now);
            expired++;
          }
          await fillFreedSeats(trx, event, await repo.policyFor(trx, event_id));
        });
      }
      return expired;
    },

    /** Sets the admission rules and the organizer's own questions of an event (seed, back office). */
    async configure(eventId: number, setup: { policy: Policy; questions: Array<Omit<Question, 'id'>> }, tx: Db = db): Promise<void> {
      await tx.insertInto('registration_policies')
        .values({ event_id: eventId, admission_mode: setup.policy.admissionMode, confirm_hours: setup.policy.confirmHours, offer_hours: setup.policy.offerHours })
        .onConflict((oc) => oc.column('event_id').doUpdateSet({ admission_mode: setup.policy.admissionMode, confirm_hours: setup.policy.confirmHours, offer_hours: setup.policy.offerHours }))
        .execute();
      for (const [position, q] of setup.questions.entries()) {
        await tx.insertInto('registration_questions').values({
          event_id: eventId, position, kind: q.kind, label: JSON.stringify(q.label), help: JSON.stringify(q.help),
          options: JSON.stringify(q.options), required: q.required ? 1 : 0,
        }).execute();
      }
    },

    // Organizer actions (the back office of #3 builds on these).
    async approve(registrationId: number, actor: Actor): Promise<RegistrationStatus> {
      const found = await repo.findById(db, registrationId);
      if (!found) throw new RegistrationError('not-found');
      const event = await eventOf(found);
      return inEventTransaction(event.id, async (trx) => {
        const reg = await repo.findById(trx, registrationId);
        if (!reg || reg.status !== 'pending') throw new RegistrationError('not-allowed');
        const result = await admitOrWaitlist(trx, event, reg, 'approved');
        await recordAudit(trx, clock, actor, { action: 'registration.approved', subjectType: 'registration', subjectId: reg.id, eventId: event.id, before: { status: reg.status }, after: { status: result.status } });
        return result.status;
      });
    },

    /** Runs an organizer's change of one registration in the event's transaction, audited. */
    async organizerChange(registrationId: number, actor: Actor, action: 'cancel' | 'waitlist' | 'admit' | 'resend'): Promise<RegistrationStatus> {
      const found = await repo.findById(db, registrationId);
      if (!found) throw new RegistrationError('not-found');
      const event = await eventOf(found);
      return inEventTransaction(event.id, async (trx) => {
        const reg = await repo.findById(trx, registrationId);
        if (!reg) throw new RegistrationError('not-found');
        const now = clock.now().toISOString();
        let result: RegistrationRow = reg;
        switch (action) {
          case 'cancel':
            if (!['unconfirmed', 'pending', 'admitted', 'waitlisted', 'offered'].includes(reg.status)) throw new RegistrationError('not-allowed');
            result = await setStatus(trx, reg, 'cancelled', { cancelled_at: now, offer_expires_at: null });
            await mail(trx, event, result, 'cancelled', now);
            break;
          case 'waitlist':
            if (!['admitted', 'offered', 'pending'].includes(reg.status)) throw new RegistrationError('not-allowed');
            result = await setStatus(trx, reg, 'waitlisted', { waitlisted_at: now, offer_expires_at: null });
            await mail(trx, event, result, 'waitlisted', now);
            break;
          case 'admit': {
            if (!['waitlisted', 'pending', 'offered'].includes(reg.status)) throw new RegistrationError('not-allowed');
            const free = event.capacity === null || (await repo.seatsTaken(trx, event.id)) - (reg.holds_seat) < event.capacity;
            if (!free) throw new RegistrationError('no-seat');
            result = await setStatus(trx, reg, 'admitted', { admitted_at: now, offer_expires_at: null, confirmed_at: reg.confirmed_at ?? now });
            // Admitting someone who waited for review is an approval: they get the approval mail.
            await mail(trx, event, result, reg.status === 'pending' ? 'approved' : 'admitted', now);
            break;
          }
          case 'resend':
            if (['cancelled', 'expired'].includes(reg.status)) throw new RegistrationError('not-allowed');
            // A new link replaces every old one: the organizer resends when a link may have leaked.
            await trx.updateTable('registration_tokens').set({ revoked_at: now }).where('registration_id', '=', reg.id).where('revoked_at', 'is', null).execute();
            await mail(trx, event, reg, 'personal_link', now);
            break;
        }
        await recordAudit(trx, clock, actor, {
          action: `registration.${action === 'resend' ? 'link_resent' : action === 'admit' ? 'admitted' : action === 'waitlist' ? 'waitlisted' : 'cancelled'}`,
          subjectType: 'registration', subjectId: reg.id, eventId: event.id, before: { status: reg.status }, after: { status: result.status },
        });
        if (action === 'cancel' || action === 'waitlist') await fillFreedSeats(trx, event, await repo.policyFor(trx, event.id));
        return result.status;
      });
    },

    /** Sets how people are admitted; joins the caller's transaction (the event form's). */
    async setAdmissionMode(trx: Db, eventId: number, admissionMode: Policy['admissionMode']): Promise<void> {
      const policy = await repo.policyFor(trx, eventId);
      await trx.insertInto('registration_policies')
        .values({ event_id: eventId, admission_mode: admissionMode, confirm_hours: policy.confirmHours, offer_hours: policy.offerHours })
        .onConflict((oc) => oc.column('event_id').doUpdateSet({ admission_mode: admissionMode }))
        .execute();
    },

    /** After the capacity grew: seats that became free go to the waiting list, in order. */
    async seatsMayHaveFreed(trx: Db, event: LabEvent): Promise<void> {
      await fillFreedSeats(trx, event, await repo.policyFor(trx, event.id));
    },

    /** A new event takes over the questions and rules of the one it was cloned from. */
    async copySetup(trx: Db, fromEventId: number, toEventId: number): Promise<void> {
      const [policy, questions] = await Promise.all([repo.policyFor(trx, fromEventId), repo.questionsFor(trx, fromEventId)]);
      await this.configure(toEventId, { policy, questions: questions.map(({ id: _id, ...q }) => q) }, trx);
    },

    /**
     * Tells everyone still registered that the event was cancelled or changed (date, time,
     * place). Runs in the caller's transaction, the one that changes the event.
     */
    async notifyEventChange(trx: Db, event: LabEvent, template: 'event_cancelled' | 'event_changed', note: string | null): Promise<number> {
      const people = await trx.selectFrom('registrations').selectAll().where('event_id', '=', event.id)
        .where('status', 'in', ['unconfirmed', 'pending', 'admitted', 'waitlisted', 'offered']).orderBy('id').execute();
      const key = clock.now().toISOString();
      for (const reg of people) await mail(trx, event, reg, template, key, note ? { reason: note } : {});
      return people.length;
    },

    async reject(registrationId: number, reason: string | null, actor: Actor): Promise<void> {
      const found = await repo.findById(db, registrationId);
      if (!found) throw new RegistrationError('not-found');
      const event = await eventOf(found);
      await inEventTransaction(event.id, async (trx) => {
        const reg = await repo.findById(trx, registrationId);
        if (!reg || !['pending', 'waitlisted', 'admitted', 'offered'].includes(reg.status)) throw new RegistrationError('not-allowed');
        const now = clock.now().toISOString();
        const rejected = await setStatus(trx, reg, 'rejected', { rejected_at: now, reject_reason: reason });
        await mail(trx, event, rejected, 'rejected', now, reason ? { reason } : {});
        await recordAudit(trx, clock, actor, { action: 'registration.rejected', subjectType: 'registration', subjectId: reg.id, eventId: event.id, before: { status: reg.status }, after: { status: 'rejected', reason } });
        await fillFreedSeats(trx, event, await repo.policyFor(trx, event.id));
      });
    },
  };
}

/** Shown on the form and the done page: the deadline to confirm, in the event's zone. */
export function confirmDeadlineLabel(deadline: Date, event: LabEvent, locale: Locale): string {
  return `${formatShortDate(deadline, event.timeZone, locale)}, ${formatTime(deadline, event.timeZone, locale)}`;
}
