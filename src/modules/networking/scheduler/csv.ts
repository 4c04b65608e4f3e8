// People for the scheduler from a CSV file (the `schedule` command's --input): a header with at
// least id, name, lab and level (in any order, any case), optionally land and topics (topics
// separated by ";" or "|"). Spreadsheet quirks — quoting, CRLF, a BOM, ";" as the delimiter,
// Windows-1252 — are handled by the platform's CSV reader.
import { CsvError, decodeCsvBytes, parseCsv } from '../../../platform/csv.js';
import type { Person } from './scheduler.types.js';

export const REQUIRED_COLUMNS = ['id', 'name', 'lab', 'level'] as const;
const OPTIONAL_COLUMNS = ['land', 'topics'] as const;

export class PeopleCsvError extends Error {
  override name = 'PeopleCsvError';
}

export function readPeopleCsv(bytes: Uint8Array, maxPeople: number): Person[] {
  const { text } = decodeCsvBytes(bytes);
  let records;
  try {
    records = parseCsv(text, { maxRecords: maxPeople + 1, maxFields: 100 });
  } catch (error) {
    if (error instanceof CsvError) {
      if (error.reason === 'too-many-records') throw new PeopleCsvError(`more than ${maxPeople} people in the file`);
      if (error.reason === 'unterminated-quote') throw new PeopleCsvError(`line ${error.line}: a quoted field is not closed`);
      throw new PeopleCsvError(`line ${error.line}: too many fields`);
    }
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) throw new PeopleCsvError('the file is empty; it needs a header line id,name,lab,level');
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) throw new PeopleCsvError(`the header lacks ${missing.join(', ')} (it needs id,name,lab,level; optional land,topics)`);
  const column = (name: string) => names.indexOf(name);
  for (const name of [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]) {
    if (names.filter((n) => n === name).length > 1) throw new PeopleCsvError(`the header has the column ${name} twice`);
  }
  if (rows.length === 0) throw new PeopleCsvError('the file has a header but no people');

  const firstLine = new Map<string, number>();
  return rows.map(({ line, fields }) => {
    if (fields.length !== names.length) throw new PeopleCsvError(`line ${line} has ${fields.length} fields, the header ${names.length}`);
    const field = (name: string) => {
      const i = column(name);
      return i < 0 ? '' : fields[i]!.trim();
    };
    const id = field('id');
    if (id === '') throw new PeopleCsvError(`line ${line}: the id is empty`);
    const earlier = firstLine.get(id);
    if (earlier !== undefined) throw new PeopleCsvError(`line ${line}: the id "${id}" is there twice (also on line ${earlier})`);
    firstLine.set(id, line);
    const topics = field('topics').split(/[;|]/).map((t) => t.trim()).filter((t) => t !== '');
    return { id, lab: field('lab') || null, level: field('level') || null, land: field('land') || null, topics };
  });
}
