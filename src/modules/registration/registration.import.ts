// CSV import of registrations: our own export (from any event) or an Eventbrite attendee report.
// An upload is stored server-side; the preview and the confirmation both re-read it and check
// every row against the current state with the rules of the registration form. The confirmation
// writes all rows in one transaction or none (ADR 0015).
import { createHash } from 'node:crypto';
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor } from '../../platform/audit/audit.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { CsvError, type CsvRecord, parseCsv } from '../../platform/csv.js';
import { checkText } from '../../platform/http/form.js';
import { type Locale, type Messages, isLocale, messages } from '../../platform/i18n/index.js';
import { LAENDER, LAND_CODES, LEVELS, isLandCode, isLevel } from '../../platform/germany.js';
import type { LabEvent } from '../events/events.types.js';
import { EXPORT_COLUMNS } from './registration.csv.js';
import { type FormValues, localizedLabel, questionField, validateForm } from './registration.form.js';
import { ImportConflict, type RegistrationService } from './registration.service.js';
import type { ImportFormat } from './registration.tables.js';
import type { Question, RegistrantDetails } from './registration.types.js';

export const MAX_IMPORT_ROWS = 2000;
const MAX_COLUMNS = 200;
/** A preview may be confirmed for this long; older uploads are deleted. */
const IMPORT_TTL_MS = 24 * 3600_000;

export type RowOutcome = 'admitted' | 'waitlisted' | 'existing' | 'in-file' | 'skipped' | 'error';
export const ROW_OUTCOMES: RowOutcome[] = ['admitted', 'waitlisted', 'existing', 'in-file', 'skipped', 'error'];

export interface PlannedRow {
  line: number;
  values: FormValues & { language: string };
  outcome: RowOutcome;
  /** Field name (as in the form: name, email, …, q<id>) → message in the user's language. */
  errors: Record<string, string>;
  /** Why the row is skipped (the Eventbrite status). */
  note?: string;
  person?: { details: RegistrantDetails; locale: Locale };
}

export interface ImportPlan {
  format: ImportFormat;
  rows: PlannedRow[];
  counts: Record<RowOutcome, number>;
  ignoredColumns: string[];
  /** Rows that lack a level (Eventbrite): the organizer may choose one for them. */
  rowsWithoutLevel: number;
  canApply: boolean;
  /** Fingerprint of what the preview promised (row → outcome); the confirmation must match it. */
  digest: string;
}

export type ImportProblem =
  | { kind: 'empty' } | { kind: 'unknown-format' } | { kind: 'no-rows' }
  | { kind: 'unterminated-quote'; line: number } | { kind: 'too-many-rows' } | { kind: 'too-many-columns'; line: number };

export interface ImportDefaults {
  level: string;
  land: string;
}

const normalize = (s: string) => s.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/\s+/g, ' ');

/** Column names of the Eventbrite attendee report, English and German. */
const EVENTBRITE = {
  firstName: ['first name', 'vorname'],
  lastName: ['last name', 'nachname'],
  email: ['email', 'e-mail', 'email address', 'e-mail-adresse'],
  organisation: ['company', 'unternehmen', 'firma', 'organisation', 'organization'],
  role: ['job title', 'berufsbezeichnung', 'position'],
  status: ['attendee status', 'teilnehmerstatus', 'status des teilnehmers'],
  level: ['level', 'ebene'],
  land: ['land', 'bundesland', 'state'],
  markers: ['order #', 'order date', 'attendee #', 'ticket type', 'quantity', 'bestellnr.', 'bestellnummer', 'bestelldatum', 'teilnehmernr.', 'ticketart', 'tickettyp', 'anzahl'],
};
/** Attendee statuses that mean the person comes; anything else (Refunded, Cancelled, Not Attending, …) is skipped. */
const EVENTBRITE_ATTENDING = new Set(['', 'attending', 'checked in', 'nimmt teil', 'teilnehmend', 'eingecheckt']);
const OWN_FIELDS = ['name', 'email', 'organisation', 'level', 'land', 'role', 'listed', 'language'] as const;
/** Columns of our export that an import does not take over: the status comes from the capacity, ids and times are new. */
const OWN_IGNORED = new Set<string>(EXPORT_COLUMNS.filter((c) => !(OWN_FIELDS as readonly string[]).includes(c)));

