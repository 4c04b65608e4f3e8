// Creating, cloning, editing, publishing and cancelling events in the back office, with the
// mails to registered people that a changed or cancelled meeting causes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import { createTestApp, signIn, type TestApp } from '../../helpers/app.js';
import { visitor, type Visitor } from '../../helpers/visitor.js';

const form = (overrides: Record<string, string> = {}) => ({
  slug: 'labcamp-3', title_de: 'LabCamp #3: Daten im Labor', title_en: 'LabCamp #3: data in the lab',
  summary_de: 'Drittes Vernetzungstreffen.', summary_en: '', description_de: 'Wir sprechen über **Daten**.', description_en: '',
  discussion_de: '', discussion_en: '', format_de: '', format_en: '', audience_de: 'Öffentliche Innovationslabore', audience_en: '',
  accessNote_de: '', accessNote_en: '', hosts: 'CityLAB Berlin | https://www.citylab-berlin.org\nBMI PG DIT',
  date: '2027-03-16', start: '15:00', end: '17:30', time_zone: 'Europe/Berlin', language: 'de', attendance_mode: 'online',
  venue_de: '', venue_en: '', confidential: 'yes', registration_opens: '', registration_closes: '2027-03-12T23:59',
  capacity: '2', admission_mode: 'automatic', contact_email: 'Orga@Example.org',
  ...overrides,
});

