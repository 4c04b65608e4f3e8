// Reading CSV files as spreadsheets write them: RFC 4180 quoting ("" inside quotes, line breaks in
// quoted fields), CRLF or LF, a UTF-8 byte order mark, and `,` or `;` (German Excel) or tab as
// the delimiter, detected from the header line. Bytes that are not valid UTF-8 are read as
// Windows-1252, Excel's default on German Windows.

export type CsvEncoding = 'utf-8' | 'windows-1252';

/** Decodes uploaded bytes: UTF-8 if they are valid UTF-8, else Windows-1252. Drops a BOM. */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  try {
    return { text: stripBom(new TextDecoder('utf-8', { fatal: true }).decode(bytes)), encoding: 'utf-8' };
  } catch {
    return { text: stripBom(decodeWindows1252(bytes)), encoding: 'windows-1252' };
  }
}

/** 0x80–0x9F of Windows-1252 (€, „, “, –, …); the rest is Latin-1. Node's TextDecoder reads it as Latin-1. */
const CP1252_HIGH = '\u20AC\uFFFD\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\uFFFD\u017D\uFFFD'
  + '\uFFFD\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\uFFFD\u017E\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    text += String.fromCharCode(...chunk);
  }
  return text.replace(/[\x80-\x9F]/g, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80]!);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The delimiter used most often in the first line outside quotes; `,` when none is. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of stripBom(text)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

export interface CsvRecord {
  /** Line of the file where the record starts (1-based), for messages like "line 5". */
  line: number;
  fields: string[];
}

export class CsvError extends Error {
  constructor(readonly reason: 'unterminated-quote' | 'too-many-records' | 'too-many-fields', readonly line: number) {
    super(`${reason} at line ${line}`);
  }
}

/**
 * Splits CSV text into records. Lines that are entirely empty are skipped. Limits keep a hostile
 * file from taking the server's memory: records and fields per record.
 */
export function parseCsv(input: string, options: { delimiter?: string; maxRecords?: number; maxFields?: number } = {}): CsvRecord[] {
  const text = stripBom(input);
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const maxRecords = options.maxRecords ?? Number.POSITIVE_INFINITY;
  const maxFields = options.maxFields ?? Number.POSITIVE_INFINITY;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quoted = false;
  let fieldStarted = false;

  const endField = () => {
    fields.push(field);
    if (fields.length > maxFields) throw new CsvError('too-many-fields', recordLine);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === '')) {
      records.push({ line: recordLine, fields });
      if (records.length > maxRecords) throw new CsvError('too-many-records', recordLine);
    }
    fields = [];
  };

  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\n') line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      i++;
      continue;
    }
    if (ch === delimiter) {
      endField();
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    // A quote in the middle of an unquoted field is kept as it is (lenient, as spreadsheets are).
    field += ch;
    fieldStarted = true;
    i++;
  }
  if (quoted) throw new CsvError('unterminated-quote', recordLine);
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}
