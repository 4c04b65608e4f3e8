// /api/v1/events/:slug/registrations: list, read, create (like the back office's manual
// registration) and change the status of registrations. Every input is checked here, at the
// edge; registration details go through the same validateForm as the forms.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ApiOptions } from '../api/api.routes.js';
import { ApiError, apiMessages } from '../api/api.errors.js';
import { checkText } from '../../platform/http/form.js';
import { type Messages, isLocale, negotiateLocale } from '../../platform/i18n/index.js';
import type { Actor } from '../../platform/audit/audit.js';
import { type EventAction, eventForOrganizer } from '../access/access.policy.js';
import type { LabEvent } from '../events/events.types.js';
import { type FormValues, questionField, validateForm } from './registration.form.js';
import type { RegistrationRow } from './registration.repo.js';
import { RegistrationError } from './registration.service.js';
import type { Question, RegistrationStatus } from './registration.types.js';

const STATUSES: readonly RegistrationStatus[] = ['unconfirmed', 'pending', 'admitted', 'waitlisted', 'offered', 'rejected', 'cancelled', 'expired'];
const TARGETS = ['admitted', 'waitlisted', 'cancelled', 'rejected'] as const;
const CREATE_FIELDS = new Set(['name', 'email', 'organisation', 'level', 'land', 'role', 'listed', 'language', 'answers']);
export const MAX_PER_PAGE = 200;

export function registrationJson(row: RegistrationRow, answers: Record<number, string | string[]>) {
  return {
    id: row.id,
    status: row.status,
    name: row.name,
    email: row.email,
    organisation: row.organisation,
    level: row.level,
    land: row.land,
    role: row.role,
    language: row.locale,
    listed: row.listed === 1,
    source: row.source,
    holds_seat: row.holds_seat === 1,
    created_at: row.created_at,
    updated_at: row.updated_at,
    confirmed_at: row.confirmed_at,
    admitted_at: row.admitted_at,
    cancelled_at: row.cancelled_at,
    rejected_at: row.rejected_at,
    reject_reason: row.reject_reason,
    answers: Object.fromEntries(Object.entries(answers).map(([id, value]) => [id, value])),
  };
}

type Body = Record<string, unknown>;

function objectBody(request: FastifyRequest): Body {
  const body = request.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(400, 'bad_request', apiMessages(request).api.badRequest);
  }
  return body as Body;
}

/** Reads the JSON body into the values validateForm checks; wrong types become field errors. */
function readRegistration(body: Body, questions: Question[], t: Messages): { values: FormValues; language: unknown; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const typeError = t.api.wrongType;
  const text = (name: string): string => {
    const value = body[name];
    if (value === undefined || value === null) return '';
    if (typeof value !== 'string') {
      errors[name] = typeError;
      return '';
    }
    return value.trim();
  };
  for (const key of Object.keys(body)) if (!CREATE_FIELDS.has(key)) errors[key] = t.api.unknownField;
  const listed = body.listed;
  if (listed !== undefined && typeof listed !== 'boolean') errors.listed = typeError;
  const rawAnswers = body.answers ?? {};
  const answers: Record<number, string | string[]> = {};
  if (rawAnswers === null || typeof rawAnswers !== 'object' || Array.isArray(rawAnswers)) {
    errors.answers = typeError;
  } else {
    const byId = new Map(questions.map((q) => [String(q.id), q]));
    for (const [key, value] of Object.entries(rawAnswers as Body)) {
      const question = byId.get(key);
      const isText = typeof value === 'string';
      const isList = Array.isArray(value) && value.every((v) => typeof v === 'string');
      if (!question) errors[`answers.${key}`] = t.api.unknownField;
      else if (!(isText || isList)) errors[`answers.${key}`] = typeError;
      else answers[question.id] = value as string | string[];
    }
  }
  const values: FormValues = {
    name: text('name'), email: text('email'), organisation: text('organisation'), level: text('level'),
    land: text('land'), role: text('role'), privacy: true, listed: listed === true, answers,
  };
  return { values, language: body.language, errors };
}

/** validateForm names question fields q<id>; the API calls them answers.<id>. */
function apiFieldNames(errors: Record<string, string | undefined>, questions: Question[]): Record<string, string> {
  const renamed = new Map(questions.map((q) => [questionField(q), `answers.${q.id}`]));
  return Object.fromEntries(Object.entries(errors).filter((e): e is [string, string] => typeof e[1] === 'string').map(([k, v]) => [renamed.get(k) ?? k, v]));
}

function positiveInt(raw: unknown, fallback: number): number | null {
  if (raw === undefined || raw === '') return fallback;
  if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 ? n : null;
}

