import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { visitor } from '../../helpers/visitor.js';
import { personalLinkIn, startTestSmtp, type TestSmtp } from '../../helpers/smtp.js';

const valid = { name: 'Lea Muster', email: 'Lea.Muster@Stadt-Soest.de', organisation: 'Stadtlabor Soest', level: 'kommune', land: 'NW', role: 'Projektleitung', privacy: 'yes', q2: 'no' };

for (const dialect of testDialects()) {
  describe(`registration for labcamp-2 (${dialect})`, () => {
    let t: TestApp;
    let smtp: TestSmtp;
    before(async () => {
      smtp = await startTestSmtp();
      t = await createTestApp(dialect, { SMTP_URL: smtp.url, MAIL_FROM: 'LabCamp <labcamp@example.org>' });
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    test('the form shows every field, the organizers\' questions and the known labs', async () => {
      const res = await visitor(t).get('/events/labcamp-2/register');
      assert.equal(res.statusCode, 200);
      for (const name of ['name', 'email', 'organisation', 'level', 'land', 'role', 'privacy', 'listed', 'q1', 'q2', 'q3']) assert.match(res.body, new RegExp(`name="${name}"`), name);
      assert.match(res.body, /Welche Themen interessieren euch besonders\?/);
      assert.match(res.body, /<option value="CityLAB Berlin">/);
      assert.match(res.body, /<legend class="field__label">Ebene/);
    });

    test('bad input: messages next to the fields, answers kept, nothing stored, no 5xx', async () => {
      const v = visitor(t);
      await v.get('/events/labcamp-2/register');
      const res = await v.post('/events/labcamp-2/register', { name: '', email: 'not-an-address', organisation: 'CityLAB <b>Berlin</b>', level: 'galaxy', land: 'XX', role: '', q1: ['daten', 'bogus'], q2: '' });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /id="error-name">Bitte ausfüllen\./);
      assert.match(res.body, /id="error-email">Bitte gebt eine gültige E-Mail-Adresse an\./);
      assert.match(res.body, /id="error-level">Bitte wählt eure Ebene\./);
      assert.match(res.body, /id="error-land">Bitte wählt ein Bundesland aus der Liste\./);
      assert.match(res.body, /id="error-privacy">Ohne eure Einwilligung/);
      assert.match(res.body, /id="error-q1">/);
      assert.match(res.body, /id="error-q2">/);
      assert.match(res.body, /value="CityLAB &lt;b>Berlin&lt;\/b>"|value="CityLAB &lt;b&gt;Berlin&lt;\/b&gt;"/, 'typed text kept, shown as text');
      assert.match(res.body, /value="not-an-address"/);

      const huge = await v.post('/events/labcamp-2/register', { ...valid, name: 'x'.repeat(100_000) });
      assert.equal(huge.statusCode, 422);
      assert.match(huge.body, /Höchstens 200 Zeichen/);
      const control = await v.post('/events/labcamp-2/register', { ...valid, organisation: 'Lab\u0000\u001b[31m' });
      assert.equal(control.statusCode, 422);
      assert.match(control.body, /unzulässige Steuerzeichen/);
      const english = await visitor(t).get('/events/labcamp-2/register?lang=en');
      assert.match(english.body, /Innovation lab or organisation/);

      const rows = await t.database.db.selectFrom('registrations').select('id').execute();
      assert.equal(rows.length, 0);
    });

    test('register → confirmation mail over SMTP → confirm → admitted mail with the personal link', async () => {
      const v = visitor(t);
      await v.get('/events/labcamp-2/register');
      const done = await v.post('/events/labcamp-2/register', { ...valid, q1: ['beteiligung', 'daten'], q3: 'Kontakte <script>x</script>' });
      assert.equal(done.statusCode, 200);
      assert.match(done.body, /Bitte bestätigt eure E-Mail-Adresse/);
      assert.match(done.body, /lea\.muster@stadt-soest\.de/);
      assert.match(done.body, /Ein Platz ist bis dahin für euch reserviert/);

      const confirmMail = await smtp.waitFor((m) => /Bitte bestätigt eure Anmeldung/.test(m.parsed.subject ?? ''));
      assert.deepEqual(confirmMail.envelopeTo, ['lea.muster@stadt-soest.de']);
      assert.equal(confirmMail.parsed.from?.value[0]?.address, 'labcamp@example.org');
      assert.match(confirmMail.raw, /Content-Type: multipart\/alternative/i);
      assert.match(confirmMail.parsed.text ?? '', /Hallo Lea Muster,/);
      assert.match(String(confirmMail.parsed.html), /<a href="http:\/\/localhost:3000\/r\/[A-Za-z0-9_-]{43}"/);
      const link = personalLinkIn(confirmMail);

      // The link opens the personal page; a GET does not confirm (mail scanners open links).
      const page = await v.get(link);
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers['cache-control'], 'no-store');
      assert.match(page.body, /E-Mail noch nicht bestätigt/);
      const stored = await t.database.db.selectFrom('registrations').selectAll().executeTakeFirstOrThrow();
      assert.equal(stored.status, 'unconfirmed');
      assert.equal(stored.email, 'lea.muster@stadt-soest.de');
      const answers = await t.database.db.selectFrom('registration_answers').select(['question_id', 'value']).where('registration_id', '=', stored.id).orderBy('question_id').execute();
      assert.deepEqual(answers.map((a) => a.value), ['["beteiligung","daten"]', 'no', 'Kontakte <script>x</script>']);

      const confirmed = await v.post(`${link}/confirm`, {});
      assert.equal(confirmed.statusCode, 303);
      const admittedPage = await v.get(`${link}?done=confirm`);
      assert.match(admittedPage.body, /Angemeldet – ihr habt einen Platz/);
      assert.match(admittedPage.body, /Kontakte &lt;script>x&lt;\/script>|Kontakte &lt;script&gt;x&lt;\/script&gt;/);
      const admittedMail = await smtp.waitFor((m) => /Ihr seid dabei/.test(m.parsed.subject ?? ''));
      assert.match(admittedMail.parsed.text ?? '', /Meine Anmeldung: http:\/\/localhost:3000\/r\//);
      // The seat comes with a calendar invitation; unfolded (RFC 5545 folds lines over 75 octets).
      assert.match(admittedMail.raw, /Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
      const invitation = admittedMail.parsed.attachments.find((a) => a.contentType === 'text/calendar')?.content.toString('utf8').replace(/\r\n /g, '') ?? '';
      assert.match(invitation, /^ATTENDEE;CN=Lea Muster;.*:mailto:lea\.muster@stadt-soest\.de\r$/m);
      assert.match(invitation, /^DTSTART;TZID=Europe\/Berlin:20270105T150000\r$/m);

      const ics = await v.get(`${link}/event.ics`);
      assert.equal(ics.statusCode, 200);
      assert.match(ics.body, /DTSTART;TZID=Europe\/Berlin:20270105T150000/);
    });

    test('registering the same address again: a friendly message and the link once more, never a second registration', async () => {
      const v = visitor(t);
      await v.get('/events/labcamp-2/register');
      const again = await v.post('/events/labcamp-2/register', { ...valid, email: 'LEA.MUSTER@stadt-soest.DE' });
      assert.equal(again.statusCode, 200);
      assert.match(again.body, /Ihr seid bereits angemeldet/);
      await smtp.waitFor((m) => /Euer persönlicher Link/.test(m.parsed.subject ?? ''));
      const rows = await t.database.db.selectFrom('registrations').select('id').where('email', '=', 'lea.muster@stadt-soest.de').execute();
      assert.equal(rows.length, 1);
    });

    test('the personal page edits the details and cancels; the seat is freed', async () => {
      const v = visitor(t);
      const link = personalLinkIn(await smtp.waitFor((m) => /Euer persönlicher Link/.test(m.parsed.subject ?? '')));
      await v.get(link);
      const saved = await v.post(link, { ...valid, name: 'Lea M. Muster', q2: 'yes', listed: 'yes' });
      assert.equal(saved.statusCode, 303);
      const page = await v.get(`${link}?saved=1`);
      assert.match(page.body, /Eure Angaben sind gespeichert/);
      assert.match(page.body, /value="Lea M. Muster"/);
      const bad = await v.post(link, { ...valid, name: '' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /id="error-name">Bitte ausfüllen/);

      const ask = await v.post(`${link}/cancel`, {});
      assert.equal(ask.statusCode, 303, 'without the confirmation it only asks');
      assert.match((await v.get(`${link}?cancel=1`)).body, /wirklich stornieren/);
      const cancelled = await v.post(`${link}/cancel`, { confirm: 'yes' });
      assert.equal(cancelled.statusCode, 303);
      assert.match((await v.get(link)).body, /Storniert/);
      const cancelMail = await smtp.waitFor((m) => /Abmeldung bestätigt/.test(m.parsed.subject ?? ''));
      assert.match(cancelMail.raw, /Content-Type: text\/calendar; charset=utf-8; method=CANCEL/, 'the calendar entry is withdrawn');
      const row = await t.database.db.selectFrom('registrations').select(['status', 'holds_seat']).executeTakeFirstOrThrow();
      assert.deepEqual(row, { status: 'cancelled', holds_seat: 0 });
    });

    test('a lost link is mailed without revealing whether the address is registered', async () => {
      const v = visitor(t);
      await v.get('/events/labcamp-2/link');
      const before = smtp.mails.length;
      const unknown = await v.post('/events/labcamp-2/link', { email: 'nobody@example.org' });
      await v.get('/events/labcamp-2/register');
      await v.post('/events/labcamp-2/register', { ...valid, email: 'known@example.org' });
      await v.get('/events/labcamp-2/link');
      const known = await v.post('/events/labcamp-2/link', { email: 'Known@Example.org' });
      assert.equal(unknown.statusCode, 200, unknown.body.slice(0, 3000));
      assert.equal(known.statusCode, 200);
      const strip = (html: string) => html.replace(/name="_csrf" value="[^"]+"/, '');
      assert.equal(strip(unknown.body), strip(known.body));
      await smtp.waitFor((m) => m.envelopeTo.includes('known@example.org') && /persönlicher Link/.test(m.parsed.subject ?? ''));
      assert.ok(!smtp.mails.slice(before).some((m) => m.envelopeTo.includes('nobody@example.org')));
      const invalid = await v.get(`/r/${'A'.repeat(43)}`);
      assert.equal(invalid.statusCode, 404);
      assert.match(invalid.body, /Link ungültig/);
    });

    test('a closed event says so and takes no registration', async () => {
      const v = visitor(t);
      const res = await v.get('/events/labcamp-2020/register');
      assert.equal(res.statusCode, 409);
      assert.match(res.body, /Für dieses Treffen ist die Anmeldung geschlossen/);
      const post = await v.post('/events/labcamp-2020/register', valid);
      assert.ok(post.statusCode === 409 || post.statusCode === 403, String(post.statusCode));
      assert.equal((await t.app.inject({ url: '/events/nope/register' })).statusCode, 404);
    });
  });
}
