// A minimal PDF 1.4 writer for plain text documents (a meeting's outcome report as a download).
// Written by hand because the need is small: A4 pages, Helvetica and Helvetica-Bold (two of the
// standard 14 fonts every viewer has, so nothing is embedded), word wrapping by the real glyph
// widths, page breaks and a footer per page. Text is encoded as WinAnsi (Windows-1252), which
// covers German and most Western European text; characters outside it are written as "?".
// Content streams stay uncompressed: the files are small and the text can be checked in tests.
import { createHash } from 'node:crypto';

export type PdfBlock =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'item'; text: string }
  | { kind: 'note'; text: string };

export interface PdfDocument {
  /** Document title for the viewer's window (/Title, written as UTF-16, so any script survives). */
  title: string;
  author?: string | undefined;
  /** Language tag such as 'de' or 'en' (/Lang), for screen readers. */
  language?: string | undefined;
  blocks: PdfBlock[];
  /** Text at the bottom of each page, e.g. (2, 5) => 'Seite 2 von 5'. */
  footer?: ((page: number, pages: number) => string) | undefined;
  created?: Date | undefined;
}

export type PdfFont = 'regular' | 'bold';

/** A4 portrait in points. */
export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;
export const MARGIN = 56;
export const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
/** Hanging indent of list items: the bullet sits in it, wrapped lines align with the text. */
export const ITEM_INDENT = 14;
const FOOTER_BASELINE = MARGIN / 2;
const FOOTER_SIZE = 8.5;

// ---------------------------------------------------------------------------------------------
// WinAnsiEncoding

/** Windows-1252 bytes 0x80–0x9F that are not Latin-1 (PDF 32000-1, Annex D). 0x81, 0x8D, 0x8F, 0x90 and 0x9D stay unused. */
const WIN_ANSI_HIGH: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
  0x02c6: 0x88, 0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e,
  0x2018: 0x91, 0x2019: 0x92, 0x201c: 0x93, 0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97,
  0x02dc: 0x98, 0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b, 0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

/** Look-alikes for a few characters WinAnsi lacks but that turn up in pasted text. */
const SUBSTITUTES: Record<string, string> = {
  '\u2010': '-', '\u2011': '-', '\u2012': '\u2013', '\u2212': '-', '\u2032': "'", '\u2033': '"',
  '\u2002': ' ', '\u2003': ' ', '\u2009': ' ', '\u200A': ' ', '\u2007': '\u00A0', '\u202F': '\u00A0',
};

/** The WinAnsi byte of one character, or undefined if the encoding has none. */
function winAnsiByte(codePoint: number): number | undefined {
  if (codePoint >= 0x20 && codePoint <= 0x7e) return codePoint;
  if (codePoint >= 0xa0 && codePoint <= 0xff) return codePoint;
  return WIN_ANSI_HIGH[codePoint];
}

/**
 * Text as it will be written: NFC (so "a" + combining diaeresis becomes one "ä"), tabs as
 * spaces, newlines kept, other control and invisible format characters (soft hyphen, zero-width
 * space, BOM) and stray combining marks dropped, and everything else outside WinAnsi as "?".
 */
export function sanitizeText(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC').replace(/\r\n?/g, '\n')) {
    if (char === '\n') out += char;
    else if (char === '\t') out += ' ';
    else if (/[\p{Cc}\p{Cf}\p{M}]/u.test(char)) continue;
    else {
      const mapped = SUBSTITUTES[char] ?? char;
      out += winAnsiByte(mapped.codePointAt(0) ?? 0) === undefined ? '?' : mapped;
    }
  }
  return out;
}

/** WinAnsi bytes of a text; characters the encoding lacks become "?" (newlines included). */
export function encodeWinAnsi(text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text) bytes.push(winAnsiByte(char.codePointAt(0) ?? 0) ?? 0x3f);
  return Buffer.from(bytes);
}

