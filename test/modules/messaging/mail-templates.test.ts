// Mail templates per event (#4, item 3) over HTTP on both databases: edit with a preview, refuse
// unknown placeholders, save an event's own text that the next registration's mail uses (HTML
// escaped, the other language untouched), reset to the default, audit, and who may do what.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import type { TestApp } from '../../helpers/app.js';
import type { Visitor } from '../../helpers/visitor.js';
import { adminTestApp, signedInMember } from '../../helpers/team.js';
import type { LabEvent } from '../../../src/modules/events/events.types.js';
import { text } from '../../../src/modules/events/events.present.js';

const PAGE = '/admin/events/labcamp-2/mail-templates';
const EDIT_DE = `${PAGE}/admitted/de`;
const BODY = 'Moin {name},\n\nihr seid bei {event} dabei <script>alert(1)</script>.\nBeginn: {start}\n\nMeine Anmeldung: {personal_link}';

for (const dialect of testDialects()) {
  describe(`mail templates (${dialect})`, () => {
    let t: TestApp;
    let admin: Visitor;
    let event: LabEvent;
    let n = 0;

    before(async () => {
      const setup = await adminTestApp(dialect, 'labcamp-2');
      t = setup.t;
      admin = setup.admin;
      event = (await t.services.events.findBySlug('labcamp-2'))!;
    });
    after(async () => t.close());

    /** Registers a person by hand (admitted at once, so an `admitted` mail goes out) and returns that mail. */
    async function admittedMail(locale: 'de' | 'en') {
      const email = `person${++n}@example.org`;
      const outcome = await t.services.registration.register(event, { name: `Person <${n}>`, email, organisation: 'Lab', level: 'land', land: null, role: null, listed: false, answers: { 2: 'no' } }, locale, 'manual', { id: null, label: 'test' });
      assert.equal(outcome.kind, 'registered');
      return t.database.db.selectFrom('outbox').select(['subject', 'text_body', 'html_body', 'locale']).where('to_address', '=', email).where('template', '=', 'admitted').executeTakeFirstOrThrow();
    }
    const stored = () => t.database.db.selectFrom('mail_templates').selectAll().where('event_id', '=', event.id).execute();
    const audit = () => t.database.db.selectFrom('audit_log').select(['action', 'subject_id', 'before_json', 'after_json', 'actor_label']).where('subject_type', '=', 'mail_template').orderBy('id').execute();

    test('the list shows every registrant mail in German and English, all default at first; no team mails', async () => {
      const res = await admin.get(PAGE);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<h1>Mail-Vorlagen: /);
      assert.match(res.body, /aria-current="page">Mail-Vorlagen</);
      for (const name of ['E-Mail-Adresse bestätigen', 'Zusage', 'Zugelassen nach Prüfung', 'Warteliste', 'Platz frei geworden', 'Abgelehnt', 'Veranstaltung abgesagt', 'Zugangslink', 'Erinnerung', 'Dank nach der Veranstaltung']) {
        assert.match(res.body, new RegExp(`<strong>${name}</strong>`), name);
      }
      assert.equal(res.body.match(/>Standard</g)?.length, 30, '15 mails in 2 languages');
      assert.match(res.body, /Ihr seid dabei: \{event\}/);
      assert.match(res.body, /You&#39;re in: \{event\}|You're in: \{event\}/);
      assert.match(res.body, /href="\/admin\/events\/labcamp-2\/mail-templates\/admitted\/en"/);
      assert.doesNotMatch(res.body, /team_invitation|Einladung ins Team/);
      assert.equal((await admin.get(`${PAGE}/team_invitation/de`)).statusCode, 404, 'team mails are not editable');
      assert.equal((await admin.get(`${PAGE}/admitted/fr`)).statusCode, 404);
    });

    test('unknown or unavailable placeholders and empty fields are refused next to the field; nothing is stored', async () => {
      const form = await admin.get(EDIT_DE);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /<code>\{personal_link\}<\/code>/, 'the placeholders are listed');
      assert.match(form.body, /<code>\{access_link\}<\/code>/);
      assert.doesNotMatch(form.body, /<code>\{deadline\}<\/code>/, 'admitted mails have no deadline');
      assert.match(form.body, /Hallo \{name\},/, 'the default text is in the field');

      const unknown = await admin.post(EDIT_DE, { subject: 'Hallo {vorname}', body: 'Text', intent: 'save' });
      assert.equal(unknown.statusCode, 422);
      assert.match(unknown.body, /id="error-subject">Unbekannter Platzhalter: \{vorname\}\. Erlaubt sind: \{name\}, \{event\}, \{start\}, \{when\}, \{event_link\}, \{contact\}\./);
      assert.match(unknown.body, /value="Hallo \{vorname\}"/, 'what was typed stays in the form');

      const unavailable = await admin.post(EDIT_DE, { subject: 'Zusage', body: 'Bitte bis {deadline} annehmen.', intent: 'preview' });
      assert.equal(unavailable.statusCode, 422);
      assert.match(unavailable.body, /id="error-body">\{deadline\} gibt es in dieser Mail nicht\. Erlaubt sind: /);
      assert.doesNotMatch(unavailable.body, /id="preview-heading"/);

      const linkInSubject = await admin.post(EDIT_DE, { subject: 'Link: {personal_link}', body: 'x', intent: 'save' });
      assert.match(linkInSubject.body, /id="error-subject">\{personal_link\} gibt es im Betreff nicht/);

      const empty = await admin.post(EDIT_DE, { subject: ' ', body: '', intent: 'save' });
      assert.equal(empty.statusCode, 422);
      assert.match(empty.body, /id="error-subject">Bitte ausfüllen\./);
      assert.match(empty.body, /id="error-body">Bitte ausfüllen\./);

      const long = await admin.post(EDIT_DE, { subject: 'x'.repeat(201), body: 'y'.repeat(5001), intent: 'save' });
      assert.equal(long.statusCode, 422);
      assert.match(long.body, /id="error-subject">[^<]*200 Zeichen/);
      assert.match(long.body, /id="error-body">[^<]*5000 Zeichen/);

      const english = await visitorInEnglish();
      const en = await english.post(EDIT_DE, { subject: 'Hi {nmae}', body: 'x', intent: 'save' });
      assert.match(en.body, /id="error-subject">Unknown placeholder: \{nmae\}\. Allowed: \{name\}, /, 'the message is in the organizer’s language');

      assert.deepEqual(await stored(), []);
      assert.deepEqual(await audit(), []);
    });

    /** An organizer who reads the back office in English (?lang=en is remembered). */
    async function visitorInEnglish(): Promise<Visitor> {
      const { visitor } = await signedInMember(t, event.id, 'organizer', `english${++n}@example.org`);
      await visitor.get(`${PAGE}?lang=en`);
      return visitor;
    }

    test('preview shows subject, text and HTML part with sample values and stores nothing', async () => {
      await admin.get(EDIT_DE);
      const res = await admin.post(EDIT_DE, { subject: 'Willkommen, {name}!', body: BODY, intent: 'preview' });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<h2 id="preview-heading">Vorschau<\/h2>/);
      assert.match(res.body, /Willkommen, Alex Beispiel!/);
      assert.match(res.body, /Moin Alex Beispiel,/);
      assert.match(res.body, /Meine Anmeldung: http:\/\/localhost:3000\/r\/BEISPIEL/);
      // The HTML part is shown as source: its escaped <script> is escaped once more on the page.
      assert.match(res.body, /&amp;lt;script&gt;alert\(1\)&amp;lt;\/script&gt;|&amp;lt;script>alert\(1\)&amp;lt;\/script>/);
      assert.doesNotMatch(res.body, /<script>alert/);
      assert.match(res.body, /<textarea[^>]*name="body"[^>]*>Moin \{name\},/, 'the form keeps the text being edited');

      const html = await admin.post(`${EDIT_DE}/html`, { subject: 'Willkommen, {name}!', body: BODY });
      assert.equal(html.statusCode, 200);
      assert.match(String(html.headers['content-security-policy']), /^sandbox; default-src 'none'/);
      assert.match(html.body, /<p>Moin Alex Beispiel,<\/p>/);
      assert.match(html.body, /&lt;script>alert\(1\)&lt;\/script>/);
      assert.equal((await admin.post(`${EDIT_DE}/html`, { subject: '{x}', body: 'y' })).statusCode, 422);
      assert.deepEqual(await stored(), []);
    });

    test('save: the next registration in German gets the event’s text (HTML escaped), English keeps the default; audited', async () => {
      await admin.get(EDIT_DE);
      const res = await admin.post(EDIT_DE, { subject: 'Willkommen bei {event}, {name}!', body: BODY, intent: 'save' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `${EDIT_DE}?done=saved`);
      const rows = await stored();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.template, 'admitted');
      assert.equal(rows[0]!.locale, 'de');
      assert.equal(rows[0]!.body, BODY);

      const page = await admin.get(`${EDIT_DE}?done=saved`);
      assert.match(page.body, /role="status">Die Mail-Vorlage ist gespeichert\./);
      assert.match(page.body, /eigenen Text/);
      assert.match(page.body, /Auf Standard zurücksetzen/);
      const list = await admin.get(PAGE);
      assert.match(list.body, /Willkommen bei \{event\}, \{name\}!/);
      assert.equal(list.body.match(/>angepasst</g)?.length, 1);

      const title = text(event, 'title', 'de').text;
      const de = await admittedMail('de');
      assert.equal(de.subject, `Willkommen bei ${title}, Person <${n}>!`);
      assert.match(de.text_body, /^Moin Person <\d+>,\n\nihr seid bei .* dabei <script>alert\(1\)<\/script>\.\nBeginn: \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr\n\nMeine Anmeldung: http:\/\/localhost:3000\/r\/[A-Za-z0-9_-]{43}\n\n-- \n/);
      assert.doesNotMatch(de.html_body, /<script>/);
      assert.match(de.html_body, /&lt;script>alert\(1\)&lt;\/script>/);
      assert.match(de.html_body, /<a href="http:\/\/localhost:3000\/r\/[A-Za-z0-9_-]{43}" style="display:inline-block[^"]*">Meine Anmeldung<\/a>/);

      const en = await admittedMail('en');
      assert.match(en.subject, /^You're in: /);
      assert.match(en.text_body, /^Hello Person <\d+>,\n\nyour registration for/);

      const entries = await audit();
      assert.equal(entries.length, 1);
      assert.equal(entries[0]!.action, 'mail_template.saved');
      assert.equal(entries[0]!.subject_id, 'admitted:de');
      assert.deepEqual(JSON.parse(entries[0]!.before_json!), { default: true });
      assert.deepEqual(JSON.parse(entries[0]!.after_json!), { subject: 'Willkommen bei {event}, {name}!', body: BODY });
      assert.equal(entries[0]!.actor_label, 'Admin');

      // A second save replaces the text; the audit shows both versions.
      await admin.get(EDIT_DE);
      assert.equal((await admin.post(EDIT_DE, { subject: 'Dabei: {event}', body: BODY, intent: 'save' })).statusCode, 303);
      assert.equal((await stored()).length, 1);
      const second = (await audit())[1]!;
      assert.equal(JSON.parse(second.before_json!).subject, 'Willkommen bei {event}, {name}!');
      assert.equal(JSON.parse(second.after_json!).subject, 'Dabei: {event}');
    });

    test('the saved HTML part opens on its own under the sandbox policy', async () => {
      const res = await admin.get(`${EDIT_DE}/html`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-security-policy']), /^sandbox; default-src 'none'/);
      assert.match(res.body, /<p>Moin Alex Beispiel,<\/p>/);
    });

    test('read-only members see the templates but cannot change them (403); strangers get 404', async () => {
      const { visitor: readonly } = await signedInMember(t, event.id, 'readonly', 'readonly@example.org');
      const list = await readonly.get(PAGE);
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /Deutsch ansehen/);
      assert.doesNotMatch(list.body, /Deutsch bearbeiten/);
      const page = await readonly.get(EDIT_DE);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /name="subject"/);
      assert.match(page.body, /Moin \{name\},/, 'the saved text is shown');
      assert.match(page.body, /Moin Alex Beispiel,/, 'with its preview');
      assert.match(page.body, /name="_csrf"/, 'a valid CSRF token, so the 403 below is the role check');
      for (const url of [EDIT_DE, `${EDIT_DE}/reset`, `${EDIT_DE}/html`]) {
        assert.equal((await readonly.post(url, { subject: 'x', body: 'y', intent: 'save' })).statusCode, 403, url);
      }

      const { visitor: stranger } = await signedInMember(t, event.id, null, 'stranger@example.org');
      assert.equal((await stranger.get(PAGE)).statusCode, 404);
      assert.equal((await stranger.get(EDIT_DE)).statusCode, 404);
      assert.equal((await stranger.get(`${EDIT_DE}/html`)).statusCode, 404);
      assert.match((await stranger.get('/admin')).body, /name="_csrf"/, 'a valid CSRF token, so the refusal below is the role check');
      assert.equal((await stranger.post(EDIT_DE, { subject: 'x', body: 'y', intent: 'save' })).statusCode, 404);
      assert.equal((await stranger.post(`${EDIT_DE}/reset`, {})).statusCode, 404);
      assert.equal((await stored())[0]!.subject, 'Dabei: {event}', 'nothing changed');
    });

    test('approving a pending registration sends the approval mail, with the calendar invitation', async () => {
      const email = 'pending@example.org';
      const outcome = await t.services.registration.register(event, { name: 'Pia Prüfung', email, organisation: 'Lab', level: 'land', land: null, role: null, listed: false, answers: { 2: 'no' } }, 'de', 'manual', { id: null, label: 'test' });
      assert.equal(outcome.kind, 'registered');
      await t.database.db.updateTable('registrations').set({ status: 'pending', holds_seat: 0, admitted_at: null }).where('email', '=', email).execute();
      const id = (outcome as { registrationId: number }).registrationId;
      assert.equal(await t.services.registration.approve(id, { id: null, label: 'Orga' }), 'admitted');
      const mail = await t.database.db.selectFrom('outbox').select(['subject', 'text_body', 'calendar']).where('to_address', '=', email).where('template', '=', 'approved').executeTakeFirstOrThrow();
      assert.match(mail.subject, /^Ihr seid dabei: /);
      assert.match(mail.text_body, /das Orga-Team hat eure Anmeldung für .* geprüft und zugelassen/);
      assert.match(mail.calendar ?? '', /METHOD:REQUEST/);
    });

    test('reset: back to the default for the next mail, audited', async () => {
      await admin.get(EDIT_DE);
      const res = await admin.post(`${EDIT_DE}/reset`, {});
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `${EDIT_DE}?done=reset`);
      assert.deepEqual(await stored(), []);
      const page = await admin.get(`${EDIT_DE}?done=reset`);
      assert.match(page.body, /role="status">Die Mail-Vorlage verwendet wieder den Standardtext\./);
      assert.doesNotMatch(page.body, /Auf Standard zurücksetzen/);
      const de = await admittedMail('de');
      assert.match(de.subject, /^Ihr seid dabei: /);
      const last = (await audit()).at(-1)!;
      assert.equal(last.action, 'mail_template.reset');
      assert.equal(JSON.parse(last.before_json!).subject, 'Dabei: {event}');
      assert.deepEqual(JSON.parse(last.after_json!), { default: true });
    });
  });
}
