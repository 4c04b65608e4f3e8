// The organizers' registration back office over HTTP: who may see and change what, the actions
// with their mails, manual registration, filters and search, the CSV export and the dev inbox.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import { createTestApp, signIn, type TestApp } from '../../helpers/app.js';
import { visitor, type Visitor } from '../../helpers/visitor.js';

const person = (name: string, email: string, extra: Record<string, string> = {}) => ({
  name, email, organisation: 'Stadtlabor Soest', level: 'kommune', land: 'NW', role: '', language: 'de', ...extra,
});

for (const dialect of testDialects()) {
  describe(`registration back office (${dialect})`, () => {
    let t: TestApp;
    let admin: Visitor;
    let eventId: number;

    before(async () => {
      t = await createTestApp(dialect);
      admin = visitor(t, await signIn(t, t.report.firstLoginLink!));
      eventId = (await t.services.events.findBySlug('labcamp-2020'))!.id;
    });
    after(async () => t.close());

    async function teamMember(role: 'readonly' | 'organizer' | null, email: string): Promise<Visitor> {
      const { organizer, token } = await t.services.access.createOrganizer({ email, name: email.split('@')[0]!, isAdmin: false });
      if (role) await t.database.db.insertInto('event_team').values({ event_id: eventId, organizer_id: organizer.id, role, created_at: new Date().toISOString() }).execute();
      return visitor(t, await signIn(t, `${t.config.baseUrl.origin}/admin/login/${token}`));
    }

    async function statusOf(email: string): Promise<string | undefined> {
      const row = await t.database.db.selectFrom('registrations').select('status').where('event_id', '=', eventId).where('email', '=', email).executeTakeFirst();
      return row?.status;
    }

    test('manual registration (the e-mail fallback) admits at once, even in approval mode, and mails the person', async () => {
      const form = await admin.get('/admin/events/labcamp-2020/registrations/new');
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /name="organisation"/);
      assert.doesNotMatch(form.body, /name="privacy"/, 'consent is recorded by the organizer, not asked');

      const res = await admin.post('/admin/events/labcamp-2020/registrations/new', person('Jürgen Öztürk', 'Juergen@Example.org'));
      assert.equal(res.statusCode, 303);
      assert.match(res.headers.location as string, /done=manual/);
      assert.equal(await statusOf('juergen@example.org'), 'admitted');
      const mails = await t.database.db.selectFrom('outbox').select(['template', 'to_address']).where('to_address', '=', 'juergen@example.org').execute();
      assert.deepEqual(mails.map((m) => m.template), ['admitted']);

      const again = await admin.post('/admin/events/labcamp-2020/registrations/new', person('Jürgen Ö.', 'JUERGEN@example.org'));
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /Für diese Adresse gibt es schon eine Anmeldung/);

      const bad = await admin.post('/admin/events/labcamp-2020/registrations/new', person('', 'nope', { level: 'mars' }));
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /id="error-name"/);
      assert.match(bad.body, /id="error-email"/);
      assert.match(bad.body, /value="nope"/);
    });

    test('approve and reject (with a reason) pending registrations; every action is audited', async () => {
      // Two people who confirmed their address and wait for approval.
      const event = (await t.services.events.findBySlug('labcamp-2020'))!;
      const ids: number[] = [];
      for (const [name, email] of [['Ada Pending', 'ada@example.org'], ['Bo Pending', 'bo@example.org']] as const) {
        // The meeting's registration is long closed, so the fixture goes in by hand and is set to pending.
        const outcome = await t.services.registration.register(event, { name, email, organisation: 'Lab', level: 'land', land: 'BE', role: null, listed: false, answers: {} }, 'de', 'manual');
        assert.equal(outcome.kind, 'registered');
        await t.database.db.updateTable('registrations').set({ status: 'pending', holds_seat: 0, admitted_at: null }).where('email', '=', email).execute();
        ids.push((outcome as { registrationId: number }).registrationId);
      }
      const list = await admin.get('/admin/events/labcamp-2020/registrations?status=pending');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /Ada Pending/);
      assert.doesNotMatch(list.body, /Jürgen Öztürk/);

      const approve = await admin.post(`/admin/events/labcamp-2020/registrations/${ids[0]}/approve`, {});
      assert.equal(approve.statusCode, 303);
      assert.equal(await statusOf('ada@example.org'), 'admitted');

      const rejectForm = await admin.get(`/admin/events/labcamp-2020/registrations/${ids[1]}/reject`);
      assert.equal(rejectForm.statusCode, 200);
      const reject = await admin.post(`/admin/events/labcamp-2020/registrations/${ids[1]}/reject`, { reason: 'Nur für Beschäftigte öffentlicher Labore <b>bitte</b>' });
      assert.equal(reject.statusCode, 303);
      assert.equal(await statusOf('bo@example.org'), 'rejected');
      const mail = await t.database.db.selectFrom('outbox').select(['text_body', 'html_body']).where('to_address', '=', 'bo@example.org').where('template', '=', 'rejected').executeTakeFirstOrThrow();
      assert.match(mail.text_body, /Nur für Beschäftigte öffentlicher Labore <b>bitte<\/b>/);
      assert.match(mail.html_body, /&lt;b&gt;bitte&lt;\/b&gt;|&lt;b>bitte&lt;\/b>/, 'the reason is text in the HTML part');

      // An action that does not fit the status: a clear message, nothing changed.
      const twice = await admin.post(`/admin/events/labcamp-2020/registrations/${ids[0]}/approve`, {});
      assert.equal(twice.statusCode, 409);
      assert.match(twice.body, /passt nicht zum aktuellen Status/);
      assert.equal(await statusOf('ada@example.org'), 'admitted');

      const audit = await t.database.db.selectFrom('audit_log').select(['action', 'actor_label']).where('subject_type', '=', 'registration').execute();
      const actions = audit.map((a) => a.action);
      for (const a of ['registration.created', 'registration.approved', 'registration.rejected']) assert.ok(actions.includes(a), a);
      assert.ok(audit.every((a) => a.actor_label === 'Admin'));
    });

    test('move to the waiting list and back, resend a link, cancel', async () => {
      const id = (await t.database.db.selectFrom('registrations').select('id').where('email', '=', 'ada@example.org').executeTakeFirstOrThrow()).id;
      for (const [action, expected] of [['waitlist', 'waitlisted'], ['admit', 'admitted'], ['resend', 'admitted'], ['cancel', 'cancelled']] as const) {
        // Mails are keyed by their moment (a double click sends one): let a second pass between actions.
        t.clock.advance(1000);
        const res = await admin.post(`/admin/events/labcamp-2020/registrations/${id}/${action}`, {});
        assert.equal(res.statusCode, 303, action);
        assert.equal(await statusOf('ada@example.org'), expected, action);
      }
      const templates = (await t.database.db.selectFrom('outbox').select('template').where('to_address', '=', 'ada@example.org').orderBy('id').execute()).map((m) => m.template);
      assert.deepEqual(templates.slice(-4), ['waitlisted', 'admitted', 'personal_link', 'cancelled']);
      const unknown = await admin.post(`/admin/events/labcamp-2020/registrations/${id}/explode`, {});
      assert.equal(unknown.statusCode, 404);
      const otherEvent = await admin.post(`/admin/events/labcamp-2/registrations/${id}/cancel`, {});
      assert.equal(otherEvent.statusCode, 404, 'a registration is only reachable through its own event');
    });

    test('search is case-insensitive beyond ASCII; filters and sorting; hostile query strings are ignored', async () => {
      const byName = await admin.get(`/admin/events/labcamp-2020/registrations?q=${encodeURIComponent('JÜRGEN')}`);
      assert.match(byName.body, /Jürgen Öztürk/);
      assert.match(byName.body, /1 Anmeldung\b/);
      const wildcard = await admin.get('/admin/events/labcamp-2020/registrations?q=%25');
      assert.match(wildcard.body, /Keine Anmeldungen gefunden/, '% is a character, not a wildcard');
      const filtered = await admin.get('/admin/events/labcamp-2020/registrations?level=land&land=BE');
      assert.match(filtered.body, /Bo Pending/);
      assert.doesNotMatch(filtered.body, /Jürgen Öztürk/);
      const hostile = await admin.get('/admin/events/labcamp-2020/registrations?sort=name;drop%20table&status=%3Cscript%3E&page=-4&land=ZZ');
      assert.equal(hostile.statusCode, 200);
      assert.doesNotMatch(hostile.body, /<script>/);
      const sorted = await admin.get('/admin/events/labcamp-2020/registrations?sort=name-asc');
      assert.ok(sorted.body.indexOf('Ada Pending') < sorted.body.indexOf('Bo Pending'));
      assert.match(sorted.body, /Nach Status/);
      assert.match(sorted.body, /role="img" aria-label="Balkendiagramm/);
    });

    test('CSV export: UTF-8 with BOM, the organizers\' questions as columns, formulas defused, filters apply', async () => {
      await admin.post('/admin/events/labcamp-2020/registrations/new', person('=HYPERLINK("http://evil.example","klick")', 'formula@example.org', { organisation: '+49 Lab; "quoted"' }));
      const res = await admin.get('/admin/events/labcamp-2020/registrations.csv');
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /^text\/csv; charset=utf-8/);
      assert.match(res.headers['content-disposition'] as string, /attachment; filename="labcamp-2020-registrations.csv"/);
      assert.ok(res.body.startsWith('\uFEFFid,status,name,email'));
      assert.match(res.body, /Jürgen Öztürk,juergen@example.org/);
      assert.match(res.body, /"'=HYPERLINK\(""http:\/\/evil.example"",""klick""\)"/);
      assert.match(res.body, /"'\+49 Lab; ""quoted"""/);
      const onlyRejected = await admin.get('/admin/events/labcamp-2020/registrations.csv?status=rejected');
      assert.equal(onlyRejected.body.trim().split('\r\n').length, 2);
    });

    test('roles: read-only members see but cannot change; other organizers do not learn the event exists', async () => {
      const reader = await teamMember('readonly', 'reader@example.org');
      const list = await reader.get('/admin/events/labcamp-2020/registrations');
      assert.equal(list.statusCode, 200);
      assert.doesNotMatch(list.body, /registrations\/new/, 'no manual registration button');
      assert.doesNotMatch(list.body, /\/approve"/);
      const id = (await t.database.db.selectFrom('registrations').select('id').where('email', '=', 'juergen@example.org').executeTakeFirstOrThrow()).id;
      assert.equal((await reader.post(`/admin/events/labcamp-2020/registrations/${id}/cancel`, {})).statusCode, 403);
      assert.equal((await reader.get('/admin/events/labcamp-2020/registrations/new')).statusCode, 403);
      assert.equal((await reader.get('/admin/events/labcamp-2020/mails/1')).statusCode, 403, 'mail bodies carry personal links');
      assert.equal(await statusOf('juergen@example.org'), 'admitted');
      const dashboard = await reader.get('/admin');
      assert.match(dashboard.body, /labcamp-2020\/registrations/);
      assert.doesNotMatch(dashboard.body, /labcamp-2\/registrations/);

      const stranger = await teamMember(null, 'stranger@example.org');
      assert.equal((await stranger.get('/admin/events/labcamp-2020/registrations')).statusCode, 404);
      assert.equal((await stranger.get('/admin/events/labcamp-2020/registrations.csv')).statusCode, 404);
      assert.equal((await stranger.get('/admin/events/labcamp-2020/mails')).statusCode, 404);
      assert.match((await stranger.get('/admin')).body, /noch zu keinem Veranstaltungsteam/);

      const anonymous = await t.app.inject({ url: '/admin/events/labcamp-2020/registrations.csv' });
      assert.equal(anonymous.statusCode, 303);
      assert.equal(anonymous.headers.location, '/admin/login');
    });

    test('the dev inbox lists the event\'s mails and shows them; the HTML part is sandboxed', async () => {
      const list = await admin.get('/admin/events/labcamp-2020/mails');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /kein SMTP-Server eingerichtet/);
      assert.match(list.body, /juergen@example.org/);
      const mail = await t.database.db.selectFrom('outbox').select('id').where('to_address', '=', 'juergen@example.org').executeTakeFirstOrThrow();
      const one = await admin.get(`/admin/events/labcamp-2020/mails/${mail.id}`);
      assert.equal(one.statusCode, 200);
      assert.match(one.body, /<pre class="mail-text" lang="de">/);
      assert.match(one.body, /\/r\/[A-Za-z0-9_-]{20,}/, 'the personal link, to pass on by hand');
      const html = await admin.get(`/admin/events/labcamp-2020/mails/${mail.id}/html`);
      assert.equal(html.statusCode, 200);
      const csp = html.headers['content-security-policy'] as string;
      assert.match(csp, /^sandbox;/);
      assert.match(csp, /default-src 'none'/);
      assert.doesNotMatch(csp, /script-src/);
      assert.equal((await admin.get(`/admin/events/labcamp-2/mails/${mail.id}`)).statusCode, 404, 'a mail is only reachable through its own event');
      assert.equal((await admin.get('/admin/events/labcamp-2020/mails/abc')).statusCode, 404);
    });
  });
}
