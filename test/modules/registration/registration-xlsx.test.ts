// The Excel export: a real .xlsx (zip of Office Open XML) with the same columns and values as the
// CSV export, text as inline strings (never formulas), a bold frozen header, the list's filters.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { strFromU8, unzipSync } from 'fflate';
import { testDialects } from '../../helpers/databases.js';
import { createTestApp, signIn, type TestApp } from '../../helpers/app.js';
import { visitor, type Visitor } from '../../helpers/visitor.js';
import { memberCookies } from '../../helpers/team.js';
import { parseCsv } from '../../../src/platform/csv.js';
import { columnName } from '../../../src/platform/xlsx.js';

const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** The cells of sheet1 as text, row by row (enough of a reader for our own writer's output). */
function sheetRows(xml: string): string[][] {
  return [...xml.matchAll(/<row r="(\d+)">(.*?)<\/row>/g)].map(([, , cells]) => {
    const row: string[] = [];
    for (const [, ref, body] of cells!.matchAll(/<c r="([A-Z]+)\d+"[^>]*>(.*?)<\/c>/g)) {
      let index = 0;
      for (const ch of ref!) index = index * 26 + (ch.charCodeAt(0) - 64);
      const value = /<t[^>]*>(.*?)<\/t>/s.exec(body!)?.[1] ?? /<v>(.*?)<\/v>/.exec(body!)?.[1] ?? '';
      row[index - 1] = unescapeXml(value);
    }
    return Array.from(row, (v) => v ?? '');
  });
}

test('column names run A…Z, AA…', () => {
  assert.deepEqual([0, 25, 26, 27, 701, 702].map(columnName), ['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
});

for (const dialect of testDialects()) {
  describe(`XLSX export (${dialect})`, () => {
    let t: TestApp;
    let admin: Visitor;
    let adminCookies: string;

    before(async () => {
      t = await createTestApp(dialect);
      adminCookies = await signIn(t, t.report.firstLoginLink!);
      admin = visitor(t, adminCookies);
      const person = (name: string, email: string, organisation: string) => ({ name, email, organisation, level: 'kommune', land: 'BY', role: '', language: 'de' });
      await admin.get('/admin/events/labcamp-2020/registrations/new');
      for (const p of [person('Jürgen Öztürk', 'juergen@example.org', 'Stadtlabor Würzburg'), person('=HYPERLINK("http://evil.example","klick")', 'formula@example.org', '<b>Lab & Co</b>')]) {
        assert.equal((await admin.post('/admin/events/labcamp-2020/registrations/new', p)).statusCode, 303);
      }
    });
    after(async () => t.close());

    async function download(url: string) {
      return t.app.inject({ url, headers: { cookie: adminCookies } });
    }

    test('a real workbook: same columns and values as the CSV, umlauts, formulas stay text, bold frozen header', async () => {
      const res = await download('/admin/events/labcamp-2020/registrations.xlsx?sort=name-asc');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.match(res.headers['content-disposition'] as string, /attachment; filename="labcamp-2020-registrations.xlsx"/);
      const files = unzipSync(new Uint8Array(res.rawPayload));
      for (const part of ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/worksheets/sheet1.xml']) {
        assert.ok(files[part], part);
      }
      const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
      assert.match(sheet, /<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
      assert.match(sheet, /<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">id<\/t><\/is><\/c>/);
      assert.doesNotMatch(sheet, /<f>|<f /, 'no formula anywhere');
      assert.match(sheet, /<c r="C2" t="inlineStr"><is><t xml:space="preserve">=HYPERLINK\(&quot;http:\/\/evil.example&quot;,&quot;klick&quot;\)<\/t><\/is><\/c>/);
      assert.match(sheet, /&lt;b&gt;Lab &amp; Co&lt;\/b&gt;/);
      assert.match(sheet, /Jürgen Öztürk/);
      assert.match(strFromU8(files['xl/workbook.xml']!), /<sheet name="Anmeldungen"/);

      // The same table as the CSV export (which only adds the apostrophe that defuses formulas).
      const csv = await download('/admin/events/labcamp-2020/registrations.csv?sort=name-asc');
      const csvRows = parseCsv(csv.body).map((r) => r.fields.map((v) => v.replace(/^'(?=[=+\-@])/, '')));
      const rows = sheetRows(sheet).map((r) => [...r, ...Array(Math.max(0, csvRows[0]!.length - r.length)).fill('')]);
      assert.deepEqual(rows, csvRows);
      assert.equal(rows.length, 3);
    });

    test('the list\'s filters apply; roles as for the CSV export', async () => {
      const onlyRejected = await download('/admin/events/labcamp-2020/registrations.xlsx?status=rejected');
      const sheet = strFromU8(unzipSync(new Uint8Array(onlyRejected.rawPayload))['xl/worksheets/sheet1.xml']!);
      assert.equal(sheetRows(sheet).length, 1, 'the header only');

      const reader = (await memberCookies(t, (await t.services.events.findBySlug('labcamp-2020'))!.id, 'readonly', 'reader-xlsx@example.org')).cookies;
      assert.equal((await t.app.inject({ url: '/admin/events/labcamp-2020/registrations.xlsx', headers: { cookie: reader } })).statusCode, 403);
      const stranger = (await memberCookies(t, (await t.services.events.findBySlug('labcamp-2020'))!.id, null, 'stranger-xlsx@example.org')).cookies;
      assert.equal((await t.app.inject({ url: '/admin/events/labcamp-2020/registrations.xlsx', headers: { cookie: stranger } })).statusCode, 404);
      const anonymous = await t.app.inject({ url: '/admin/events/labcamp-2020/registrations.xlsx' });
      assert.equal(anonymous.statusCode, 303);
    });
  });
}
