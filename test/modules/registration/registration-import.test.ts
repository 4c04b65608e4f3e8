// CSV import of registrations over HTTP: upload (multipart, CSRF-checked), preview with per-row
// outcomes and errors, confirmation all or nothing with the mails in the same transaction, our own
// export and Eventbrite attendee reports (English, German with ; and Windows-1252).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { testDialects } from '../../helpers/databases.js';
import { cookieHeader, createTestApp, csrfTokenFrom, signIn, type TestApp } from '../../helpers/app.js';
import { visitor, type Visitor } from '../../helpers/visitor.js';
import { memberCookies } from '../../helpers/team.js';
import { parseCsv, decodeCsvBytes, detectDelimiter } from '../../../src/platform/csv.js';

const FIXTURES = path.join(import.meta.dirname, '../../fixtures');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const PRESENT = 'Möchtet ihr in einer Vernetzungsrunde ein eigenes Projekt vorstellen?';

describe('CSV reading', () => {
  test('quotes, "" escapes, line breaks in quotes, CRLF/LF, BOM, ; detected', () => {
    const text = '\uFEFFa;b;c\r\n"x;1";"say ""hi""";"two\nlines"\n\n3;4;5';
    assert.equal(detectDelimiter(text), ';');
    assert.deepEqual(parseCsv(text).map((r) => [r.line, r.fields]), [[1, ['a', 'b', 'c']], [2, ['x;1', 'say "hi"', 'two\nlines']], [5, ['3', '4', '5']]]);
    assert.equal(detectDelimiter('"a;b",c,d'), ',');
    assert.throws(() => parseCsv('a,b\n"open,2'), /unterminated-quote at line 2/);
  });

  test('UTF-8 if valid, else Windows-1252', () => {
    assert.deepEqual(decodeCsvBytes(Buffer.from('\uFEFFJürgen €', 'utf8')), { text: 'Jürgen €', encoding: 'utf-8' });
    assert.deepEqual(decodeCsvBytes(Uint8Array.from([0x4a, 0xfc, 0x72, 0x67, 0x65, 0x6e, 0x20, 0x80])), { text: 'Jürgen €', encoding: 'windows-1252' });
  });
});

