// Messages to registrations (#4, item 5): written as a draft with a preview, a test mail to the
// organizer first, then sent to exactly the recipients the organizer saw, once each, over a real
// SMTP server. Both databases.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import { createTestApp, signIn, type TestApp } from '../../helpers/app.js';
import { visitor, type Visitor } from '../../helpers/visitor.js';
import { signedInMember } from '../../helpers/team.js';
import { startTestSmtp, type TestSmtp } from '../../helpers/smtp.js';
import type { LabEvent } from '../../../src/modules/events/events.types.js';
import type { Level } from '../../../src/platform/germany.js';

const BASE = '/admin/events/labcamp-2/broadcasts';

for (const dialect of testDialects()) {
  describe(`messages to registrations (${dialect})`, () => {
    let smtp: TestSmtp;
    let t: TestApp;
    let admin: Visitor;
    let adminEmail: string;
    let event: LabEvent;

    before(async () => {
      smtp = await startTestSmtp();
      t = await createTestApp(dialect, { SMTP_URL: smtp.url, MAIL_FROM: 'LabCamp <labcamp@example.org>', BASE_URL: 'https://labcamp.example' });
      admin = visitor(t, await signIn(t, t.report.firstLoginLink!));
      adminEmail = (await t.database.db.selectFrom('organizers').select('email').where('is_admin', '=', 1).executeTakeFirstOrThrow()).email;
      event = (await t.services.events.findBySlug('labcamp-2'))!;
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    async function admit(name: string, level: Level, locale: 'de' | 'en' = 'de'): Promise<string> {
      const email = `${name.toLowerCase()}@example.org`;
      const outcome = await t.services.registration.register(event, { name, email, organisation: 'Lab', level, land: null, role: null, listed: false, answers: { 2: 'no' } }, locale, 'manual', { id: null, label: 'test' });
      assert.equal(outcome.kind, 'registered');
      return email;
    }
    const count = async (table: 'broadcasts' | 'outbox', template?: string) => {
      let query = t.database.db.selectFrom(table).select('id');
      if (template) query = query.where('template' as never, '=', template as never);
      return (await query.execute()).length;
    };
    const idFrom = (location: string | number | string[] | undefined) => Number(/broadcasts\/(\d+)/.exec(String(location))?.[1]);

    test('a bad message is refused next to its field and nothing is stored', async () => {
      await admin.get(`${BASE}/new`);
      const good = { subject: 'Hinweis', body: 'Hallo {name}', locale: 'de', statuses: 'admitted' };
      const cases: Array<[Record<string, string | string[]>, string, RegExp]> = [
        [{ ...good, subject: '' }, 'subject', /Bitte/],
        [{ ...good, body: 'Hallo {Name}' }, 'body', /Unbekannter Platzhalter: \{Name\}/],
        [{ ...good, body: 'Euer Zugang: {access_link}', statuses: ['admitted', 'waitlisted'] }, 'body', /nur.*Zugelassen/],
        [{ ...good, subject: 'Link {personal_link}' }, 'subject', /im Betreff nicht/],
        [{ ...good, statuses: [] }, 'statuses', /mindestens einen Status/],
        [{ ...good, statuses: 'cancelled' }, 'statuses', /angebotenen/],
        [{ ...good, levels: 'mars' }, 'levels', /angebotenen/],
        [{ ...good, locale: 'fr' }, 'locale', /angebotenen/],
      ];
      for (const [form, field, message] of cases) {
        const res = await admin.post(BASE, form);
        assert.equal(res.statusCode, 422, JSON.stringify(form));
        assert.match(res.body, new RegExp(`id="error-${field}">[^<]*`), field);
        assert.match(res.body, message, JSON.stringify(form));
        assert.match(res.body, /name="subject"/, 'the form comes back with what was typed');
      }
      assert.equal(await count('broadcasts'), 0);
    });

    test('draft, preview, test mail to oneself, then sent once to exactly the recipients shown', async () => {
      const anna = await admit('Anna', 'kommune');
      const bert = await admit('Bert', 'land');
      await admin.get(`${BASE}/new`);
      const created = await admin.post(BASE, {
        subject: 'Neuigkeiten zu {event}', body: 'Hallo {name},\n\nhier euer Zugang: {access_link}\n\nBis {start}!', locale: 'de', statuses: 'admitted', levels: 'kommune',
      });
      assert.equal(created.statusCode, 303);
      const id = idFrom(created.headers.location);
      const page = await admin.get(`${BASE}/${id}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Hallo Alex Beispiel,/, 'the preview is filled with sample values');
      assert.match(page.body, /Erreicht jetzt 1 Anmeldung/);
      assert.doesNotMatch(page.body, new RegExp(`${BASE}/${id}/send`), 'no send button before a test mail');

      // Sending without a test mail is refused, even when posted by hand.
      const early = await admin.post(`${BASE}/${id}/send`, { expected: '1' });
      assert.equal(early.statusCode, 409);
      assert.match(early.body, /Testmail/);
      assert.equal(await count('outbox', 'broadcast'), 0);

      await admin.get(`${BASE}/${id}`);
      assert.equal((await admin.post(`${BASE}/${id}/test`, {})).statusCode, 303);
      const testMail = await smtp.waitFor((m) => m.envelopeTo.includes(adminEmail) && /^\[Test\]/.test(m.parsed.subject ?? ''));
      assert.match(testMail.parsed.subject ?? '', /^\[Test\] Neuigkeiten zu /);
      assert.match(testMail.parsed.text ?? '', /Bis 05\.01\.2027, 15:00 Uhr!/);
      assert.equal(await count('outbox', 'broadcast'), 0, 'the test went to the organizer alone');

      // A changed text needs a new test.
      await admin.get(`${BASE}/${id}`);
      assert.equal((await admin.post(`${BASE}/${id}`, { subject: 'Neuigkeiten zu {event}', body: 'Hallo {name},\n\neuer Zugang: {access_link}', locale: 'de', statuses: 'admitted', levels: 'kommune' })).statusCode, 303);
      assert.doesNotMatch((await admin.get(`${BASE}/${id}`)).body, new RegExp(`${BASE}/${id}/send`));
      assert.equal((await admin.post(`${BASE}/${id}/test`, {})).statusCode, 303);
      const ready = await admin.get(`${BASE}/${id}`);
      assert.match(ready.body, /An 1 Person senden/);

      // Someone matching registers while the organizer looks: nothing goes out, the new number is shown.
      const clara = await admit('Clara', 'kommune');
      const changed = await admin.post(`${BASE}/${id}/send`, { expected: '1' });
      assert.equal(changed.statusCode, 409);
      assert.match(changed.body, /1 Anmeldung.*jetzt 2/s);
      assert.equal(await count('outbox', 'broadcast'), 0);

      const sent = await Promise.all([admin.post(`${BASE}/${id}/send`, { expected: '2' }), admin.post(`${BASE}/${id}/send`, { expected: '2' })]);
      assert.deepEqual(sent.map((r) => r.statusCode), [303, 303], 'a double click is harmless');
      assert.equal(await count('outbox', 'broadcast'), 2, 'once per recipient');
      const toAnna = await smtp.waitFor((m) => m.envelopeTo.includes(anna) && /Neuigkeiten/.test(m.parsed.subject ?? ''));
      await smtp.waitFor((m) => m.envelopeTo.includes(clara) && /Neuigkeiten/.test(m.parsed.subject ?? ''));
      assert.match(toAnna.parsed.text ?? '', /^Hallo Anna,/);
      const access = /https:\/\/labcamp\.example(\/r\/[A-Za-z0-9_-]{43}\/live)/.exec(toAnna.parsed.text ?? '')?.[1];
      assert.ok(access, 'her own access link');
      assert.equal((await visitor(t).get(access)).statusCode, 303, 'which opens the live room');
      assert.equal(smtp.mails.some((m) => m.envelopeTo.includes(bert) && /Neuigkeiten/.test(m.parsed.subject ?? '')), false, 'other levels get nothing');

      // Sent is sent: no more changes, no second sending; the record says what went where.
      assert.equal((await admin.post(`${BASE}/${id}/send`, { expected: '2' })).statusCode, 303);
      assert.equal((await admin.post(`${BASE}/${id}/delete`, {})).statusCode, 303);
      assert.equal(await count('outbox', 'broadcast'), 2);
      const record = await admin.get(`${BASE}/${id}`);
      assert.match(record.body, /an 2 Personen/);
      assert.doesNotMatch(record.body, /name="body"/);
      const list = await admin.get(BASE);
      assert.match(list.body, /Neuigkeiten zu \{event\}/);
      const audit = await t.database.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'broadcast').where('subject_id', '=', String(id)).orderBy('id').execute();
      assert.deepEqual(audit.map((a) => a.action), ['mail.broadcast.drafted', 'mail.broadcast.tested', 'mail.broadcast.edited', 'mail.broadcast.tested', 'mail.broadcast.sent']);
    });

    test('a message in English is filled in English, whatever the registrant chose', async () => {
      const dora = await admit('Dora', 'wissenschaft', 'de');
      await admin.get(`${BASE}/new`);
      const created = await admin.post(BASE, { subject: 'News', body: 'Hi {name}, see you on {start}.', locale: 'en', statuses: 'admitted', levels: 'wissenschaft' });
      const id = idFrom(created.headers.location);
      await admin.get(`${BASE}/${id}`);
      await admin.post(`${BASE}/${id}/test`, {});
      await admin.get(`${BASE}/${id}`);
      assert.equal((await admin.post(`${BASE}/${id}/send`, { expected: '1' })).statusCode, 303);
      const mail = await smtp.waitFor((m) => m.envelopeTo.includes(dora) && m.parsed.subject === 'News');
      assert.match(mail.parsed.text ?? '', /^Hi Dora, see you on 05 Jan 2027, 15:00\./);
      assert.match(mail.parsed.text ?? '', /This mail was sent by LabCamp/);
    });

    test('read-only members see messages but cannot write, test or send; drafts can be deleted', async () => {
      await admin.get(`${BASE}/new`);
      const draft = idFrom((await admin.post(BASE, { subject: 'Entwurf', body: 'Text', locale: 'de', statuses: 'waitlisted' })).headers.location);
      const readonly = (await signedInMember(t, event.id, 'readonly', 'ro.broadcast@example.org')).visitor;
      const list = await readonly.get(BASE);
      assert.equal(list.statusCode, 200);
      assert.doesNotMatch(list.body, /broadcasts\/new/);
      assert.equal((await readonly.get(`${BASE}/new`)).statusCode, 403);
      const shown = await readonly.get(`${BASE}/${draft}`);
      assert.equal(shown.statusCode, 200);
      assert.doesNotMatch(shown.body, /name="body"|\/test"|\/send"/);
      for (const path of [BASE, `${BASE}/${draft}`, `${BASE}/${draft}/test`, `${BASE}/${draft}/send`, `${BASE}/${draft}/delete`]) {
        assert.equal((await readonly.post(path, { subject: 'x', body: 'y', locale: 'de', statuses: 'admitted', expected: '0' })).statusCode, 403, path);
      }
      const stranger = (await signedInMember(t, event.id, null, 'stranger.broadcast@example.org')).visitor;
      assert.equal((await stranger.get(`${BASE}/${draft}`)).statusCode, 404, 'others\' events do not exist for them');
      assert.equal((await admin.get(`${BASE}/999999`)).statusCode, 404);

      await admin.get(`${BASE}/${draft}`);
      assert.equal((await admin.post(`${BASE}/${draft}/delete`, {})).statusCode, 303);
      assert.equal((await admin.get(`${BASE}/${draft}`)).statusCode, 404);
    });
  });
}