for (const dialect of testDialects()) {
  describe(`events in the back office (${dialect})`, () => {
    let t: TestApp;
    let admin: Visitor;
    before(async () => {
      t = await createTestApp(dialect);
      admin = visitor(t, await signIn(t, t.report.firstLoginLink!));
    });
    after(async () => t.close());

    test('bad input: every message next to its field, values kept, nothing created', async () => {
      await admin.get('/admin/events/new');
      const res = await admin.post('/admin/events/new', form({
        slug: 'Labcamp 3!', title_de: '', date: '2027-02-30x', start: '25:00', end: '14:00', time_zone: 'Mars/Olympus',
        attendance_mode: 'venue', capacity: '-3', contact_email: 'nope', hosts: 'Lab | javascript:alert(1)', description_de: 'x'.repeat(20_001),
        summary_de: '<script>alert(1)</script>',
      }));
      assert.equal(res.statusCode, 422);
      for (const name of ['slug', 'title_de', 'date', 'start', 'time_zone', 'venue_de', 'capacity', 'contact_email', 'hosts', 'description_de']) {
        assert.match(res.body, new RegExp(`id="error-${name}"`), name);
      }
      assert.match(res.body, /&lt;script>alert\(1\)&lt;\/script>/, 'typed HTML comes back as text');
      assert.doesNotMatch(res.body, /<script>alert/);
      assert.match(res.body, /class="error-summary"/);
      assert.equal(await t.services.events.findBySlug('labcamp 3!'), null);

      const reversed = await admin.post('/admin/events/new', form({ start: '18:00', end: '17:00' }));
      assert.equal(reversed.statusCode, 422);
      assert.match(reversed.body, /Das Ende muss nach dem Beginn liegen/);
      const taken = await admin.post('/admin/events/new', form({ slug: 'labcamp-2020' }));
      assert.equal(taken.statusCode, 422);
      assert.match(taken.body, /Diesen Kurznamen gibt es schon/);
      const english = await admin.post('/admin/events/new?lang=en', form({ title_de: '' }));
      assert.match(english.body, /id="error-title_de">Please fill in/);
      await admin.get('/admin?lang=de');
    });

    test('create a draft: the creator owns it, the public cannot see it until it is published', async () => {
      const res = await admin.post('/admin/events/new', form());
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/admin/events/labcamp-3/edit?done=created');
      const event = (await t.services.events.findBySlug('labcamp-3'))!;
      assert.equal(event.status, 'draft');
      assert.equal(event.startsAt.toISOString(), '2027-03-16T14:00:00.000Z', '15:00 in Berlin in March is 14:00 UTC');
      assert.equal(event.registrationClosesAt?.toISOString(), '2027-03-12T22:59:00.000Z');
      assert.deepEqual(event.hosts, [{ name: 'CityLAB Berlin', url: 'https://www.citylab-berlin.org' }, { name: 'BMI PG DIT', url: null }]);
      assert.equal(event.contactEmail, 'orga@example.org');
      const team = await t.database.db.selectFrom('event_team').select(['role']).where('event_id', '=', event.id).execute();
      assert.deepEqual(team.map((m) => m.role), ['owner']);
      assert.equal((await t.app.inject({ url: '/events/labcamp-3' })).statusCode, 404);

      const page = await admin.get('/admin/events/labcamp-3/edit?done=created');
      assert.match(page.body, /Angelegt\. Die Veranstaltung ist ein Entwurf/);
      assert.match(page.body, /value="2027-03-16"/);
      assert.match(page.body, /value="2027-03-12T23:59"/);

      const published = await admin.post('/admin/events/labcamp-3/publish', {});
      assert.equal(published.statusCode, 303);
      assert.equal((await t.app.inject({ url: '/events/labcamp-3' })).statusCode, 200);
      assert.equal((await admin.post('/admin/events/labcamp-3/publish', {})).statusCode, 409, 'publishing twice is refused');
      const audit = await t.database.db.selectFrom('audit_log').select('action').where('event_id', '=', event.id).execute();
      // The creator's ownership is audited too (access.team.added), in the creating transaction.
      assert.deepEqual(audit.map((a) => a.action).sort(), ['access.team.added', 'events.event.created', 'events.event.published']);
    });

    test('edit: a new date mails everyone registered (same transaction), a text change does not; more seats move the waiting list', async () => {
      const event = (await t.services.events.findBySlug('labcamp-3'))!;
      const details = (name: string) => ({ name, email: `${name.toLowerCase()}@example.org`, organisation: 'Lab', level: 'kommune' as const, land: 'BE' as const, role: null, listed: false, answers: {} });
      for (const name of ['Ada', 'Bo', 'Cem']) await t.services.registration.register(event, details(name), 'de', 'manual');
      const statuses = async () => (await t.database.db.selectFrom('registrations').select(['name', 'status']).where('event_id', '=', event.id).orderBy('id').execute()).map((r) => `${r.name}:${r.status}`);
      assert.deepEqual(await statuses(), ['Ada:admitted', 'Bo:admitted', 'Cem:waitlisted']);
      const uid = `UID:event-${event.id}@localhost`;
      // Content lines longer than 75 octets are folded (RFC 5545 3.1); unfolded for matching.
      const calendarOf = async (template: string, to: string) =>
        ((await t.database.db.selectFrom('outbox').select('calendar').where('template', '=', template).where('to_address', '=', to).orderBy('id', 'desc').executeTakeFirstOrThrow()).calendar ?? '').replace(/\r\n /g, '');
      const invitation = await calendarOf('admitted', 'ada@example.org');
      assert.match(invitation, /^METHOD:REQUEST\r$/m);
      assert.ok(invitation.includes(`${uid}\r\nSEQUENCE:0\r\n`), 'the invitation: the event\'s UID, SEQUENCE 0');
      assert.match(invitation, /^ATTENDEE;CN=Ada;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:ada@example\.org\r$/m);
      assert.match(invitation, /^ORGANIZER;CN="LabCamp #3: Daten im Labor":mailto:orga@example\.org\r$/m);
      assert.equal(await calendarOf('waitlisted', 'cem@example.org'), '', 'no calendar entry without a seat');
      const mailsBefore = await t.database.db.selectFrom('outbox').select('id').where('event_id', '=', event.id).execute();

      t.clock.advance(60_000);
      const textOnly = await admin.post('/admin/events/labcamp-3/edit', form({ summary_de: 'Neu formuliert.', notify: 'yes' }));
      assert.equal(textOnly.statusCode, 303);
      assert.match(textOnly.headers.location as string, /done=saved$/);
      assert.equal((await t.database.db.selectFrom('outbox').select('id').where('event_id', '=', event.id).execute()).length, mailsBefore.length);

      t.clock.advance(60_000);
      const moved = await admin.post('/admin/events/labcamp-3/edit', form({ date: '2027-03-23', capacity: '3', notify: 'yes', change_note: 'Neuer Termin wegen <Ferien>' }));
      assert.equal(moved.statusCode, 303);
      assert.match(moved.headers.location as string, /done=notified-3$/);
      assert.deepEqual(await statuses(), ['Ada:admitted', 'Bo:admitted', 'Cem:offered'], 'the new seat is offered to the waiting list');
      const changed = await t.database.db.selectFrom('outbox').select(['to_address', 'text_body', 'html_body']).where('event_id', '=', event.id).where('template', '=', 'event_changed').execute();
      assert.equal(changed.length, 3);
      assert.match(changed[0]!.text_body, /Neu: Dienstag, 23\.03\.2027/);
      assert.match(changed[0]!.text_body, /Neuer Termin wegen <Ferien>/);
      assert.match(changed[0]!.html_body, /Neuer Termin wegen &lt;Ferien>/);
      const update = await calendarOf('event_changed', 'ada@example.org');
      assert.ok(update.includes(`${uid}\r\nSEQUENCE:1\r\n`), 'the update: same UID, SEQUENCE 1');
      assert.match(update, /^DTSTART;TZID=Europe\/Berlin:20270323T150000\r$/m);
      assert.equal(await calendarOf('event_changed', 'cem@example.org'), '', 'the offered seat is not yet in a calendar');
      const download = await t.app.inject({ url: '/events/labcamp-3.ics' });
      assert.ok(download.body.includes(`${uid}\r\nSEQUENCE:1\r\n`), 'the .ics download carries the same SEQUENCE');
      const audit = await t.database.db.selectFrom('audit_log').select(['before_json', 'after_json']).where('action', '=', 'events.event.updated').orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.match(String(audit.after_json), /startsAt/);
      assert.match(String(audit.before_json), /2027-03-16T14:00:00.000Z/);
      assert.doesNotMatch(String(audit.after_json), /title/, 'only changed fields are logged');

      const log = await admin.get('/admin/events/labcamp-3/audit');
      assert.equal(log.statusCode, 200);
      assert.match(log.body, /<code>events.event.updated<\/code>/);
      assert.match(log.body, /&quot;startsAt&quot;: &quot;2027-03-23T14:00:00.000Z&quot;|"startsAt": "2027-03-23T14:00:00.000Z"/, 'before and after are shown');
      assert.doesNotMatch(log.body, /labcamp-2020/, 'only this event\'s entries');

      t.clock.advance(60_000);
      await admin.post('/admin/events/labcamp-3/edit', form({ date: '2027-03-23', capacity: '3', summary_de: 'Nur Text.' }));
      assert.equal((await t.services.events.findBySlug('labcamp-3'))!.icalSequence, 1, 'a text change does not raise the SEQUENCE');

      const bad = await admin.post('/admin/events/labcamp-3/edit', form({ capacity: 'viele', title_de: 'Geändert' }));
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /value="Geändert"/);
      assert.equal((await t.services.events.findBySlug('labcamp-3'))!.capacity, 3, 'nothing saved from a rejected form');
    });

    test('cancel: everyone registered gets a cancellation with the note; the page says cancelled; registration closes', async () => {
      const cancelPage = await admin.get('/admin/events/labcamp-3/cancel');
      assert.equal(cancelPage.statusCode, 200);
      assert.match(cancelPage.body, /Alle 3 Personen mit aktiver Anmeldung/);
      t.clock.advance(60_000);
      const res = await admin.post('/admin/events/labcamp-3/cancel', { note: 'Krankheitsbedingt.' });
      assert.equal(res.statusCode, 303);
      assert.match(res.headers.location as string, /done=cancelled-3$/);
      const mails = await t.database.db.selectFrom('outbox').select(['text_body']).where('template', '=', 'event_cancelled').execute();
      assert.equal(mails.length, 3);
      assert.match(mails[0]!.text_body, /findet leider nicht statt/);
      assert.match(mails[0]!.text_body, /Krankheitsbedingt\./);
      const cancelled = await t.database.db.selectFrom('outbox').select('calendar').where('template', '=', 'event_cancelled').where('to_address', '=', 'ada@example.org').executeTakeFirstOrThrow();
      assert.match(cancelled.calendar ?? '', /^METHOD:CANCEL\r$/m);
      assert.match(cancelled.calendar ?? '', /^SEQUENCE:2\r$/m);
      assert.match(cancelled.calendar ?? '', /^STATUS:CANCELLED\r$/m);
      const page = await t.app.inject({ url: '/events/labcamp-3' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /[Aa]bgesagt/);
      assert.equal((await t.app.inject({ url: '/events/labcamp-3/register' })).statusCode, 409);
      const again = await admin.post('/admin/events/labcamp-3/cancel', { note: '' });
      assert.equal(again.statusCode, 303, 'a second cancel sends nothing more');
      assert.equal((await t.database.db.selectFrom('outbox').select('id').where('template', '=', 'event_cancelled').execute()).length, 3);
    });

    test('clone a past event: texts, programme, questions and admission rules, new dates, no registrations', async () => {
      const formPage = await admin.get('/admin/events/new?from=labcamp-2020');
      assert.equal(formPage.statusCode, 200);
      assert.match(formPage.body, /name="from" value="labcamp-2020"/);
      assert.match(formPage.body, /value="LabCamp: Vernetzungstreffen öffentliche Innovationslabore"/);
      assert.match(formPage.body, /id="field-date" name="date" type="date" value required/, 'the date is chosen anew');
      const source = (await t.services.events.findBySlug('labcamp-2020'))!;
      const res = await admin.post('/admin/events/new', form({
        from: 'labcamp-2020', slug: 'labcamp-2021', title_de: 'LabCamp 2021', date: '2027-05-25', admission_mode: 'approval', registration_closes: '', capacity: '',
      }));
      assert.equal(res.statusCode, 303);
      const clone = (await t.services.events.findBySlug('labcamp-2021'))!;
      const [a, b] = await Promise.all([t.services.program.forEvent(source.id), t.services.program.forEvent(clone.id)]);
      assert.deepEqual(b.speakers.map((s) => s.name), a.speakers.map((s) => s.name));
      assert.deepEqual(b.moderators.map((s) => s.name), a.moderators.map((s) => s.name));
      assert.equal(b.agenda.length, a.agenda.length);
      assert.deepEqual(b.agenda.map((i) => i.personIds.length), a.agenda.map((i) => i.personIds.length));
      assert.equal((await t.services.registration.policy(clone.id)).admissionMode, 'approval');
      assert.equal((await t.services.registration.questions(clone.id)).length, (await t.services.registration.questions(source.id)).length);
      assert.equal((await t.services.registration.statistics(clone.id)).byDay.length, 0);
    });

    test('roles: read-only members cannot edit; strangers get 404; nobody signed out gets in', async () => {
      const event = (await t.services.events.findBySlug('labcamp-2020'))!;
      const { organizer, token } = await t.services.access.createOrganizer({ email: 'reader@example.org', name: 'Reader', isAdmin: false });
      await t.database.db.insertInto('event_team').values({ event_id: event.id, organizer_id: organizer.id, role: 'readonly', created_at: new Date().toISOString() }).execute();
      const reader = visitor(t, await signIn(t, `${t.config.baseUrl.origin}/admin/login/${token}`));
      assert.equal((await reader.get('/admin/events/labcamp-2020/edit')).statusCode, 403);
      assert.equal((await reader.post('/admin/events/labcamp-2020/cancel', { note: '' })).statusCode, 403);
      assert.equal((await reader.get('/admin/events/labcamp-2/edit')).statusCode, 404);
      assert.equal((await reader.get('/admin/events/labcamp-2020/audit')).statusCode, 403);
      assert.equal((await reader.get('/admin/audit')).statusCode, 403, 'the platform-wide log is for platform admins');
      assert.equal((await t.services.events.findBySlug('labcamp-2020'))!.status, 'published');
      const anonymous = await t.app.inject({ method: 'POST', url: '/admin/events/labcamp-2020/publish' });
      assert.ok([303, 403].includes(anonymous.statusCode));
    });
  });
}
