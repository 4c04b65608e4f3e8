// Reading a labs CSV (our own columns, see docs/organizer-guide.md) into checked rows for a preview.
import { CsvError, parseCsv } from '../../platform/csv.js';
import type { Messages } from '../../platform/i18n/index.js';
import type { FieldErrors } from '../../platform/html/components.js';
import { EMPTY_LAB, LAB_FIELDS, type LabInput, type LabValues, validateLab } from './labs.form.js';

export const LAB_IMPORT_MAX_ROWS = 2000;

export interface LabImportRow {
  line: number;
  values: LabValues;
  errors: FieldErrors;
  input?: LabInput;
}

export type LabImportResult =
  | { kind: 'problem'; message: string }
  | { kind: 'rows'; rows: LabImportRow[] };

export function readLabsCsv(text: string, t: Messages, thisYear: number): LabImportResult {
  const c = t.community.labImport;
  let records;
  try {
    records = parseCsv(text, { maxRecords: LAB_IMPORT_MAX_ROWS + 1, maxFields: 40 });
  } catch (error) {
    if (error instanceof CsvError) return { kind: 'problem', message: c.csvError(error.line) };
    throw error;
  }
  const [header, ...body] = records;
  if (!header || body.length === 0) return { kind: 'problem', message: c.empty };
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  if (!columns.includes('name')) return { kind: 'problem', message: c.noNameColumn };
  const unknown = columns.filter((col) => col !== '' && !(LAB_FIELDS as readonly string[]).includes(col));
  if (unknown.length > 0) return { kind: 'problem', message: c.unknownColumns(unknown.join(', ')) };

  const rows = body.map((record): LabImportRow => {
    const values: LabValues = { ...EMPTY_LAB };
    columns.forEach((col, i) => {
      if ((LAB_FIELDS as readonly string[]).includes(col)) values[col as keyof LabValues] = (record.fields[i] ?? '').replace(/\r\n?/g, '\n').trim();
    });
    const checked = validateLab(values, t, thisYear);
    return { line: record.line, values, errors: checked.errors, ...(checked.input ? { input: checked.input } : {}) };
  });
  // Two rows for one lab would silently overwrite each other.
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (!row.input) continue;
    const first = seen.get(row.input.slug);
    if (first !== undefined) {
      row.errors = { ...row.errors, slug: c.duplicateRow(first) };
      delete row.input;
    } else seen.set(row.input.slug, row.line);
  }
  return { kind: 'rows', rows };
}