for (const dialect of testDialects()) {
  describe(`registration import (${dialect})`, () => {
    let t: TestApp;
    let adminCookies: string;
    let admin: Visitor;

    before(async () => {
      t = await createTestApp(dialect);
      adminCookies = await signIn(t, t.report.firstLoginLink!);
      admin = visitor(t, adminCookies);
    });
    after(async () => t.close());

    /** Posts the upload form as a browser does: multipart, with the token from the upload page. */
    async function upload(slug: string, content: { file?: { name: string; bytes: Uint8Array }; text?: string }, options: { cookies?: string; csrf?: boolean } = {}) {
      const cookies0 = options.cookies ?? adminCookies;
      const page = await t.app.inject({ url: `/admin/events/${slug}/registrations/import`, headers: { cookie: cookies0 } });
      const cookies = cookieHeader(page, cookies0);
      const form = new FormData();
      if (options.csrf !== false) form.append('_csrf', page.statusCode === 200 ? csrfTokenFrom(page.body) : 'x');
      if (content.text !== undefined) form.append('text', content.text);
      form.append('file', new Blob([new Uint8Array(content.file?.bytes ?? [])], { type: 'text/csv' }), content.file?.name ?? '');
      const encoded = new Response(form);
      const payload = Buffer.from(await encoded.arrayBuffer());
      return t.app.inject({ method: 'POST', url: `/admin/events/${slug}/registrations/import`, payload, headers: { cookie: cookies, 'content-type': encoded.headers.get('content-type')! } });
    }

    async function eventId(slug: string) {
      return (await t.services.events.findBySlug(slug))!.id;
    }
    async function registrations(slug: string) {
      return t.database.db.selectFrom('registrations').selectAll().where('event_id', '=', await eventId(slug)).orderBy('id').execute();
    }
    async function outboxCount() {
      const row = await t.database.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    }
    async function importCount() {
      const row = await t.database.db.selectFrom('registration_imports').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    }
    const planOf = (html: string) => /name="plan" value="([0-9a-f]{64})"/.exec(html)?.[1];

    test('the registrations page links the import and the Excel export; the upload form is multipart', async () => {
      const list = await admin.get('/admin/events/labcamp-2/registrations');
      assert.match(list.body, /href="\/admin\/events\/labcamp-2\/registrations\/import"/);
      assert.match(list.body, /href="\/admin\/events\/labcamp-2\/registrations.xlsx\?sort=created-desc"/);
      const form = await admin.get('/admin/events/labcamp-2/registrations/import');
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /enctype="multipart\/form-data"/);
      assert.match(form.body, /<label class="field__label" for="field-file">/);
    });

    test('an upload without a valid CSRF token is refused and nothing is stored', async () => {
      const res = await upload('labcamp-2', { text: 'name,email,organisation,level\nA,a@example.org,Lab,bund' }, { csrf: false });
      assert.equal(res.statusCode, 403);
      const forged = await t.app.inject({
        method: 'POST', url: '/admin/events/labcamp-2/registrations/import', headers: { cookie: adminCookies, 'content-type': 'application/x-www-form-urlencoded' },
        payload: '_csrf=forged&text=name%2Cemail%0AA%2Ca%40example.org',
      });
      assert.equal(forged.statusCode, 403);
      assert.equal(await importCount(), 0);
    });

    test('our own export, imported into another event: required questions are checked like the form; then all rows, with mails', async () => {
      for (const [name, email, level, land] of [['Jürgen Öztürk', 'juergen@example.org', 'kommune', 'NW'], ['Zoë Brandt', 'zoe@example.org', 'land', 'BE'], ['Ada Lovelace', 'ada@example.org', 'bund', '']] as const) {
        const res = await admin.post('/admin/events/labcamp-2020/registrations/new', { name, email, organisation: 'Stadtlabor Süd', level, land, role: 'Leitung', language: 'en', listed: 'yes' });
        assert.equal(res.statusCode, 303);
      }
      const exported = (await admin.get('/admin/events/labcamp-2020/registrations.csv')).body;
      const outboxBefore = await outboxCount();

      // labcamp-2 asks a required yes/no question that labcamp-2020 did not: every row says so.
      const blocked = await upload('labcamp-2', { file: { name: 'labcamp-2020.csv', bytes: Buffer.from(exported) } });
      assert.equal(blocked.statusCode, 303);
      const blockedPreview = await admin.get(blocked.headers.location as string);
      assert.equal(blockedPreview.statusCode, 200);
      assert.match(blockedPreview.body, /3 Zeilen haben Fehler/);
      assert.match(blockedPreview.body, /href="#row-2"/);
      assert.match(blockedPreview.body, /Möchtet ihr in einer Vernetzungsrunde ein eigenes Projekt vorstellen\?: Bitte wählt eine der Antworten/);
      assert.equal(planOf(blockedPreview.body), undefined, 'no confirm button while a row has an error');
      assert.match(blockedPreview.body, /<th scope="row">Fehler<\/th><td>3<\/td>/);
      const forced = await admin.post(blocked.headers.location as string, { plan: '0'.repeat(64) });
      assert.equal(forced.statusCode, 422);
      assert.equal((await registrations('labcamp-2')).length, 0);

      // With the answer added as a column (by its label), the same file goes in.
      const lines = exported.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      const withAnswer = [`${lines[0]},"${PRESENT}"`, ...lines.slice(1).map((l, i) => `${l},${i === 0 ? 'ja' : 'no'}`)].join('\r\n');
      const ok = await upload('labcamp-2', { file: { name: 'labcamp-2020.csv', bytes: Buffer.from(withAnswer) } });
      const preview = await admin.get(ok.headers.location as string);
      assert.match(preview.body, /<th scope="row">Neu: bekommt einen Platz<\/th><td>3<\/td>/);
      assert.match(preview.body, /LabCamp-Export/);
      assert.match(preview.body, /Zoë Brandt/);
      const plan = planOf(preview.body);
      assert.ok(plan);
      const confirm = await admin.post(ok.headers.location as string, { plan: plan!, level: '', land: '' });
      assert.equal(confirm.statusCode, 303);
      const done = await admin.get(confirm.headers.location as string);
      assert.match(done.body, /Importiert: 3 mit Platz, 0 auf der Warteliste, 0 übersprungen/);

      const rows = await registrations('labcamp-2');
      assert.deepEqual(rows.map((r) => [r.name, r.email, r.level, r.land, r.role, r.listed, r.locale, r.source, r.status]), [
        // In the order of the file (the export lists the newest first).
        ['Ada Lovelace', 'ada@example.org', 'bund', null, 'Leitung', 1, 'en', 'import', 'admitted'],
        ['Zoë Brandt', 'zoe@example.org', 'land', 'BE', 'Leitung', 1, 'en', 'import', 'admitted'],
        ['Jürgen Öztürk', 'juergen@example.org', 'kommune', 'NW', 'Leitung', 1, 'en', 'import', 'admitted'],
      ]);
      const answers = await t.services.registration.answersOfMany(rows.map((r) => r.id));
      assert.deepEqual(Object.values(answers.get(rows[0]!.id) ?? {}).filter((v) => v === 'yes'), ['yes']);
      const mails = await t.database.db.selectFrom('outbox').select(['template', 'to_address']).where('id', '>', 0).orderBy('id').execute();
      assert.equal(mails.length - outboxBefore, 3);
      assert.deepEqual(mails.slice(-3).map((m) => m.template), ['admitted', 'admitted', 'admitted']);

      // Applied once only: a second confirmation (another tab, a double click) changes nothing.
      const twice = await admin.post(ok.headers.location as string, { plan: plan!, level: '', land: '' });
      assert.equal(twice.statusCode, 409);
      assert.equal((await registrations('labcamp-2')).length, 3);
      const audit = await t.database.db.selectFrom('audit_log').select(['action', 'after_json']).where('action', 'in', ['registration.imported', 'registration.created']).where('event_id', '=', await eventId('labcamp-2')).execute();
      assert.equal(audit.filter((a) => a.action === 'registration.created').length, 3);
      const imported = audit.filter((a) => a.action === 'registration.imported');
      assert.equal(imported.length, 1);
      assert.deepEqual({ ...JSON.parse(imported[0]!.after_json!), sha256: 'x' }, { format: 'labcamp', file: 'labcamp-2020.csv', sha256: 'x', admitted: 3, waitlisted: 0, skipped: 0, rows: 3 });
      const stored = await t.database.db.selectFrom('registration_imports').select(['content', 'applied_at']).where('applied_at', 'is not', null).executeTakeFirstOrThrow();
      assert.equal(stored.content, '', 'the file is not kept once its people are registered');
    });

    test('Eventbrite attendee report: names joined, refunded/cancelled skipped, duplicates skipped, a level for all, capacity → waiting list', async () => {
      await t.database.db.updateTable('events').set({ capacity: 5 }).where('slug', '=', 'labcamp-2').execute();
      // Emre registered himself meanwhile; he is skipped as already registered.
      const event = (await t.services.events.findBySlug('labcamp-2'))!;
      await t.services.registration.register(event, { name: 'Emre Y.', email: 'emre@example.org', organisation: 'BMI', level: 'bund', land: null, role: null, listed: false, answers: {} }, 'de', 'manual');
      const res = await upload('labcamp-2', { file: { name: 'attendees.csv', bytes: fixture('eventbrite-attendees.csv') } });
      assert.equal(res.statusCode, 303);
      const url = res.headers.location as string;
      const first = await admin.get(url);
      assert.match(first.body, /Eventbrite-Teilnehmerbericht/);
      assert.match(first.body, /Ebene: Bitte wählt eure Ebene/, 'Eventbrite has no level: an error until one is chosen');
      assert.match(first.body, /Für Zeilen ohne Angabe/);
      const preview = await admin.get(`${url}?level=kommune&land=`);
      assert.equal(preview.statusCode, 200);
      const count = (label: string) => Number(new RegExp(`<th scope="row">${label}</th><td>(\\d+)</td>`).exec(preview.body)?.[1]);
      assert.equal(count('Neu: bekommt einen Platz'), 1, '4 of 5 seats are taken');
      assert.equal(count('Neu: auf die Warteliste'), 2);
      assert.equal(count('Schon angemeldet: wird übersprungen'), 1);
      assert.equal(count('Doppelt in der Datei: wird übersprungen'), 1);
      assert.equal(count('Übersprungen \\(Status in Eventbrite\\)'), 2);
      assert.equal(count('Fehler'), 0);
      assert.match(preview.body, /Status in Eventbrite: Refunded/);
      assert.match(preview.body, /Björn Weiß/);
      const confirm = await admin.post(url, { plan: planOf(preview.body)!, level: 'kommune', land: '' });
      assert.equal(confirm.statusCode, 303);
      const rows = (await registrations('labcamp-2')).filter((r) => r.source === 'import').slice(3);
      assert.deepEqual(rows.map((r) => [r.name, r.email, r.organisation, r.role, r.level, r.status]), [
        ['Anna Müller', 'anna.mueller@example.org', 'CityLAB Berlin', 'Projektleitung', 'kommune', 'admitted'],
        ['Björn Weiß', 'bjoern.weiss@example.org', 'Digitallabor Köln', null, 'kommune', 'waitlisted'],
        ['Frieda Lang', 'frieda@example.org', 'Innovationslabor Hamburg', null, 'kommune', 'waitlisted'],
      ]);
      const answers = await t.services.registration.answersOfMany([rows[0]!.id]);
      assert.deepEqual(Object.values(answers.get(rows[0]!.id)!).sort((a, b) => String(a).localeCompare(String(b))), [['daten', 'methoden'], 'yes']);
      const templates = await t.database.db.selectFrom('outbox').select(['to_address', 'template']).where('to_address', 'in', rows.map((r) => r.email)).orderBy('id').execute();
      assert.deepEqual(templates.map((m) => m.template), ['admitted', 'waitlisted', 'waitlisted']);
    });

    test('German Eventbrite export with ; and Windows-1252: umlauts survive; a Land for all', async () => {
      const res = await upload('labcamp-2020', { file: { name: 'teilnehmer.csv', bytes: fixture('eventbrite-attendees-de-cp1252.csv') } });
      assert.equal(res.statusCode, 303);
      const preview = await admin.get(`${res.headers.location as string}?level=land&land=BY`);
      assert.match(preview.body, /Jürgen/);
      assert.match(preview.body, /Amt für Digitales; Stadt Köln/);
      assert.match(preview.body, /Status in Eventbrite: Storniert/);
      const confirm = await admin.post(res.headers.location as string, { plan: planOf(preview.body)!, level: 'land', land: 'BY' });
      assert.equal(confirm.statusCode, 303);
      const rows = (await registrations('labcamp-2020')).filter((r) => r.source === 'import');
      assert.deepEqual(rows.map((r) => [r.name, r.organisation, r.level, r.land, r.role]), [
        ['Jürgen Öztürk', 'Innovationslabor Würzburg', 'land', 'BY', 'Leitung'],
        ['Grete Straße', 'Amt für Digitales; Stadt Köln', 'land', 'BY', null],
      ]);
    });

    test('hostile content is shown as text and refused per row; nothing can be confirmed', async () => {
      const big = 'x'.repeat(100 * 1024);
      const csv = [
        'name,email,organisation,level,land,role',
        '<script>alert(1)</script>,h1@example.org,Lab,bund,,',
        'Formel,h2@example.org,=HYPERLINK("http://evil.example"),bund,,',
        `Groß,h3@example.org,${big},bund,,`,
        'Steuer\u0007zeichen,h4@example.org,Lab,bund,,',
        'Kaputt,not-an-address,Lab,mars,ZZ,',
        'Gut,good@example.org,Lab,bund,,',
      ].join('\n');
      const before = (await registrations('labcamp-2020')).length;
      const outboxBefore = await outboxCount();
      const res = await upload('labcamp-2020', { text: csv });
      assert.equal(res.statusCode, 303);
      const preview = await admin.get(res.headers.location as string);
      assert.equal(preview.statusCode, 200);
      assert.doesNotMatch(preview.body, /<script>alert/);
      assert.match(preview.body, /&lt;script>alert\(1\)&lt;\/script>|&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      assert.match(preview.body, /Name: Enthält HTML-Tags/);
      assert.match(preview.body, /Beginnt mit =, \+, - oder @/);
      assert.match(preview.body, /Höchstens 200 Zeichen/);
      assert.match(preview.body, /unzulässige Steuerzeichen/);
      assert.match(preview.body, /gültige E-Mail-Adresse/);
      assert.match(preview.body, /Bitte wählt ein Bundesland/);
      assert.match(preview.body, /5 Zeilen haben Fehler/);
      assert.ok(preview.body.length < 200_000, 'a 100 KB cell is cut short in the preview');
      assert.equal(planOf(preview.body), undefined);
      const forced = await admin.post(res.headers.location as string, { plan: 'f'.repeat(64) });
      assert.equal(forced.statusCode, 422);
      assert.equal((await registrations('labcamp-2020')).length, before);
      assert.equal(await outboxCount(), outboxBefore);
    });

    test('files that cannot be read get a clear message next to the field', async () => {
      const unknown = await upload('labcamp-2', { text: 'foo;bar\n1;2' });
      assert.equal(unknown.statusCode, 422);
      assert.match(unknown.body, /passt weder zum LabCamp-Export noch zum Eventbrite-Teilnehmerbericht/);
      assert.match(unknown.body, /id="error-file"/);
      const empty = await upload('labcamp-2', {});
      assert.equal(empty.statusCode, 422);
      assert.match(empty.body, /Bitte wählt eine Datei aus/);
      const quote = await upload('labcamp-2', { text: 'name,email,organisation,level\n"Open,a@example.org,Lab,bund' });
      assert.match(quote.body, /Ab Zeile 2 fehlt ein schließendes Anführungszeichen/);
    });

    test('a row that became a duplicate between preview and confirmation: nothing is written, the new preview says why', async () => {
      const csv = 'name,email,organisation,level\nRace One,race1@example.org,Lab,bund\nRace Two,race2@example.org,Lab,bund\n';
      const res = await upload('labcamp-2020', { text: csv });
      const url = res.headers.location as string;
      const preview = await admin.get(url);
      const plan = planOf(preview.body)!;
      const event = (await t.services.events.findBySlug('labcamp-2020'))!;
      await t.services.registration.register(event, { name: 'Race Two', email: 'race2@example.org', organisation: 'Lab', level: 'bund', land: null, role: null, listed: false, answers: {} }, 'de', 'manual');
      const outboxBefore = await outboxCount();
      const confirm = await admin.post(url, { plan });
      assert.equal(confirm.statusCode, 409);
      assert.match(confirm.body, /Seit der Vorschau hat sich etwas geändert/);
      assert.equal((await registrations('labcamp-2020')).filter((r) => r.email === 'race1@example.org').length, 0);
      assert.equal(await outboxCount(), outboxBefore);
    });

    test('all or nothing: a failure in the middle of the transaction leaves no registration and no mail', async () => {
      const event = (await t.services.events.findBySlug('labcamp-2020'))!;
      const person = (email: string) => ({ details: { name: 'X', email, organisation: 'Lab', level: 'bund' as const, land: null, role: null, listed: false, answers: {} }, locale: 'de' as const });
      const before = (await registrations('labcamp-2020')).length;
      const outboxBefore = await outboxCount();
      // The third row repeats the first: found inside the transaction, after two rows and their mails were written.
      await assert.rejects(
        t.services.registration.importMany(event, [person('mid1@example.org'), person('mid2@example.org'), person('mid1@example.org')], { id: null, label: 'test' }, async () => {}),
        { name: 'Error', message: 'import conflict' },
      );
      // A database error at the very end (the import's own bookkeeping) rolls back every row too.
      await assert.rejects(
        t.services.registration.importMany(event, [person('end1@example.org'), person('end2@example.org')], { id: null, label: 'test' }, async (trx) => {
          await trx.insertInto('registration_imports').values({ event_id: -1, organizer_id: null, format: 'nonsense' as never, file_name: 'x', content: '', content_sha256: '', summary: null, created_at: '', applied_at: null }).execute();
        }),
      );
      assert.equal((await registrations('labcamp-2020')).length, before);
      assert.equal(await outboxCount(), outboxBefore);
    });

    test('roles: read-only members may not import (403), other organizers do not see the event (404)', async () => {
      const id = await eventId('labcamp-2');
      const reader = (await memberCookies(t, id, 'readonly', 'reader-import@example.org')).cookies;
      assert.equal((await t.app.inject({ url: '/admin/events/labcamp-2/registrations/import', headers: { cookie: reader } })).statusCode, 403);
      const list = await t.app.inject({ url: '/admin/events/labcamp-2/registrations', headers: { cookie: reader } });
      assert.doesNotMatch(list.body, /registrations\/import/);
      const readerPost = await upload('labcamp-2', { text: 'name,email,organisation,level\nA,a@example.org,Lab,bund' }, { cookies: reader });
      assert.equal(readerPost.statusCode, 403);
      const stored = await t.database.db.selectFrom('registration_imports').select('id').where('event_id', '=', id).orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal((await t.app.inject({ url: `/admin/events/labcamp-2/registrations/import/${stored.id}`, headers: { cookie: reader } })).statusCode, 403);

      const stranger = (await memberCookies(t, id, null, 'stranger-import@example.org')).cookies;
      assert.equal((await t.app.inject({ url: '/admin/events/labcamp-2/registrations/import', headers: { cookie: stranger } })).statusCode, 404);
      assert.equal((await t.app.inject({ url: `/admin/events/labcamp-2/registrations/import/${stored.id}`, headers: { cookie: stranger } })).statusCode, 404);
      assert.equal((await admin.get(`/admin/events/labcamp-2020/registrations/import/${stored.id}`)).statusCode, 404, 'an import is only reachable through its own event');
    });

    test('a file over 2 MB is refused with 413 and a page that says why', async () => {
      const before = await importCount();
      const line = 'Name,x@example.org,Lab,bund\n';
      const bytes = Buffer.from(`name,email,organisation,level\n${line.repeat(Math.ceil((2 * 1024 * 1024) / line.length) + 10)}`);
      const res = await upload('labcamp-2', { file: { name: 'big.csv', bytes } });
      assert.equal(res.statusCode, 413);
      assert.match(res.headers['content-type'] as string, /text\/html/);
      assert.match(res.body, /Die Datei ist zu groß: höchstens 2 MB/);
      const pasted = await upload('labcamp-2', { text: bytes.toString() });
      assert.equal(pasted.statusCode, 413);
      assert.match(pasted.body, /Die Datei ist zu groß: höchstens 2 MB/);
      assert.equal(await importCount(), before);
    });
  });
}
