import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  CONTENT_WIDTH, MARGIN, PAGE_WIDTH, encodeWinAnsi, layoutPages, renderPdf, sanitizeText, textWidth, wrapText,
  type PdfDocument, type PdfFont,
} from '../../src/platform/pdf.js';

const GERMAN = 'Nächste Schritte für Städte – „Beteiligung“ …';

/** Objects by number, read through the cross-reference table (so the table is exercised too). */
function objects(pdf: Buffer): Map<number, Buffer> {
  const text = pdf.toString('latin1');
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
  const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(startxref)) ?? [];
  assert.equal(first, '0');
  const entries = text.slice(startxref).split('\n').slice(2, 2 + Number(count));
  const result = new Map<number, Buffer>();
  entries.forEach((entry, id) => {
    if (id === 0) return;
    const offset = Number(entry.slice(0, 10));
    const end = pdf.indexOf('endobj', offset, 'latin1');
    result.set(id, pdf.subarray(offset, end));
  });
  return result;
}

/** The content stream of each page, in page order. */
function pageContents(pdf: Buffer): Buffer[] {
  const objs = objects(pdf);
  const pagesDict = [...objs.values()].map((b) => b.toString('latin1')).find((s) => s.includes('/Type /Pages'));
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(pagesDict ?? '')?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
  return kids.map((kid) => {
    const contents = Number(/\/Contents (\d+) 0 R/.exec(objs.get(kid)?.toString('latin1') ?? '')?.[1]);
    const body = objs.get(contents) ?? Buffer.alloc(0);
    const length = Number(/\/Length (\d+)/.exec(body.toString('latin1'))?.[1]);
    const start = body.indexOf('stream\n', 0, 'latin1') + 'stream\n'.length;
    const stream = body.subarray(start, start + length);
    assert.equal(body.subarray(start + length).toString('latin1'), '\nendstream\n', '/Length is exact');
    return stream;
  });
}

interface ShownLine { font: PdfFont; size: number; x: number; y: number; text: string }

// Windows-1252 written out independently of the module under test (Node 20's TextDecoder
// treats 'windows-1252' as ISO-8859-1). Unused codes are U+FFFD.
const CP1252_80_9F = '€\uFFFD‚ƒ„…†‡ˆ‰Š‹Œ\uFFFDŽ\uFFFD\uFFFD‘’“”•–—˜™š›œ\uFFFDžŸ';
function decodeCp1252(bytes: Uint8Array): string {
  return [...bytes].map((b) => (b >= 0x80 && b <= 0x9f ? CP1252_80_9F[b - 0x80] : String.fromCharCode(b))).join('');
}

/** The text-showing operators this writer emits, with literal strings unescaped and decoded. */
function shownLines(stream: Buffer): ShownLine[] {
  const text = stream.toString('latin1');
  return [...text.matchAll(/BT \/F(\d) (\S+) Tf (\S+) (\S+) Td \(((?:\\.|[^\\)])*)\) Tj ET/g)].map((m) => ({
    font: m[1] === '2' ? 'bold' : 'regular',
    size: Number(m[2]),
    x: Number(m[3]),
    y: Number(m[4]),
    text: decodeCp1252(Buffer.from((m[5] ?? '').replace(/\\(.)/g, '$1'), 'latin1')),
  }));
}

const sample = (blocks: PdfDocument['blocks'], extra: Partial<PdfDocument> = {}): Buffer =>
  renderPdf({ title: 'Ergebnisse', language: 'de', blocks, created: new Date('2026-03-04T05:06:07Z'), ...extra });

