// Queries of the registration module. Rows become Registration here.
import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { parseLocalized } from '../../platform/i18n/index.js';
import { hashToken, looksLikeToken } from '../../platform/tokens.js';
import type { RegistrationsTable } from './registration.tables.js';
import { type Policy, type Question, type Registration, DEFAULT_POLICY, ACTIVE_STATUSES } from './registration.types.js';

export type RegistrationRow = Selectable<RegistrationsTable>;

const optionalDate = (v: string | null) => (v === null ? null : new Date(v));

export function toRegistration(row: RegistrationRow): Registration {
  return {
    id: row.id, eventId: row.event_id, email: row.email, name: row.name, organisation: row.organisation,
    level: row.level, land: row.land, role: row.role, locale: row.locale, status: row.status,
    holdsSeat: row.holds_seat === 1, listed: row.listed === 1, source: row.source,
    confirmBy: optionalDate(row.confirm_by), offerExpiresAt: optionalDate(row.offer_expires_at),
    rejectReason: row.reject_reason, createdAt: new Date(row.created_at),
  };
}

export async function policyFor(db: Db, eventId: number): Promise<Policy> {
  const row = await db.selectFrom('registration_policies').selectAll().where('event_id', '=', eventId).executeTakeFirst();
  return row ? { admissionMode: row.admission_mode, confirmHours: row.confirm_hours, offerHours: row.offer_hours } : DEFAULT_POLICY;
}

export async function questionsFor(db: Db, eventId: number): Promise<Question[]> {
  const rows = await db.selectFrom('registration_questions').selectAll().where('event_id', '=', eventId).orderBy('position').execute();
  return rows.map((r) => ({
    id: r.id, kind: r.kind, label: parseLocalized(r.label), help: parseLocalized(r.help), required: r.required === 1,
    options: (JSON.parse(r.options) as Array<{ value: string; label: unknown }>).map((o) => ({ value: o.value, label: parseLocalized(JSON.stringify(o.label)) })),
  }));
}

export async function answersOf(db: Db, registrationId: number): Promise<Record<number, string | string[]>> {
  const rows = await db.selectFrom('registration_answers').select(['question_id', 'value']).where('registration_id', '=', registrationId).execute();
  const answers: Record<number, string | string[]> = {};
  for (const row of rows) answers[row.question_id] = row.value.startsWith('[') ? (JSON.parse(row.value) as string[]) : row.value;
  return answers;
}

export async function saveAnswers(db: Db, registrationId: number, answers: Record<number, string | string[]>): Promise<void> {
  await db.deleteFrom('registration_answers').where('registration_id', '=', registrationId).execute();
  const rows = Object.entries(answers)
    .filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v !== ''))
    .map(([questionId, v]) => ({ registration_id: registrationId, question_id: Number(questionId), value: Array.isArray(v) ? JSON.stringify(v) : v }));
  if (rows.length > 0) await db.insertInto('registration_answers').values(rows).execute();
}

export async function findActiveByEmail(db: Db, eventId: number, email: string): Promise<RegistrationRow | undefined> {
  return db.selectFrom('registrations').selectAll().where('event_id', '=', eventId).where('email', '=', email).where('status', 'in', ACTIVE_STATUSES).executeTakeFirst();
}

export async function findByToken(db: Db, token: string): Promise<RegistrationRow | undefined> {
  if (!looksLikeToken(token)) return undefined;
  return db
    .selectFrom('registration_tokens')
    .innerJoin('registrations', 'registrations.id', 'registration_tokens.registration_id')
    .selectAll('registrations')
    .where('registration_tokens.token_hash', '=', hashToken(token))
    .where('registration_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function findById(db: Db, id: number): Promise<RegistrationRow | undefined> {
  return db.selectFrom('registrations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function seatsTaken(db: Db, eventId: number): Promise<number> {
  const row = await db.selectFrom('registrations').select((eb) => eb.fn.countAll<number | string>().as('n')).where('event_id', '=', eventId).where('holds_seat', '=', 1).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function waitingCount(db: Db, eventId: number): Promise<number> {
  const row = await db.selectFrom('registrations').select((eb) => eb.fn.countAll<number | string>().as('n')).where('event_id', '=', eventId).where('status', '=', 'waitlisted').executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countsByStatus(db: Db, eventId: number): Promise<Record<string, number>> {
  const rows = await db.selectFrom('registrations').select(['status', (eb) => eb.fn.countAll<number | string>().as('n')]).where('event_id', '=', eventId).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Organisations of admitted people who agreed to be listed: suggestions for the lab field. */
export async function listedOrganisations(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('registrations').select('organisation').distinct().where('listed', '=', 1).where('status', '=', 'admitted').orderBy('organisation').limit(500).execute();
  return rows.map((r) => r.organisation);
}