interface Layout {
  format: ImportFormat;
  /** Where each field comes from: a column index, or for the name in Eventbrite, first + last. */
  column: Partial<Record<'name' | 'firstName' | 'lastName' | 'email' | 'organisation' | 'level' | 'land' | 'role' | 'listed' | 'language' | 'status', number>>;
  questions: Map<number, Question>;
  ignored: string[];
}

function detectLayout(header: string[], questions: Question[]): Layout | null {
  const names = header.map(normalize);
  const find = (candidates: string[]) => {
    const i = names.findIndex((n) => candidates.includes(n));
    return i >= 0 ? i : undefined;
  };
  const byLabel = new Map<string, Question>();
  for (const q of questions) for (const label of Object.values(q.label)) if (label) byLabel.set(normalize(label), q);

  let layout: Layout;
  if (['name', 'email', 'organisation', 'level'].every((c) => names.includes(c))) {
    layout = { format: 'labcamp', column: {}, questions: new Map(), ignored: [] };
    for (const key of OWN_FIELDS) layout.column[key] = find([key]);
  } else {
    const first = find(EVENTBRITE.firstName);
    const last = find(EVENTBRITE.lastName);
    const email = find(EVENTBRITE.email);
    const looksLikeEventbrite = names.some((n) => EVENTBRITE.markers.includes(n));
    if (first === undefined || last === undefined || email === undefined || !looksLikeEventbrite) return null;
    layout = {
      format: 'eventbrite', questions: new Map(), ignored: [],
      column: {
        firstName: first, lastName: last, email, organisation: find(EVENTBRITE.organisation), role: find(EVENTBRITE.role),
        status: find(EVENTBRITE.status), level: find(EVENTBRITE.level), land: find(EVENTBRITE.land),
      },
    };
  }
  const used = new Set(Object.values(layout.column));
  names.forEach((name, index) => {
    if (used.has(index)) return;
    const question = byLabel.get(name);
    if (question) layout.questions.set(index, question);
    else if (!(layout.format === 'labcamp' && OWN_IGNORED.has(name)) && !(layout.format === 'eventbrite' && EVENTBRITE.markers.includes(name))) {
      layout.ignored.push(header[index]!.trim().slice(0, 100));
    }
  });
  return layout;
}

/** Parses the stored text and recognises its format, or says what is wrong with the file. */
export function readImport(text: string, questions: Question[]): { layout: Layout; header: string[]; records: CsvRecord[] } | { problem: ImportProblem } {
  if (text.trim() === '') return { problem: { kind: 'empty' } };
  let records: CsvRecord[];
  try {
    records = parseCsv(text, { maxRecords: MAX_IMPORT_ROWS + 1, maxFields: MAX_COLUMNS });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    if (error.reason === 'unterminated-quote') return { problem: { kind: 'unterminated-quote', line: error.line } };
    if (error.reason === 'too-many-fields') return { problem: { kind: 'too-many-columns', line: error.line } };
    return { problem: { kind: 'too-many-rows' } };
  }
  const [head, ...rows] = records;
  if (!head) return { problem: { kind: 'empty' } };
  const layout = detectLayout(head.fields, questions);
  if (!layout) return { problem: { kind: 'unknown-format' } };
  if (rows.length === 0) return { problem: { kind: 'no-rows' } };
  return { layout, header: head.fields, records: rows };
}

/** Our export writes '=… as text; read it back as the value it was. */
function cellValue(fields: string[], index: number | undefined, layout: Layout): string {
  if (index === undefined) return '';
  const raw = (fields[index] ?? '').trim();
  return layout.format === 'labcamp' && /^'[=+\-@\t\r]/.test(raw) ? raw.slice(1) : raw;
}