export const registrationApi: FastifyPluginAsync<ApiOptions> = async (app, { services, database, route }) => {
  const policy = { db: database.db, findBySlug: services.events.findBySlug };
  const actor = (request: FastifyRequest): Actor => ({ id: request.organizer!.id, label: `${request.organizer!.name} (API)` });
  const eventFor = (request: FastifyRequest<{ Params: { slug: string } }>, action: EventAction) =>
    eventForOrganizer(policy, request.organizer!, request.params.slug, action);

  async function registrationOf(request: FastifyRequest<{ Params: { slug: string; id: string } }>, event: LabEvent): Promise<RegistrationRow> {
    const id = /^\d{1,12}$/.test(request.params.id) ? Number(request.params.id) : NaN;
    const row = Number.isSafeInteger(id) ? await services.registration.findById(id) : undefined;
    if (!row || row.event_id !== event.id) throw new ApiError(404, 'not_found', apiMessages(request).api.notFound);
    return row;
  }

  async function single(row: RegistrationRow) {
    const answers = await services.registration.answersOfMany([row.id]);
    return registrationJson(row, answers.get(row.id) ?? {});
  }

  app.get<{ Params: { slug: string }; Querystring: Record<string, unknown> }>('/events/:slug/registrations', route, async (request) => {
    const { event } = await eventFor(request, 'registrations.read');
    const t = apiMessages(request);
    const query = request.query;
    const fields: Record<string, string> = {};
    const status = query.status;
    if (status !== undefined && !(typeof status === 'string' && (STATUSES as readonly string[]).includes(status))) fields.status = t.registration.chooseOption;
    const q = query.q;
    const qError = q === undefined ? null : typeof q !== 'string' ? t.api.wrongType : checkText(q, t, { max: 200 });
    if (qError) fields.q = qError;
    const page = positiveInt(query.page, 1);
    if (page === null || page > 100_000) fields.page = t.api.wholeNumber(1, 100_000);
    const perPage = positiveInt(query.per_page, 50);
    if (perPage === null || perPage > MAX_PER_PAGE) fields.per_page = t.api.wholeNumber(1, MAX_PER_PAGE);
    if (Object.keys(fields).length > 0) throw new ApiError(422, 'validation_failed', t.api.invalid, fields);
    const { rows, total } = await services.registration.search(event.id, {
      q: typeof q === 'string' && q.trim() !== '' ? q.trim() : undefined, status: status as string | undefined,
      sort: 'created', dir: 'asc', page: page!, pageSize: perPage!,
    });
    const answers = await services.registration.answersOfMany(rows.map((r) => r.id));
    return { data: rows.map((r) => registrationJson(r, answers.get(r.id) ?? {})), page, per_page: perPage, total };
  });

  app.get<{ Params: { slug: string; id: string } }>('/events/:slug/registrations/:id', route, async (request) => {
    const { event } = await eventFor(request, 'registrations.read');
    return single(await registrationOf(request, event));
  });

  app.post<{ Params: { slug: string } }>('/events/:slug/registrations', route, async (request, reply) => {
    const { event } = await eventFor(request, 'registrations.change');
    const body = objectBody(request);
    const t = apiMessages(request);
    const questions = await services.registration.questions(event.id);
    const read = readRegistration(body, questions, t);
    const language = read.language === undefined ? negotiateLocale(request.headers['accept-language']) : read.language;
    if (!(typeof language === 'string' && isLocale(language))) read.errors.language = t.registration.chooseOption;
    // The same checks as the form; the organizer's program vouches for the consent, as in the back office.
    const checked = validateForm(read.values, questions, t, { requireEmail: true, requirePrivacy: false });
    const fields = { ...apiFieldNames(checked.errors ?? {}, questions), ...read.errors };
    if (!checked.details || Object.keys(fields).length > 0) throw new ApiError(422, 'validation_failed', t.api.invalid, fields);
    const outcome = await services.registration.register(event, checked.details, language as 'de' | 'en', 'api', actor(request));
    if (outcome.kind === 'duplicate') throw new ApiError(409, 'duplicate', t.api.duplicate, undefined, { id: outcome.registrationId });
    if (outcome.kind === 'closed') throw new ApiError(409, 'status_conflict', t.api.notAllowed);
    const row = await services.registration.findById(outcome.registrationId);
    return reply.code(201).header('Location', `/api/v1/events/${event.slug}/registrations/${outcome.registrationId}`).send(await single(row!));
  });

  app.patch<{ Params: { slug: string; id: string } }>('/events/:slug/registrations/:id', route, async (request) => {
    const { event } = await eventFor(request, 'registrations.change');
    const registration = await registrationOf(request, event);
    const body = objectBody(request);
    const t = apiMessages(request);
    const fields: Record<string, string> = {};
    for (const key of Object.keys(body)) if (key !== 'status' && key !== 'reason') fields[key] = t.api.unknownField;
    const target = TARGETS.find((s) => s === body.status);
    if (!target) fields.status = t.registration.chooseOption;
    const reason = body.reason ?? null;
    if (reason !== null) {
      const error = typeof reason !== 'string' ? t.api.wrongType : checkText(reason, t, { max: 1000 });
      if (error) fields.reason = error;
    }
    if (Object.keys(fields).length > 0) throw new ApiError(422, 'validation_failed', t.api.invalid, fields);
    try {
      if (target === 'rejected') {
        const text = (reason as string | null)?.replace(/\r\n?/g, '\n').trim() || null;
        await services.registration.reject(registration.id, text, actor(request));
      } else if (target === 'admitted' && registration.status === 'pending') {
        await services.registration.approve(registration.id, actor(request));
      } else {
        await services.registration.organizerChange(registration.id, actor(request), target === 'admitted' ? 'admit' : target === 'waitlisted' ? 'waitlist' : 'cancel');
      }
    } catch (error) {
      if (!(error instanceof RegistrationError)) throw error;
      if (error.reason === 'not-found') throw new ApiError(404, 'not_found', t.api.notFound);
      if (error.reason === 'no-seat') throw new ApiError(409, 'no_seat', t.api.noSeat);
      throw new ApiError(409, 'status_conflict', t.api.notAllowed, undefined, { current_status: registration.status });
    }
    return single((await services.registration.findById(registration.id))!);
  });
};
