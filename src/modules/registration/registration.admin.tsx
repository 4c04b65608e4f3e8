// Back office of registration: the list with overview and actions, manual registration,
// rejection with a reason, the CSV and XLSX exports; the CSV import lives in registration.import.admin.tsx. Every change is checked against the event role.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { HttpError } from '../../platform/http/errors.js';
import { checkText, field } from '../../platform/http/form.js';
import { isLocale } from '../../platform/i18n/index.js';
import { isLandCode, isLevel } from '../../platform/germany.js';
import type { Actor } from '../../platform/audit/audit.js';
import { type EventAction, eventForOrganizer, roleAllows } from '../access/access.policy.js';
import type { LabEvent } from '../events/events.types.js';
import { EMPTY_FORM, readForm, validateForm } from './registration.form.js';
import { SORT_COLUMNS, type RegistrationQuery } from './registration.repo.js';
import { RegistrationError } from './registration.service.js';
import { registrationsCsv, registrationsTable } from './registration.csv.js';
import { registrationImportAdmin } from './registration.import.admin.js';
import { writeXlsx } from '../../platform/xlsx.js';
import { RegistrationsAdminPage } from './views/RegistrationsAdmin.js';
import { deliverySummaries, registrationsWithMailProblems } from '../messaging/delivery.js';
import { ManualRegistrationPage, RejectPage } from './views/RegistrationAdminForms.js';

const ACTIONS = ['approve', 'cancel', 'waitlist', 'admit', 'resend'] as const;
type Action = (typeof ACTIONS)[number];
const STATUSES = new Set(['unconfirmed', 'pending', 'admitted', 'waitlisted', 'offered', 'rejected', 'cancelled', 'expired']);
const PAGE_SIZE = 50;

type Query = Record<string, string | undefined>;

/** Reads the list's query string; anything unknown falls back to the default instead of failing. */
export function parseListQuery(raw: Query): RegistrationQuery {
  const [sortKey = 'created', dirKey = 'desc'] = (raw.sort ?? 'created-desc').split('-');
  const sort = (sortKey in SORT_COLUMNS ? sortKey : 'created') as RegistrationQuery['sort'];
  const page = Number.parseInt(raw.page ?? '1', 10);
  return {
    q: raw.q?.trim().slice(0, 200) || undefined,
    status: raw.status && STATUSES.has(raw.status) ? raw.status : undefined,
    level: raw.level && isLevel(raw.level) ? raw.level : undefined,
    land: raw.land && (raw.land === '-' || isLandCode(raw.land)) ? raw.land : undefined,
    mail: raw.mail === 'problems' ? 'problems' : undefined,
    sort,
    dir: dirKey === 'asc' ? 'asc' : 'desc',
    page: Number.isFinite(page) && page > 0 ? Math.min(page, 100_000) : 1,
    pageSize: PAGE_SIZE,
  };
}