function levelOf(raw: string): string {
  const v = normalize(raw);
  if (isLevel(v)) return v;
  for (const level of LEVELS) {
    if ([messages('de').registration.levels[level], messages('en').registration.levels[level]].some((l) => l && normalize(l) === v)) return level;
  }
  return raw;
}

function landOf(raw: string): string {
  const code = raw.trim().toUpperCase();
  if (isLandCode(code)) return code;
  const v = normalize(raw);
  return LAND_CODES.find((c) => normalize(LAENDER[c].de) === v || normalize(LAENDER[c].en) === v) ?? raw;
}

function yesNo(raw: string): 'yes' | 'no' | null {
  const v = normalize(raw);
  if (['yes', 'ja', 'true', '1', 'x', 'y', 'j'].includes(v)) return 'yes';
  if (['no', 'nein', 'false', '0', 'n', ''].includes(v)) return 'no';
  return null;
}

/** An answer as the form would send it: option values for the choice kinds (values or labels accepted). */
function answerOf(question: Question, raw: string): string | string[] {
  const option = (piece: string) => {
    const v = normalize(piece);
    return question.options.find((o) => normalize(o.value) === v || Object.values(o.label).some((l) => l && normalize(l) === v))?.value;
  };
  switch (question.kind) {
    case 'yes_no':
      return raw === '' ? '' : (yesNo(raw) ?? raw);
    case 'single_choice':
      return raw === '' ? '' : (option(raw) ?? raw);
    case 'multiple_choice': {
      // Whole labels may hold commas ("Methoden (Design Thinking, Prototyping)"): try the piece first.
      const chosen: string[] = [];
      for (const piece of raw.split(/\s*[|;]\s*/).filter(Boolean)) {
        const whole = option(piece);
        if (whole) chosen.push(whole);
        else for (const part of piece.split(/\s*,\s*/).filter(Boolean)) chosen.push(option(part) ?? part);
      }
      return chosen;
    }
    default:
      return raw;
  }
}

const FORMULA = /^[=@\t\r]|^[+-](?![\d\s])/;
const HTML_TAG = /<\/?[a-z!][^>]*>?/i;

/** Spreadsheet and markup content is refused per row, on top of the form's rules. */
function hostileContent(value: string, t: Messages): string | null {
  if (FORMULA.test(value)) return t.registrationImport.hostile.formula;
  if (HTML_TAG.test(value)) return t.registrationImport.hostile.html;
  return null;
}

/**
 * What would happen to every row, against the current state: the addresses already registered
 * and the free seats (null: unlimited). Pure: the same input gives the same plan.
 */
