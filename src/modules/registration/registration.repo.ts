// Queries of the registration module. Rows become Registration here.
import { type Selectable, sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { parseLocalized } from '../../platform/i18n/index.js';
import { hashToken, looksLikeToken } from '../../platform/tokens.js';
import type { Level } from '../../platform/germany.js';
import type { RegistrationStatus, RegistrationsTable } from './registration.tables.js';
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

/**
 * A stored answer as the form knows it: multiple-choice answers are JSON lists, every other
 * answer is the text as typed — even one that happens to start with "[".
 */
export function storedAnswer(kind: string, value: string): string | string[] {
  if (kind !== 'multiple_choice') return value;
  try {
    const list: unknown = JSON.parse(value);
    return Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export async function answersOf(db: Db, registrationId: number): Promise<Record<number, string | string[]>> {
  const rows = await db.selectFrom('registration_answers').innerJoin('registration_questions', 'registration_questions.id', 'registration_answers.question_id')
    .select(['registration_answers.question_id', 'registration_answers.value', 'registration_questions.kind']).where('registration_answers.registration_id', '=', registrationId).execute();
  const answers: Record<number, string | string[]> = {};
  for (const row of rows) answers[row.question_id] = storedAnswer(row.kind, row.value);
  return answers;
}

export async function saveAnswers(db: Db, registrationId: number, answers: Record<number, string | string[]>): Promise<void> {
  await db.deleteFrom('registration_answers').where('registration_id', '=', registrationId).execute();
  await insertAnswers(db, registrationId, answers);
}

/** The answers of a registration that has none yet (just inserted): no delete round trip. */
export async function insertAnswers(db: Db, registrationId: number, answers: Record<number, string | string[]>): Promise<void> {
  const rows = Object.entries(answers)
    .filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v !== ''))
    .map(([questionId, v]) => ({ registration_id: registrationId, question_id: Number(questionId), value: Array.isArray(v) ? JSON.stringify(v) : v }));
  if (rows.length > 0) await db.insertInto('registration_answers').values(rows).execute();
}

export async function findActiveByEmail(db: Db, eventId: number, email: string): Promise<RegistrationRow | undefined> {
  return db.selectFrom('registrations').selectAll().where('event_id', '=', eventId).where('email', '=', email).where('status', 'in', ACTIVE_STATUSES)
    // Implied by ACTIVE_STATUSES; spelled out with literals as in the partial unique index
    // registrations_one_per_email, because SQLite only uses a partial index when the query repeats
    // its WHERE term (bound parameters don't match). Without it, every registration scanned the
    // whole table (bench/RESULTS.md, registration burst).
    .where(sql<boolean>`${sql.ref('status')} not in ('cancelled', 'expired')`)
    .executeTakeFirst();
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

/** Registrations of an event with one of `statuses` (and one of `levels`, unless empty), oldest first. */
export async function withStatus(db: Db, eventId: number, statuses: readonly RegistrationStatus[], levels: readonly string[]): Promise<RegistrationRow[]> {
  if (statuses.length === 0) return [];
  let query = db.selectFrom('registrations').selectAll().where('event_id', '=', eventId).where('status', 'in', statuses);
  if (levels.length > 0) query = query.where('level', 'in', levels as Level[]);
  return query.orderBy('id').execute();
}

/**
 * A personal link whether or not it was revoked, so the live room can say "this link was
 * replaced" instead of "unknown link".
 */
export async function findTokenStanding(db: Db, token: string): Promise<{ tokenId: number; revoked: boolean; registration: RegistrationRow } | undefined> {
  if (!looksLikeToken(token)) return undefined;
  const row = await db.selectFrom('registration_tokens').select(['id', 'registration_id', 'revoked_at']).where('token_hash', '=', hashToken(token)).executeTakeFirst();
  if (!row) return undefined;
  const registration = await findById(db, row.registration_id);
  return registration ? { tokenId: row.id, revoked: row.revoked_at !== null, registration } : undefined;
}

/** The same, by the link's id (a live session remembers which link opened it). */
export async function tokenStandingById(db: Db, tokenId: number): Promise<{ revoked: boolean; registration: RegistrationRow } | undefined> {
  const row = await db.selectFrom('registration_tokens').select(['registration_id', 'revoked_at']).where('id', '=', tokenId).executeTakeFirst();
  if (!row) return undefined;
  const registration = await findById(db, row.registration_id);
  return registration ? { revoked: row.revoked_at !== null, registration } : undefined;
}

export async function findById(db: Db, id: number): Promise<RegistrationRow | undefined> {
  return db.selectFrom('registrations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function seatsTaken(db: Db, eventId: number): Promise<number> {
  const row = await db.selectFrom('registrations').select((eb) => eb.fn.countAll<number | string>().as('n')).where('event_id', '=', eventId).where('holds_seat', '=', 1).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Whether fewer than `capacity` seats are taken. Reads at most `capacity` index entries: when an
 * organizer lowers the capacity below the seats already given (300 → 40), every registration
 * would otherwise count all of them.
 */
export async function seatsBelow(db: Db, eventId: number, capacity: number): Promise<boolean> {
  const seats = db.selectFrom('registrations').select('id').where('event_id', '=', eventId).where('holds_seat', '=', 1).limit(capacity);
  const row = await db.selectFrom(seats.as('seats')).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n) < capacity;
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

/** Admitted people of an event who agreed to appear in its participant list: name, lab and level only. */
export async function listedParticipants(db: Db, eventId: number): Promise<Array<{ name: string; organisation: string; level: string }>> {
  return db.selectFrom('registrations').select(['name', 'organisation', 'level']).where('event_id', '=', eventId)
    .where('listed', '=', 1).where('status', '=', 'admitted').orderBy('name').orderBy('id').execute();
}

export interface RegistrationQuery {
  q?: string | undefined;
  status?: string | undefined;
  level?: string | undefined;
  land?: string | undefined;
  /** The list's "mail problems" filter, as in its URL; the admin resolves it to `ids`. */
  mail?: 'problems' | undefined;
  /** Only these registrations (e.g. those with mail problems, named by the messaging module). */
  ids?: readonly number[] | undefined;
  sort: 'created' | 'name' | 'organisation' | 'status';
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export const SORT_COLUMNS = { created: 'created_at', name: 'name', organisation: 'organisation', status: 'status' } as const;

export async function searchRegistrations(db: Db, eventId: number, query: RegistrationQuery): Promise<{ rows: RegistrationRow[]; total: number }> {
  let base = db.selectFrom('registrations').where('event_id', '=', eventId);
  if (query.status) base = base.where('status', '=', query.status as RegistrationRow['status']);
  if (query.level) base = base.where('level', '=', query.level as RegistrationRow['level']);
  if (query.land) base = base.where('land', query.land === '-' ? 'is' : '=', query.land === '-' ? null : query.land);
  if (query.ids) base = query.ids.length > 0 ? base.where('id', 'in', [...query.ids]) : base.where(sql<boolean>`1 = 0`);
  if (query.q) {
    // Case-insensitive on both dialects (SQLite's lower() is made Unicode-aware in database.ts);
    // LIKE's wildcards in the search text are escaped.
    const needle = `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const like = (column: 'name' | 'email' | 'organisation') => sql<boolean>`lower(${sql.ref(column)}) like ${needle} escape '\\'`;
    base = base.where((eb) => eb.or([like('name'), like('email'), like('organisation')]));
  }
  const total = Number((await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base
    .selectAll()
    .orderBy(SORT_COLUMNS[query.sort], query.dir)
    .orderBy('id', query.dir)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total };
}

/** Counts for the overview: by status, by level and by Land (active registrations only for the last two). */
export async function statistics(db: Db, eventId: number) {
  const active = ['unconfirmed', 'pending', 'admitted', 'waitlisted', 'offered'] as const;
  const [byStatus, byLevel, byLand, byDay] = await Promise.all([
    countsByStatus(db, eventId),
    db.selectFrom('registrations').select(['level as key', (eb) => eb.fn.countAll<number | string>().as('n')]).where('event_id', '=', eventId).where('status', 'in', [...active]).groupBy('level').execute(),
    db.selectFrom('registrations').select(['land as key', (eb) => eb.fn.countAll<number | string>().as('n')]).where('event_id', '=', eventId).where('status', 'in', [...active]).groupBy('land').execute(),
    db.selectFrom('registrations').select(['created_at']).where('event_id', '=', eventId).execute(),
  ]);
  const days = new Map<string, number>();
  for (const row of byDay) days.set(row.created_at.slice(0, 10), (days.get(row.created_at.slice(0, 10)) ?? 0) + 1);
  return {
    byStatus,
    byLevel: Object.fromEntries(byLevel.map((r) => [r.key, Number(r.n)])),
    byLand: Object.fromEntries(byLand.map((r) => [r.key ?? '-', Number(r.n)])),
    byDay: [...days].sort(([a], [b]) => a.localeCompare(b)).map(([day, n]) => ({ day, n })),
  };
}

export async function answersOfMany(db: Db, registrationIds: number[]): Promise<Map<number, Record<number, string | string[]>>> {
  const map = new Map<number, Record<number, string | string[]>>();
  for (let i = 0; i < registrationIds.length; i += 500) {
    const chunk = registrationIds.slice(i, i + 500);
    if (chunk.length === 0) break;
    const rows = await db.selectFrom('registration_answers').innerJoin('registration_questions', 'registration_questions.id', 'registration_answers.question_id')
      .select(['registration_answers.registration_id', 'registration_answers.question_id', 'registration_answers.value', 'registration_questions.kind'])
      .where('registration_answers.registration_id', 'in', chunk).execute();
    for (const row of rows) {
      const answers = map.get(row.registration_id) ?? {};
      answers[row.question_id] = storedAnswer(row.kind, row.value);
      map.set(row.registration_id, answers);
    }
  }
  return map;
}