describe('PDF writer', () => {
  test('file structure: header, exact cross-reference offsets, startxref, trailer, %%EOF', () => {
    const pdf = sample([{ kind: 'title', text: 'Ergebnisse' }, { kind: 'paragraph', text: GERMAN }]);
    const text = pdf.toString('latin1');
    assert.ok(text.startsWith('%PDF-1.4\n'));
    assert.ok(text.endsWith('%%EOF\n'));
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
    assert.equal(text.slice(startxref, startxref + 5), 'xref\n');
    const [, count] = /^xref\n0 (\d+)\n/.exec(text.slice(startxref)) ?? [];
    const size = Number(count);
    const tableStart = startxref + `xref\n0 ${size}\n`.length;
    const trailerAt = text.indexOf('trailer\n', tableStart);
    assert.equal(trailerAt - tableStart, size * 20, 'every entry is exactly 20 bytes');
    assert.equal(text.slice(tableStart, tableStart + 20), '0000000000 65535 f \n');
    for (let id = 1; id < size; id++) {
      const entry = text.slice(tableStart + id * 20, tableStart + (id + 1) * 20);
      assert.match(entry, /^\d{10} 00000 n \n$/);
      const offset = Number(entry.slice(0, 10));
      assert.equal(text.slice(offset, offset + `${id} 0 obj`.length), `${id} 0 obj`, `object ${id}`);
    }
    assert.match(text.slice(trailerAt), new RegExp(`/Size ${size} /Root 1 0 R /Info 5 0 R /ID \\[<[0-9A-F]{32}> <[0-9A-F]{32}>\\]`));
    assert.match(text, /\/Type \/Catalog \/Pages 2 0 R \/Lang \(de\) \/ViewerPreferences << \/DisplayDocTitle true >>/);
    assert.match(text, /\/BaseFont \/Helvetica \/Encoding \/WinAnsiEncoding/);
    assert.match(text, /\/BaseFont \/Helvetica-Bold \/Encoding \/WinAnsiEncoding/);
    assert.match(text, /\/Producer \(LabCamp\) \/CreationDate \(D:20260304050607Z\)/);
    assert.match(text, /\/MediaBox \[0 0 595\.28 841\.89\]/);
  });

  test('the same input gives the same bytes', () => {
    const blocks: PdfDocument['blocks'] = [{ kind: 'paragraph', text: GERMAN }];
    assert.deepEqual(sample(blocks), sample(blocks));
  });

  test('German text is written as WinAnsi bytes, not UTF-8', () => {
    const [stream] = pageContents(sample([{ kind: 'paragraph', text: GERMAN }]));
    assert.ok(stream);
    const expected = Buffer.concat([
      Buffer.from('N'), Buffer.from([0xe4]), Buffer.from('chste Schritte f'), Buffer.from([0xfc]), Buffer.from('r St'), Buffer.from([0xe4]),
      Buffer.from('dte '), Buffer.from([0x96]), Buffer.from(' '), Buffer.from([0x84]), Buffer.from('Beteiligung'), Buffer.from([0x93]),
      Buffer.from(' '), Buffer.from([0x85]),
    ]);
    assert.ok(stream.includes(expected), stream.toString('latin1'));
    assert.ok(!stream.includes(Buffer.from('ä', 'utf8')), 'no UTF-8 sequences');
    assert.equal(shownLines(stream)[0]?.text, GERMAN);
  });

  test('WinAnsi mapping: 0x80–0x9F specials, Latin-1 above, "?" for the rest', () => {
    assert.deepEqual([...encodeWinAnsi('€‚„…•–—“”‘’ßÄÖÜ©')], [0x80, 0x82, 0x84, 0x85, 0x95, 0x96, 0x97, 0x93, 0x94, 0x91, 0x92, 0xdf, 0xc4, 0xd6, 0xdc, 0xa9]);
    assert.deepEqual([...encodeWinAnsi('Ω会\u0081')], [0x3f, 0x3f, 0x3f]);
    const all = Array.from({ length: 224 }, (_, i) => i + 32).filter((b) => b !== 0x7f && ![0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(b));
    const decoded = decodeCp1252(Uint8Array.from(all));
    assert.deepEqual([...encodeWinAnsi(decoded)], all, 'agrees with the Windows-1252 decoder');
    assert.equal(sanitizeText('Ω 😀 x'), '? ? x', 'one "?" per character, also outside the BMP');
    assert.equal(sanitizeText('Sta\u0308dte\u00AD\u200B'), 'Städte', 'NFC; soft hyphen and zero-width space dropped');
  });

  test('parentheses and backslashes are escaped in content streams', () => {
    const [stream] = pageContents(sample([{ kind: 'paragraph', text: 'Budget (vorläufig) C:\\Daten\\) ende' }]));
    assert.ok(stream);
    assert.ok(stream.toString('latin1').includes('(Budget \\(vorl\xe4ufig\\) C:\\\\Daten\\\\\\) ende) Tj'), stream.toString('latin1'));
    assert.equal(shownLines(stream)[0]?.text, 'Budget (vorläufig) C:\\Daten\\) ende');
  });

  test('newlines start new lines and other control characters are dropped', () => {
    assert.deepEqual(wrapText('Eins\nZwei\r\nDrei\u0007\u001b!\tVier', 'regular', 10.5, CONTENT_WIDTH), ['Eins', 'Zwei', 'Drei! Vier']);
    assert.deepEqual(wrapText('a\n\nb', 'regular', 10.5, CONTENT_WIDTH), ['a', '', 'b']);
  });

  test('glyph widths come from the Helvetica AFM metrics', () => {
    assert.equal(textWidth('a', 'regular', 1000), 556);
    assert.equal(textWidth(' ', 'regular', 1000), 278);
    assert.equal(textWidth('W', 'regular', 1000), 944);
    assert.equal(textWidth('i', 'regular', 1000), 222);
    assert.equal(textWidth('i', 'bold', 1000), 278);
    assert.equal(textWidth("'", 'regular', 1000), 191, 'quotesingle, not quoteright');
    assert.equal(textWidth('•', 'regular', 1000), 350);
    assert.equal(textWidth('€—', 'bold', 1000), 1556);
    assert.equal(textWidth('Wa', 'regular', 10), 15);
  });

  test('a word longer than the line is broken; no line is wider than the text area', () => {
    const long = `https://example.org/${'abcdefghij'.repeat(30)}`;
    const lines = wrapText(`Siehe ${long} danach`, 'regular', 10.5, CONTENT_WIDTH);
    assert.ok(lines.length >= 3, lines.join('|'));
    assert.equal(lines[0], 'Siehe');
    assert.equal(lines.slice(1, -1).join('') + (lines.at(-1) ?? '').replace(/ danach$/, ''), long);
    assert.deepEqual(wrapText('Bürgerbeteiligungs-Prozess', 'regular', 10.5, textWidth('Bürgerbeteiligungs-Pro', 'regular', 10.5)), ['Bürgerbeteiligungs-', 'Prozess'], 'breaks after a hyphen');

    const words = Array.from({ length: 400 }, (_, i) => ['Wohnungsbau', 'Mitwirkung', 'WWW', 'il', '„Quartier“', 'Straßenbahn-Ausbau'][i % 6]).join(' ');
    const pdf = sample([
      { kind: 'title', text: words.slice(0, 200) },
      { kind: 'heading', text: words.slice(0, 120) },
      { kind: 'paragraph', text: `${words} ${long}` },
      { kind: 'item', text: `${long} ${words}` },
      { kind: 'note', text: words },
    ], { footer: (p, n) => `Seite ${p} von ${n}` });
    const all = pageContents(pdf).flatMap(shownLines);
    assert.ok(all.length > 50);
    for (const line of all) {
      const right = line.x + textWidth(line.text, line.font, line.size);
      assert.ok(line.x >= MARGIN - 0.01 && right <= PAGE_WIDTH - MARGIN + 0.01, `${right} > ${PAGE_WIDTH - MARGIN}: ${line.text}`);
      assert.ok(line.y >= MARGIN / 2 - 0.01);
    }
    assert.ok(all.some((l) => l.text === long.slice(0, l.text.length) && l.text.length > 20), 'the URL starts its own line');
  });

  test('a long document has several pages, a matching /Count and a footer on each page', () => {
    const blocks: PdfDocument['blocks'] = [
      { kind: 'title', text: 'Protokoll' },
      ...Array.from({ length: 300 }, (_, i) => ({ kind: 'item' as const, text: `Punkt ${i + 1}: ${GERMAN}` })),
    ];
    const pdf = sample(blocks, { footer: (page, pages) => `Seite ${page} von ${pages}` });
    const text = pdf.toString('latin1');
    const pageCount = text.match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
    assert.ok(pageCount > 1, `${pageCount} pages`);
    assert.match(text, new RegExp(`/Type /Pages /Kids \\[[^\\]]*\\] /Count ${pageCount} >>`));
    const contents = pageContents(pdf);
    assert.equal(contents.length, pageCount);
    contents.forEach((stream, index) => {
      const lines = shownLines(stream);
      const footer = lines.find((l) => l.text === `Seite ${index + 1} von ${pageCount}`);
      assert.ok(footer, `footer on page ${index + 1}`);
      assert.ok(lines.every((l) => l === footer || l.y > footer.y + 10), 'the footer sits below the text');
    });
    const items = contents.flatMap(shownLines).filter((l) => l.text.startsWith('Punkt '));
    assert.equal(items.length, 300, 'nothing lost between pages');
    assert.equal(contents.flatMap(shownLines).filter((l) => l.text === '•').length, 300, 'one bullet per item');
  });

  test('a heading is never the last line on a page', () => {
    for (let filler = 40; filler < 70; filler++) {
      const pages = layoutPages([
        ...Array.from({ length: filler }, () => ({ kind: 'paragraph' as const, text: 'Text' })),
        { kind: 'heading', text: 'Überschrift' },
        { kind: 'subheading', text: 'Unterüberschrift' },
        { kind: 'paragraph', text: 'Absatz' },
      ]);
      for (const page of pages) assert.ok(page.at(-1)?.font !== 'bold', `filler ${filler}: page ends with a heading`);
      assert.equal(pages.flat().filter((l) => l.text === 'Überschrift').length, 1);
    }
  });

  test('the title is a UTF-16BE hex string with BOM and decodes back', () => {
    const title = 'Ergebnisse – Städte 会議 😀 (Entwurf)';
    const text = sample([{ kind: 'paragraph', text: 'x' }], { title, author: 'Team Ö' }).toString('latin1');
    const hex = /\/Title <([0-9A-F]+)>/.exec(text)?.[1] ?? '';
    assert.ok(hex.startsWith('FEFF'));
    const bytes = Buffer.from(hex.slice(4), 'hex');
    assert.equal(Buffer.from(bytes).swap16().toString('utf16le'), title);
    const author = /\/Author <([0-9A-F]+)>/.exec(text)?.[1] ?? '';
    assert.equal(Buffer.from(author.slice(4), 'hex').swap16().toString('utf16le'), 'Team Ö');
  });

  test('an empty document still is a valid one-page PDF', () => {
    const text = sample([], { footer: (p, n) => `Seite ${p} von ${n}` }).toString('latin1');
    assert.match(text, /\/Count 1 >>/);
    assert.ok(text.includes('(Seite 1 von 1) Tj'));
  });

  test('pdftotext reads the text back', (t) => {
    if (!existsSync('/usr/bin/pdftotext')) {
      t.skip('pdftotext is not installed');
      return;
    }
    const pdf = sample([
      { kind: 'title', text: 'Ergebnisse' },
      { kind: 'heading', text: 'Nächste Schritte' },
      { kind: 'paragraph', text: GERMAN },
      { kind: 'item', text: 'Budget (vorläufig): 1.000 €' },
    ], { footer: (p, n) => `Seite ${p} von ${n}` });
    const out = execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
    const flat = out.replace(/\s+/g, ' ');
    for (const expected of ['Ergebnisse', 'Nächste Schritte', GERMAN, 'Budget (vorläufig): 1.000 €', 'Seite 1 von 1']) {
      assert.ok(flat.includes(expected), `${expected} in ${flat}`);
    }
  });
});
