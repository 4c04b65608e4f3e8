// CSV export of an event's registrations (its columns are shared with the XLSX export), written
// by platform/csv-write.ts (quoting, BOM, formula injection defused).
import type { Locale } from '../../platform/i18n/index.js';
import { csvDocument } from '../../platform/csv-write.js';
import type { RegistrationRow } from './registration.repo.js';
import type { Question } from './registration.types.js';
import { localizedLabel } from './registration.form.js';

/** The fixed columns of the export, before the organizers' questions. */
export const EXPORT_COLUMNS = [
  'id', 'status', 'name', 'email', 'organisation', 'level', 'land', 'role', 'listed', 'language', 'source',
  'registered_at', 'confirmed_at', 'admitted_at', 'cancelled_at',
] as const;


export type ExportValue = string | number | null;

/** The export's columns and values, one definition for CSV and XLSX (and the import reads this header). */
export function registrationsTable(rows: RegistrationRow[], questions: Question[], answers: Map<number, Record<number, string | string[]>>, locale: Locale): { header: string[]; rows: ExportValue[][] } {
  const header = [
    ...EXPORT_COLUMNS,
    ...questions.map((q) => localizedLabel(q.label, locale)),
  ];
  const values = rows.map((r) => {
    const a = answers.get(r.id) ?? {};
    return [
      r.id, r.status, r.name, r.email, r.organisation, r.level, r.land, r.role, r.listed ? 'yes' : 'no', r.locale, r.source,
      r.created_at, r.confirmed_at, r.admitted_at, r.cancelled_at,
      ...questions.map((q) => {
        const v = a[q.id];
        return Array.isArray(v) ? v.join(', ') : (v ?? '');
      }),
    ];
  });
  return { header, rows: values };
}

export function registrationsCsv(rows: RegistrationRow[], questions: Question[], answers: Map<number, Record<number, string | string[]>>, locale: Locale): string {
  const table = registrationsTable(rows, questions, answers, locale);
  return csvDocument([table.header, ...table.rows]);
}