// ---------------------------------------------------------------------------------------------
// Glyph widths

// Advance widths (1/1000 em) for WinAnsi codes 32–255, from Adobe's AFM files for the standard
// fonts Helvetica and Helvetica-Bold. Codes the encoding leaves unused are 0; they are never written.
const HELVETICA = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0,
  556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
  0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667,
  278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
  400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
  667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
  722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
  556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
  556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
];

const HELVETICA_BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
  975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
  333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
  611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 0,
  556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
  0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667,
  278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
  400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
  722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
  722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
  556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
  611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
];

/** Width in points of a text set in the given font and size, as a viewer will draw it. */
export function textWidth(text: string, font: PdfFont, size: number): number {
  const table = font === 'bold' ? HELVETICA_BOLD : HELVETICA;
  let units = 0;
  for (const byte of encodeWinAnsi(text)) units += table[byte - 32] ?? 0;
  return (units * size) / 1000;
}

// ---------------------------------------------------------------------------------------------
// Line breaking

/** Breaks an over-long word (a URL, an ID) wherever the line is full. */
function breakWord(word: string, font: PdfFont, size: number, width: number): string[] {
  const chunks: string[] = [];
  let chunk = '';
  for (const char of word) {
    if (chunk !== '' && textWidth(chunk + char, font, size) > width) {
      chunks.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  chunks.push(chunk);
  return chunks;
}

/**
 * Greedy line breaking at spaces and after hyphens inside words ("Bürger-|beteiligung").
 * A newline in the text starts a new line; a word wider than the line is broken.
 */
export function wrapText(text: string, font: PdfFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const hardLine of sanitizeText(text).split('\n')) {
    let line = '';
    for (const word of hardLine.split(' ').filter((w) => w !== '')) {
      word.split(/(?<=[^\s-]-)(?=[^\s-])/).forEach((part, index) => {
        const candidate = line === '' ? part : line + (index === 0 ? ' ' : '') + part;
        if (textWidth(candidate, font, size) <= width) {
          line = candidate;
          return;
        }
        if (line !== '') lines.push(line);
        const chunks = breakWord(part, font, size, width);
        line = chunks.pop() ?? '';
        lines.push(...chunks);
      });
    }
    lines.push(line);
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Layout (first pass: the number of pages must be known before the footers can be written)

interface Style { font: PdfFont; size: number; leading: number; before: number; after: number; grey: boolean; keepWithNext: boolean }

const STYLES: Record<PdfBlock['kind'], Style> = {
  title: { font: 'bold', size: 20, leading: 25, before: 0, after: 10, grey: false, keepWithNext: true },
  heading: { font: 'bold', size: 14, leading: 18, before: 14, after: 4, grey: false, keepWithNext: true },
  subheading: { font: 'bold', size: 11.5, leading: 15, before: 8, after: 2, grey: false, keepWithNext: true },
  paragraph: { font: 'regular', size: 10.5, leading: 14, before: 0, after: 6, grey: false, keepWithNext: false },
  item: { font: 'regular', size: 10.5, leading: 14, before: 0, after: 3, grey: false, keepWithNext: false },
  note: { font: 'regular', size: 9, leading: 12, before: 0, after: 6, grey: true, keepWithNext: false },
};

/** One line of text placed on a page; y is the baseline, measured from the bottom as PDF does. */
export interface PlacedLine { font: PdfFont; size: number; x: number; y: number; text: string; grey: boolean }

interface Prepared { style: Style; lines: string[]; bullet: boolean }

const BODY_HEIGHT = PAGE_HEIGHT - 2 * MARGIN;

function prepare(block: PdfBlock): Prepared | undefined {
  const style = STYLES[block.kind];
  const width = block.kind === 'item' ? CONTENT_WIDTH - ITEM_INDENT : CONTENT_WIDTH;
  const lines = wrapText(block.text, style.font, style.size, width);
  // Trailing empty lines would only add space; a block without text adds nothing.
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.length === 0 ? undefined : { style, lines, bullet: block.kind === 'item' };
}

/**
 * Height a heading needs to stay with what follows: itself, any headings right after it and the
 * first line of the next text block, so that no page ends with a heading.
 */
function keepHeight(blocks: Prepared[], index: number): number {
  let height = 0;
  for (let i = index; i < blocks.length; i++) {
    const block = blocks[i];
    if (!block) break;
    const gap = i === index ? 0 : (blocks[i - 1]?.style.after ?? 0) + block.style.before;
    if (!block.style.keepWithNext) return height + gap + block.style.leading;
    height += gap + block.lines.length * block.style.leading;
  }
  return height;
}

export function layoutPages(blocks: PdfBlock[]): PlacedLine[][] {
  const prepared = blocks.map(prepare).filter((b): b is Prepared => b !== undefined);
  const pages: PlacedLine[][] = [[]];
  let used = 0; // height used on the current page, from the top of the text area
  let previousAfter = 0;
  const newPage = () => {
    pages.push([]);
    used = 0;
  };
  prepared.forEach((block, index) => {
    const { style } = block;
    const gap = () => (used === 0 ? 0 : previousAfter + style.before);
    if (style.keepWithNext && used > 0) {
      const needed = gap() + keepHeight(prepared, index);
      if (used + needed > BODY_HEIGHT && needed <= BODY_HEIGHT) newPage();
    }
    block.lines.forEach((text, n) => {
      let space = n === 0 ? gap() : 0;
      if (used > 0 && used + space + style.leading > BODY_HEIGHT) {
        newPage();
        space = 0;
      }
      used += space;
      // The baseline sits one font size below the top of the line box (ascent plus half the extra leading).
      const y = PAGE_HEIGHT - MARGIN - used - style.size;
      const x = block.bullet ? MARGIN + ITEM_INDENT : MARGIN;
      const page = pages[pages.length - 1] ?? [];
      if (block.bullet && n === 0) page.push({ font: style.font, size: style.size, x: MARGIN + 2, y, text: '\u2022', grey: style.grey });
      if (text !== '') page.push({ font: style.font, size: style.size, x, y, text, grey: style.grey });
      used += style.leading;
    });
    previousAfter = style.after;
  });
  return pages;
}

// ---------------------------------------------------------------------------------------------
// Writing (second pass)

/** Numbers as PDF wants them: plain decimals, never exponents. */
function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** A literal string with WinAnsi bytes; backslash and parentheses are escaped. */
function literal(text: string): Buffer {
  const bytes: number[] = [0x28];
  for (const byte of encodeWinAnsi(text)) {
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) bytes.push(0x5c);
    bytes.push(byte);
  }
  bytes.push(0x29);
  return Buffer.from(bytes);
}

/** A hex string in UTF-16BE with byte order mark, the form that lets metadata carry any script. */
export function utf16Hex(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** D:YYYYMMDDHHmmSSZ, in UTC. */
export function pdfDate(date: Date): string {
  return `D:${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
}

function showText(line: PlacedLine): Buffer {
  const font = line.font === 'bold' ? 'F2' : 'F1';
  return Buffer.concat([
    Buffer.from(`${line.grey ? '0.4 g ' : ''}BT /${font} ${num(line.size)} Tf ${num(line.x)} ${num(line.y)} Td `, 'latin1'),
    literal(line.text),
    Buffer.from(` Tj ET${line.grey ? ' 0 g' : ''}\n`, 'latin1'),
  ]);
}

function footerLine(text: string): PlacedLine {
  const fitted = wrapText(text.replace(/\n/g, ' '), 'regular', FOOTER_SIZE, CONTENT_WIDTH)[0] ?? '';
  const x = MARGIN + (CONTENT_WIDTH - textWidth(fitted, 'regular', FOOTER_SIZE)) / 2;
  return { font: 'regular', size: FOOTER_SIZE, x, y: FOOTER_BASELINE, text: fitted, grey: true };
}

/** Collects objects and remembers each one's byte offset for the cross-reference table. */
class PdfWriter {
  private readonly chunks: Buffer[] = [];
  private length = 0;
  readonly offsets: number[] = [];

  write(data: Buffer | string): void {
    const buffer = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    this.chunks.push(buffer);
    this.length += buffer.length;
  }

  object(id: number, body: Buffer | string): void {
    this.offsets[id] = this.length;
    this.write(`${id} 0 obj\n`);
    this.write(body);
    this.write('\nendobj\n');
  }

  stream(id: number, content: Buffer): void {
    this.object(id, Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`, 'latin1'), content, Buffer.from('\nendstream', 'latin1')]));
  }

  get position(): number {
    return this.length;
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

// Fixed object numbers; each page n (from 0) is object 6 + 2n with its content stream 7 + 2n.
const CATALOG = 1;
const PAGES = 2;
const FONT_REGULAR = 3;
const FONT_BOLD = 4;
const INFO = 5;
const FIRST_PAGE = 6;

/** Renders the document; returns the bytes of the .pdf file. */
export function renderPdf(doc: PdfDocument): Buffer {
  const pages = layoutPages(doc.blocks);
  const out = new PdfWriter();
  // The comment with bytes above 127 tells transfer tools that the file is binary.
  out.write(Buffer.from('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n', 'latin1'));

  const language = doc.language && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(doc.language) ? ` /Lang (${doc.language})` : '';
  out.object(CATALOG, `<< /Type /Catalog /Pages ${PAGES} 0 R${language} /ViewerPreferences << /DisplayDocTitle true >> >>`);
  const kids = pages.map((_, n) => `${FIRST_PAGE + 2 * n} 0 R`).join(' ');
  out.object(PAGES, `<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  out.object(FONT_REGULAR, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  out.object(FONT_BOLD, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  const clean = (text: string) => text.replace(/[\p{Cc}]/gu, ' ').trim();
  const author = doc.author ? ` /Author ${utf16Hex(clean(doc.author))}` : '';
  out.object(INFO, `<< /Title ${utf16Hex(clean(doc.title))}${author} /Producer (LabCamp) /CreationDate (${pdfDate(doc.created ?? new Date())}) >>`);

  pages.forEach((lines, n) => {
    const footer = doc.footer ? [footerLine(doc.footer(n + 1, pages.length))] : [];
    const content = Buffer.concat([...lines, ...footer].map(showText));
    out.object(FIRST_PAGE + 2 * n, `<< /Type /Page /Parent ${PAGES} 0 R /MediaBox [0 0 ${num(PAGE_WIDTH)} ${num(PAGE_HEIGHT)}]`
      + ` /Resources << /Font << /F1 ${FONT_REGULAR} 0 R /F2 ${FONT_BOLD} 0 R >> >> /Contents ${FIRST_PAGE + 2 * n + 1} 0 R >>`);
    out.stream(FIRST_PAGE + 2 * n + 1, content);
  });

  // Cross-reference table: every entry exactly 20 bytes ("nnnnnnnnnn ggggg n" plus space and LF).
  const size = FIRST_PAGE + 2 * pages.length;
  const xref = out.position;
  out.write(`xref\n0 ${size}\n0000000000 65535 f \n`);
  for (let id = 1; id < size; id++) out.write(`${String(out.offsets[id] ?? 0).padStart(10, '0')} 00000 n \n`);
  // The file identifier is a hash of the content, so the same report gives the same file.
  const id = createHash('md5').update(out.toBuffer()).digest('hex').toUpperCase();
  out.write(`trailer\n<< /Size ${size} /Root ${CATALOG} 0 R /Info ${INFO} 0 R /ID [<${id}> <${id}>] >>\nstartxref\n${xref}\n%%EOF\n`);
  return out.toBuffer();
}
