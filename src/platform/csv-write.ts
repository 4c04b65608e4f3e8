// Writing CSV for spreadsheets (reading is csv.ts): RFC 4180 quoting, a BOM so Excel reads UTF-8, CRLF line ends, and formula
// injection defused (cells starting with = + - @ get a leading apostrophe, as OWASP advises).

export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole document: header and rows. */
export function csvDocument(rows: Array<Array<string | number | null | undefined>>): string {
  return `\uFEFF${rows.map((values) => values.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