export function planImport(source: { layout: Layout; records: CsvRecord[] }, context: {
  questions: Question[]; existingEmails: Set<string>; freeSeats: number | null; defaults: ImportDefaults; t: Messages; defaultLocale: Locale;
}): ImportPlan {
  const { layout } = source;
  const { t } = context;
  const seen = new Set<string>();
  let free = context.freeSeats ?? Number.POSITIVE_INFINITY;
  let rowsWithoutLevel = 0;
  const rows = source.records.map((record): PlannedRow => {
    const get = (key: keyof Layout['column']) => cellValue(record.fields, layout.column[key], layout);
    const name = layout.format === 'eventbrite' ? [get('firstName'), get('lastName')].filter(Boolean).join(' ') : get('name');
    const answers: Record<number, string | string[]> = {};
    for (const [index, question] of layout.questions) answers[question.id] = answerOf(question, cellValue(record.fields, index, layout));
    const rawLevel = get('level');
    if (rawLevel === '') rowsWithoutLevel++;
    const rawLand = get('land');
    const listed = get('listed');
    const language = normalize(get('language'));
    const values: PlannedRow['values'] = {
      name, email: get('email'), organisation: get('organisation'),
      level: rawLevel === '' ? context.defaults.level : levelOf(rawLevel),
      land: rawLand === '' ? context.defaults.land : landOf(rawLand),
      role: get('role'), privacy: true, listed: yesNo(listed) === 'yes', answers, language,
    };

    if (layout.format === 'eventbrite') {
      const status = get('status');
      if (!EVENTBRITE_ATTENDING.has(normalize(status))) {
        return { line: record.line, values, outcome: 'skipped', errors: {}, note: t.registrationImport.eventbriteStatus(status.slice(0, 100)) };
      }
    }
    const email = values.email.toLowerCase();
    if (email !== '' && context.existingEmails.has(email)) return { line: record.line, values, outcome: 'existing', errors: {} };
    if (email !== '' && seen.has(email)) return { line: record.line, values, outcome: 'in-file', errors: {} };
    if (email !== '') seen.add(email);

    const checked = validateForm(values, context.questions, t, { requireEmail: true, requirePrivacy: false });
    const errors: Record<string, string> = { ...(checked.errors as Record<string, string> | null ?? {}) };
    const texts: Array<[string, string]> = [['name', values.name], ['organisation', values.organisation], ['role', values.role]];
    for (const q of context.questions) {
      const answer = answers[q.id];
      if (typeof answer === 'string') texts.push([questionField(q), answer]);
    }
    for (const [field, value] of texts) {
      if (errors[field]) continue;
      const problem = hostileContent(value, t);
      if (problem) errors[field] = problem;
    }
    if (listed !== '' && yesNo(listed) === null) errors.listed = t.registrationImport.hostile.listed;
    if (language !== '' && !isLocale(language)) errors.language = t.registrationImport.hostile.language;
    if (Object.keys(errors).length > 0 || !checked.details) return { line: record.line, values, outcome: 'error', errors };

    const outcome: RowOutcome = free > 0 ? 'admitted' : 'waitlisted';
    if (free > 0) free--;
    const locale: Locale = isLocale(language) ? language : context.defaultLocale;
    return { line: record.line, values, outcome, errors: {}, person: { details: checked.details, locale } };
  });
  const counts = Object.fromEntries(ROW_OUTCOMES.map((o) => [o, rows.filter((r) => r.outcome === o).length])) as Record<RowOutcome, number>;
  const digest = createHash('sha256').update(JSON.stringify(rows.map((r) => [r.line, r.outcome, r.values.email.toLowerCase()]))).digest('hex');
  return {
    format: layout.format, rows, counts, ignoredColumns: layout.ignored, rowsWithoutLevel,
    canApply: counts.error === 0 && counts.admitted + counts.waitlisted > 0, digest,
  };
}

/** The label of each field a row can have an error in, for the preview's messages. */
export function importFieldLabels(t: Messages, locale: Locale, questions: Question[]): Record<string, string> {
  const r = t.registration;
  return {
    name: r.name, email: r.email, organisation: r.organisation, level: r.level, land: r.land, role: r.role,
    listed: 'listed', language: 'language',
    ...Object.fromEntries(questions.map((q) => [questionField(q), localizedLabel(q.label, locale)])),
  };
}

export type StoredImport = { id: number; event_id: number; format: ImportFormat; file_name: string; content: string; content_sha256: string; summary: string | null; created_at: string; applied_at: string | null };

export type ImportService = ReturnType<typeof createImportService>;

