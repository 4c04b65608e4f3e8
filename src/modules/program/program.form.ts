// The programme form: speakers and moderators, then the agenda, as numbered rows. Works
// without JavaScript: a few empty rows take new entries, a checkbox removes one, a number
// orders them. Agenda items name their people by the row key of the person.
import type { Messages } from '../../platform/i18n/index.js';
import type { LocalizedText } from '../../platform/i18n/index.js';
import { checkText, field, normalizeText } from '../../platform/http/form.js';
import type { FieldErrors } from '../../platform/html/components.js';
import { zonedTimeToUtc } from '../../platform/time.js';
import type { AgendaKind, NewProgram, PersonRole, Program } from './program.types.js';

export const AGENDA_KINDS: AgendaKind[] = ['welcome', 'talk', 'qa', 'networking', 'break', 'closing', 'other'];
const ROLES: PersonRole[] = ['speaker', 'moderator'];
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export const EMPTY_ROWS = 2;
const MAX_ROWS = 60;

export interface PersonRow { key: string; position: string; role: string; name: string; organisation: string; bioDe: string; bioEn: string; remove: boolean }
export interface AgendaRow { position: string; kind: string; titleDe: string; titleEn: string; start: string; duration: string; people: string[]; remove: boolean }
export interface ProgramFormValues { people: PersonRow[]; agenda: AgendaRow[] }

const blankPerson = (index: number): PersonRow => ({ key: `new-${index}`, position: '', role: 'speaker', name: '', organisation: '', bioDe: '', bioEn: '', remove: false });
const blankItem = (): AgendaRow => ({ position: '', kind: 'talk', titleDe: '', titleEn: '', start: '', duration: '', people: [], remove: false });

/** The form for a stored programme, with empty rows to add to. */
export function programFormValues(program: Program, timeZone: string, localTime: (date: Date, zone: string) => string): ProgramFormValues {
  const people = [...program.moderators, ...program.speakers].map((p, i): PersonRow => ({
    key: String(p.id), position: String(i + 1), role: p.role, name: p.name, organisation: p.organisation ?? '', bioDe: p.bio.de ?? '', bioEn: p.bio.en ?? '', remove: false,
  }));
  const agenda = program.agenda.map((item, i): AgendaRow => ({
    position: String(i + 1), kind: item.kind, titleDe: item.title.de ?? '', titleEn: item.title.en ?? '',
    start: item.startsAt ? localTime(item.startsAt, timeZone).slice(11) : '', duration: item.durationMinutes === null ? '' : String(item.durationMinutes),
    people: item.personIds.map(String), remove: false,
  }));
  return withBlankRows({ people, agenda });
}

export function withBlankRows(values: ProgramFormValues): ProgramFormValues {
  const people = values.people.filter((p) => !isBlankPerson(p));
  const agenda = values.agenda.filter((a) => !isBlankItem(a));
  return {
    people: [...people, ...Array.from({ length: EMPTY_ROWS }, (_, i) => blankPerson(people.length + i))],
    agenda: [...agenda, ...Array.from({ length: EMPTY_ROWS }, blankItem)],
  };
}

function isBlankPerson(p: PersonRow): boolean {
  return !p.name && !p.organisation && !p.bioDe && !p.bioEn;
}
function isBlankItem(a: AgendaRow): boolean {
  return !a.titleDe && !a.titleEn && !a.start && !a.duration;
}

function rowCount(body: unknown, prefix: string): number {
  const keys = Object.keys((body ?? {}) as object);
  let max = -1;
  for (const key of keys) {
    const match = new RegExp(`^${prefix}_(\\d{1,3})_`).exec(key);
    if (match) max = Math.max(max, Number(match[1]));
  }
  return Math.min(max + 1, MAX_ROWS);
}

function list(body: unknown, name: string): string[] {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((v): v is string => typeof v === 'string').slice(0, MAX_ROWS);
}

