// CSV export of an event's registrations: RFC 4180 quoting, a BOM so Excel reads UTF-8, and
// formula injection defused (cells starting with = + - @ get a leading apostrophe, as OWASP advises).
import type { Locale } from '../../platform/i18n/index.js';
import type { RegistrationRow } from './registration.repo.js';
import type { Question } from './registration.types.js';
import { localizedLabel } from './registration.form.js';

export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function registrationsCsv(rows: RegistrationRow[], questions: Question[], answers: Map<number, Record<number, string | string[]>>, locale: Locale): string {
  const header = [
    'id', 'status', 'name', 'email', 'organisation', 'level', 'land', 'role', 'listed', 'language', 'source',
    'registered_at', 'confirmed_at', 'admitted_at', 'cancelled_at',
    ...questions.map((q) => localizedLabel(q.label, locale)),
  ];
  const lines = rows.map((r) => {
    const a = answers.get(r.id) ?? {};
    return [
      r.id, r.status, r.name, r.email, r.organisation, r.level, r.land, r.role, r.listed ? 'yes' : 'no', r.locale, r.source,
      r.created_at, r.confirmed_at, r.admitted_at, r.cancelled_at,
      ...questions.map((q) => {
        const v = a[q.id];
        return Array.isArray(v) ? v.join(', ') : (v ?? '');
      }),
    ].map(csvCell).join(',');
  });
  return `\uFEFF${[header.map(csvCell).join(','), ...lines].join('\r\n')}\r\n`;
}