export function createImportService(deps: { db: Db; clock: Clock; registration: RegistrationService }) {
  const { db, clock } = deps;

  async function currentState(event: LabEvent) {
    const [rows, seatsTaken, counts] = await Promise.all([
      db.selectFrom('registrations').select('email').where('event_id', '=', event.id).where('status', 'not in', ['cancelled', 'expired']).execute(),
      deps.registration.seatsTaken(event.id),
      deps.registration.counts(event.id),
    ]);
    const waiting = (counts as Record<string, number>).waitlisted ?? 0;
    const freeSeats = event.capacity === null ? (waiting > 0 ? 0 : null) : waiting > 0 ? 0 : Math.max(0, event.capacity - seatsTaken);
    return { existingEmails: new Set(rows.map((r) => r.email.toLowerCase())), freeSeats };
  }

  async function plan(event: LabEvent, stored: StoredImport, defaults: ImportDefaults, t: Messages) {
    const questions = await deps.registration.questions(event.id);
    const read = readImport(stored.content, questions);
    if ('problem' in read) return { questions, problem: read.problem } as const;
    const state = await currentState(event);
    const defaultLocale: Locale = isLocale(event.language) ? event.language : 'de';
    return { questions, plan: planImport(read, { questions, ...state, defaults, t, defaultLocale }) } as const;
  }

  return {
    /** Keeps an upload for its preview; refuses files that cannot be read. Old unconfirmed uploads go. */
    async store(event: LabEvent, organizerId: number, fileName: string, text: string): Promise<{ id: number } | { problem: ImportProblem }> {
      const read = readImport(text, await deps.registration.questions(event.id));
      if ('problem' in read) return { problem: read.problem };
      const now = clock.now();
      await db.deleteFrom('registration_imports').where('applied_at', 'is', null)
        .where('created_at', '<', new Date(now.getTime() - IMPORT_TTL_MS).toISOString()).execute();
      const row = await db.insertInto('registration_imports').values({
        event_id: event.id, organizer_id: organizerId, format: read.layout.format, file_name: fileName.slice(0, 200) || 'import.csv',
        content: text, content_sha256: createHash('sha256').update(text).digest('hex'), summary: null, created_at: now.toISOString(), applied_at: null,
      }).returning('id').executeTakeFirstOrThrow();
      return { id: row.id };
    },

    async find(event: LabEvent, id: number): Promise<StoredImport | null> {
      if (!Number.isSafeInteger(id)) return null;
      const found = await db.selectFrom('registration_imports').selectAll().where('id', '=', id).where('event_id', '=', event.id).executeTakeFirst();
      return found ?? null;
    },

    isExpired(stored: StoredImport): boolean {
      return stored.applied_at === null && new Date(stored.created_at).getTime() + IMPORT_TTL_MS < clock.now().getTime();
    },

    plan,

    /**
     * Re-reads and re-checks the upload against the current state, then writes every new person
     * in one transaction. 'blocked': some row has an error now; 'changed': the outcome of some row
     * differs from the preview the organizer confirmed (`digest`), or a row turned into a duplicate
     * while the transaction ran; 'applied-before': somebody confirmed it already.
     */
    async apply(event: LabEvent, stored: StoredImport, defaults: ImportDefaults, digest: string, actor: Actor, t: Messages):
      Promise<{ kind: 'applied'; admitted: number; waitlisted: number; skipped: number } | { kind: 'blocked' | 'changed' | 'applied-before' | 'unreadable' }> {
      if (stored.applied_at) return { kind: 'applied-before' };
      const checked = await plan(event, stored, defaults, t);
      if (!checked.plan) return { kind: 'unreadable' };
      if (!checked.plan.canApply) return { kind: 'blocked' };
      if (checked.plan.digest !== digest) return { kind: 'changed' };
      const { counts, rows, format } = checked.plan;
      const people = rows.flatMap((r) => (r.person ? [r.person] : []));
      const skipped = counts.existing + counts['in-file'] + counts.skipped;
      try {
        const result = await deps.registration.importMany(event, people, actor, async (trx, outcome) => {
          const now = clock.now().toISOString();
          const summary = { ...outcome, skipped, rows: rows.length };
          // Only one confirmation wins: the row is claimed by the update that finds applied_at empty.
          const claimed = await trx.updateTable('registration_imports')
            .set({ applied_at: now, content: '', summary: JSON.stringify(summary) })
            .where('id', '=', stored.id).where('applied_at', 'is', null).executeTakeFirst();
          if (Number(claimed.numUpdatedRows) !== 1) throw new AlreadyApplied();
          await recordAudit(trx, clock, actor, {
            action: 'registration.imported', subjectType: 'registration_import', subjectId: stored.id, eventId: event.id,
            after: { format, file: stored.file_name, sha256: stored.content_sha256, ...summary },
          });
        });
        return { kind: 'applied', ...result, skipped };
      } catch (error) {
        if (error instanceof AlreadyApplied) return { kind: 'applied-before' };
        if (error instanceof ImportConflict) return { kind: 'changed' };
        throw error;
      }
    },
  };
}

class AlreadyApplied extends Error {}