export function readProgramForm(body: unknown): ProgramFormValues {
  const text = (name: string) => normalizeText(field(body, name)).trim();
  const people = Array.from({ length: rowCount(body, 'person') }, (_, i): PersonRow => ({
    key: text(`person_${i}_key`) || `new-${i}`, position: text(`person_${i}_position`), role: text(`person_${i}_role`),
    name: text(`person_${i}_name`), organisation: text(`person_${i}_organisation`), bioDe: text(`person_${i}_bio_de`), bioEn: text(`person_${i}_bio_en`),
    remove: field(body, `person_${i}_remove`) === 'yes',
  }));
  const agenda = Array.from({ length: rowCount(body, 'agenda') }, (_, i): AgendaRow => ({
    position: text(`agenda_${i}_position`), kind: text(`agenda_${i}_kind`), titleDe: text(`agenda_${i}_title_de`), titleEn: text(`agenda_${i}_title_en`),
    start: text(`agenda_${i}_start`), duration: text(`agenda_${i}_duration`), people: list(body, `agenda_${i}_people`), remove: field(body, `agenda_${i}_remove`) === 'yes',
  }));
  return { people, agenda };
}

const localized = (de: string, en: string): LocalizedText => ({ ...(de ? { de } : {}), ...(en ? { en } : {}) });

/** Rows in the order their position numbers give (rows without a number keep their place). */
function ordered<T extends { position: string }>(rows: T[]): T[] {
  return rows.map((row, index) => ({ row, rank: /^\d{1,3}$/.test(row.position) ? Number(row.position) : index + 1, index }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index).map((r) => r.row);
}

export function validateProgramForm(values: ProgramFormValues, t: Messages, event: { date: string; timeZone: string }): { program?: NewProgram; errors: FieldErrors } {
  const v = t.programForm.errors;
  const errors: FieldErrors = {};
  const put = (name: string, message: string | null | undefined) => {
    if (message && !errors[name]) errors[name] = message;
  };
  const people = values.people.map((p, i) => ({ p, i })).filter(({ p }) => !p.remove && !isBlankPerson(p));
  for (const { p, i } of people) {
    put(`person_${i}_name`, checkText(p.name, t, { required: true, max: 200 }));
    put(`person_${i}_role`, ROLES.includes(p.role as PersonRole) ? null : v.choose);
    put(`person_${i}_organisation`, checkText(p.organisation, t, { max: 200 }));
    put(`person_${i}_bio_de`, checkText(p.bioDe, t, { max: 3000 }));
    put(`person_${i}_bio_en`, checkText(p.bioEn, t, { max: 3000 }));
    put(`person_${i}_position`, p.position === '' || /^\d{1,3}$/.test(p.position) ? null : v.position);
  }
  const keptKeys = new Set(people.map(({ p }) => p.key));
  // Removing a person takes them off the agenda too; a key nobody has is an error.
  const knownKeys = new Set(values.people.filter((p) => !isBlankPerson(p)).map((p) => p.key));
  const items = values.agenda.map((a, i) => ({ a, i })).filter(({ a }) => !a.remove && !isBlankItem(a));
  for (const { a, i } of items) {
    put(`agenda_${i}_title_de`, checkText(a.titleDe, t, { required: true, max: 300 }));
    put(`agenda_${i}_title_en`, checkText(a.titleEn, t, { max: 300 }));
    put(`agenda_${i}_kind`, AGENDA_KINDS.includes(a.kind as AgendaKind) ? null : v.choose);
    put(`agenda_${i}_start`, a.start === '' || TIME.test(a.start) ? null : v.time);
    put(`agenda_${i}_duration`, a.duration === '' || (/^\d{1,3}$/.test(a.duration) && Number(a.duration) >= 1 && Number(a.duration) <= 600) ? null : v.duration);
    put(`agenda_${i}_position`, a.position === '' || /^\d{1,3}$/.test(a.position) ? null : v.position);
    put(`agenda_${i}_people`, a.people.every((key) => knownKeys.has(key)) ? null : v.unknownPerson);
  }
  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    program: {
      people: ordered(people.map(({ p }) => p)).map((p) => ({ key: p.key, role: p.role as PersonRole, name: p.name, organisation: p.organisation || null, bio: localized(p.bioDe, p.bioEn) })),
      agenda: ordered(items.map(({ a }) => a)).map((a) => ({
        kind: a.kind as AgendaKind, title: localized(a.titleDe, a.titleEn),
        startsAt: a.start ? zonedTimeToUtc(`${event.date}T${a.start}`, event.timeZone) : null,
        durationMinutes: a.duration ? Number(a.duration) : null, people: a.people.filter((key) => keptKeys.has(key)),
      })),
    },
  };
}