export const registrationAdmin: FastifyPluginAsync<ModuleOptions> = async (app, options) => {
  const { services, assetVersion, database, config, clock } = options;
  const ctx = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, assetVersion, { csrf: true });
  const actor = (request: FastifyRequest): Actor => ({ id: request.organizer!.id, label: request.organizer!.name });

  async function eventFor(request: FastifyRequest<{ Params: { slug: string } }>, action: EventAction): Promise<{ event: LabEvent; canChange: boolean; canExport: boolean; canEdit: boolean }> {
    const { event, role } = await eventForOrganizer({ db: database.db, findBySlug: services.events.findBySlug }, request.organizer!, request.params.slug, action);
    return { event, canChange: roleAllows(role, 'registrations.change'), canExport: roleAllows(role, 'registrations.export'), canEdit: roleAllows(role, 'event.edit') };
  }

  /** The list's query; the "mail problems" filter becomes the ids the messaging module names. */
  async function listQuery(eventId: number, raw: Query): Promise<RegistrationQuery> {
    const query = parseListQuery(raw);
    return query.mail === 'problems' ? { ...query, ids: await registrationsWithMailProblems(database.db, eventId) } : query;
  }

  async function listPage(request: FastifyRequest<{ Params: { slug: string }; Querystring: Query }>, reply: FastifyReply, notice?: { kind: 'success' | 'error'; text: string }, status = 200) {
    const { event, canChange, canExport, canEdit } = await eventFor(request, 'registrations.read');
    const query = await listQuery(event.id, request.query);
    const [{ rows, total }, stats, seatsTaken] = await Promise.all([
      services.registration.search(event.id, query), services.registration.statistics(event.id), services.registration.seatsTaken(event.id),
    ]);
    // The mail state of the rows shown: one grouped query for the page.
    const mailStates = await deliverySummaries(database.db, event.id, rows.map((r) => r.id));
    const mails = { states: mailStates, devInbox: config.smtpUrl === null, now: clock.now() };
    const done = request.query.done;
    const shown = notice ?? (done && request.t.registrationsAdmin.done[done] ? { kind: 'success' as const, text: request.t.registrationsAdmin.done[done]! } : undefined);
    return reply.html(<RegistrationsAdminPage ctx={ctx(request, reply)} data={{ event, query, rows, total, stats, seatsTaken, canChange, canExport, canEdit, notice: shown, mails }} />, status);
  }

  app.get<{ Params: { slug: string }; Querystring: Query }>('/admin/events/:slug/registrations', async (request, reply) => listPage(request, reply));

  app.post<{ Params: { slug: string; id: string; action: string }; Querystring: Query }>('/admin/events/:slug/registrations/:id/:action', async (request, reply) => {
    const { event } = await eventFor(request, 'registrations.change');
    const action = request.params.action as Action;
    if (!ACTIONS.includes(action)) throw new HttpError(404);
    const registration = await services.registration.findById(Number(request.params.id));
    if (!registration || registration.event_id !== event.id) throw new HttpError(404);
    try {
      if (action === 'approve') await services.registration.approve(registration.id, actor(request));
      else await services.registration.organizerChange(registration.id, actor(request), action);
    } catch (error) {
      if (!(error instanceof RegistrationError)) throw error;
      const t = request.t.registrationsAdmin;
      return listPage(request, reply, { kind: 'error', text: error.reason === 'no-seat' ? t.noSeat : t.notAllowed }, 409);
    }
    const params = new URLSearchParams(request.query as Record<string, string>);
    params.set('done', action);
    return reply.redirect(`/admin/events/${event.slug}/registrations?${params}`, 303);
  });

  app.get<{ Params: { slug: string; id: string } }>('/admin/events/:slug/registrations/:id/reject', async (request, reply) => {
    const { event } = await eventFor(request, 'registrations.change');
    const registration = await services.registration.findById(Number(request.params.id));
    if (!registration || registration.event_id !== event.id) throw new HttpError(404);
    return reply.html(<RejectPage ctx={ctx(request, reply)} event={event} registration={registration} reason="" query="" />);
  });

  app.post<{ Params: { slug: string; id: string } }>('/admin/events/:slug/registrations/:id/reject', async (request, reply) => {
    const { event } = await eventFor(request, 'registrations.change');
    const registration = await services.registration.findById(Number(request.params.id));
    if (!registration || registration.event_id !== event.id) throw new HttpError(404);
    const reason = field(request.body, 'reason').replace(/\r\n?/g, '\n').trim();
    const error = checkText(reason, request.t, { max: 1000 });
    if (error) return reply.html(<RejectPage ctx={ctx(request, reply)} event={event} registration={registration} reason={reason} error={error} query="" />, 422);
    try {
      await services.registration.reject(registration.id, reason || null, actor(request));
    } catch (e) {
      if (e instanceof RegistrationError) return listPage(request as never, reply, { kind: 'error', text: request.t.registrationsAdmin.notAllowed }, 409);
      throw e;
    }
    return reply.redirect(`/admin/events/${event.slug}/registrations?done=reject`, 303);
  });

  async function manualPage(request: FastifyRequest<{ Params: { slug: string } }>, reply: FastifyReply, event: LabEvent, state: { values?: ReturnType<typeof readForm>; errors?: Record<string, string | undefined>; language?: string; problem?: string }, status = 200) {
    const [questions, knownLabs] = await Promise.all([services.registration.questions(event.id), services.registration.knownLabs()]);
    return reply.html(
      <ManualRegistrationPage ctx={ctx(request, reply)} event={event} values={state.values ?? EMPTY_FORM} errors={state.errors ?? {}} questions={questions} knownLabs={knownLabs} language={state.language ?? 'de'} problem={state.problem} />, status,
    );
  }

  app.get<{ Params: { slug: string } }>('/admin/events/:slug/registrations/new', async (request, reply) => {
    const { event } = await eventFor(request, 'registrations.change');
    return manualPage(request, reply, event, {});
  });

  app.post<{ Params: { slug: string } }>('/admin/events/:slug/registrations/new', async (request, reply) => {
    const { event } = await eventFor(request, 'registrations.change');
    const questions = await services.registration.questions(event.id);
    const values = readForm(request.body, questions);
    const language = field(request.body, 'language');
    const locale = isLocale(language) ? language : 'de';
    // The organizer records the person's consent as given by e-mail.
    const checked = validateForm({ ...values, privacy: true }, questions, request.t, { requireEmail: true, requirePrivacy: false });
    if (!checked.details) return manualPage(request, reply, event, { values, errors: checked.errors, language: locale }, 422);
    const outcome = await services.registration.register(event, checked.details, locale, 'manual', actor(request));
    if (outcome.kind === 'duplicate') return manualPage(request, reply, event, { values, language: locale, problem: request.t.registrationsAdmin.duplicate }, 409);
    return reply.redirect(`/admin/events/${event.slug}/registrations?done=manual`, 303);
  });

  /** The rows of an export, with the list's filters (all pages). */
  async function exportTable(request: FastifyRequest<{ Params: { slug: string }; Querystring: Query }>) {
    const { event } = await eventFor(request, 'registrations.export');
    const query = { ...(await listQuery(event.id, request.query)), page: 1, pageSize: 1_000_000 };
    const [{ rows }, questions] = await Promise.all([services.registration.search(event.id, query), services.registration.questions(event.id)]);
    const answers = await services.registration.answersOfMany(rows.map((r) => r.id));
    return { event, rows, questions, answers };
  }

  app.get<{ Params: { slug: string }; Querystring: Query }>('/admin/events/:slug/registrations.csv', async (request, reply) => {
    const { event, rows, questions, answers } = await exportTable(request);
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${event.slug}-registrations.csv"`)
      .send(registrationsCsv(rows, questions, answers, request.locale));
  });

  app.get<{ Params: { slug: string }; Querystring: Query }>('/admin/events/:slug/registrations.xlsx', async (request, reply) => {
    const { event, rows, questions, answers } = await exportTable(request);
    const table = registrationsTable(rows, questions, answers, request.locale);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', `attachment; filename="${event.slug}-registrations.xlsx"`)
      .send(Buffer.from(writeXlsx({ name: request.t.registrationsAdmin.nav, header: table.header, rows: table.rows })));
  });

  await app.register(registrationImportAdmin, options);
};
