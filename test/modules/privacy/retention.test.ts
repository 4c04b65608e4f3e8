// Retention (#8, item 1) with a controllable clock, on both databases: organizers choose the days
// within the operator's limits (bad values refused next to the field); nothing happens before the
// due date; then the job anonymises the event's participants everywhere — registrations, answers,
// links, mails, questions, groups, boards, imports, the live replay, the audit's before/after —
// keeping counts by status, level and Land, shown in the back office; a second run does nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import { signIn, type TestApp } from '../../helpers/app.js';
import { visitor, type Visitor } from '../../helpers/visitor.js';
import { adminTestApp } from '../../helpers/team.js';
import { registeredToken } from '../../helpers/community.js';
import type { LabEvent } from '../../../src/modules/events/events.types.js';

const DAY = 24 * 3600_000;

for (const dialect of testDialects()) {
  describe(`retention (${dialect})`, () => {
    let t: TestApp;
    let admin: Visitor;
    let event: LabEvent;
    let token: string;

    before(async () => {
      const setup = await adminTestApp(dialect, 'labcamp-2');
      t = setup.t;
      admin = setup.admin;
      event = (await t.services.events.findBySlug('labcamp-2'))!;
      token = await registeredToken(t, event, 'Retina', 'Stadtlabor Soest');
      await registeredToken(t, event, 'Rolf', 'CityLAB Berlin');
      const reg = await t.database.db.selectFrom('registrations').select('id').where('email', '=', 'retina.community@example.org').executeTakeFirstOrThrow();
      // Traces in the other modules: a question with her name, a group, a board entry, a live replay row, an applied import.
      const asked = await t.services.qa.ask(event.id, { kind: 'participant', registrationId: reg.id, name: 'Retina' }, { text: 'Wie startet man ein Labor?', agendaItemId: null, anonymous: false });
      assert.equal(asked.kind, 'asked');
      const now = new Date().toISOString();
      const round = await t.database.db.insertInto('networking_rounds').values({
        event_id: event.id, number: 1, state: 'ended', group_size: 3, duration_minutes: 15, prompt: 'P', message: null, message_at: null, started_at: now, ends_at: now, ended_at: now, created_at: now,
      } as never).returning('id').executeTakeFirstOrThrow();
      const group = await t.database.db.insertInto('networking_groups').values({ event_id: event.id, round_id: round.id, number: 1, video_key: 'k', created_at: now } as never).returning('id').executeTakeFirstOrThrow();
      await t.database.db.insertInto('networking_members').values({ round_id: round.id, group_id: group.id, registration_id: reg.id, placed_by: 'plan' } as never).execute();
      await t.services.boards.add(event.id, group.id, 'next_steps', 'Ein Treffen im Frühjahr', `r${reg.id}`);
      await t.services.liveFeed.post(event.id, 'question', { text: 'Retina fragt' }, ['all']);
      await t.database.db.insertInto('registration_imports').values({
        event_id: event.id, organizer_id: null, format: 'labcamp', file_name: 'teilnehmende.csv', content: 'name,email\nRetina,retina@example.org', content_sha256: 'x', summary: '{}', created_at: now, applied_at: now,
      } as never).execute();
    });
    after(async () => t.close());

    test('organizers choose the days within the limits; the tab says when', async () => {
      const page = await admin.get('/admin/events/labcamp-2/privacy');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /90 Tage nach dem Ende/);
      for (const bad of ['3', '9999', 'neunzig', '-1']) {
        const res = await admin.post('/admin/events/labcamp-2/privacy', { days: bad });
        assert.equal(res.statusCode, 422, bad);
        assert.match(res.body, /id="error-days"/);
        assert.match(res.body, /zwischen 7 und 730/);
      }
      assert.equal((await admin.post('/admin/events/labcamp-2/privacy', { days: '30' })).statusCode, 303);
      const saved = await admin.get('/admin/events/labcamp-2/privacy?saved=1');
      assert.match(saved.body, /30 Tage nach dem Ende/);
      const due = new Date(event.endsAt.getTime() + 30 * DAY);
      assert.equal((await t.services.retention.retentionOf(event)).dueAt.toISOString(), due.toISOString());
      assert.equal((await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'privacy.retention.set').execute()).length, 1);
    });

    test('nothing happens before the due date; then everything personal goes and the counts stay', async () => {
      const before = await t.services.registration.statistics(event.id);
      t.clock.set(new Date(event.endsAt.getTime() + 30 * DAY - 60_000));
      assert.deepEqual((await t.services.retention.runDue()).filter((s) => s === 'labcamp-2'), []);
      assert.equal((await visitor(t).get(`/r/${token}`)).statusCode, 200, 'still there a minute before');

      t.clock.set(new Date(event.endsAt.getTime() + 30 * DAY + 60_000));
      assert.ok((await t.services.retention.runDue()).includes('labcamp-2'));
      const db = t.database.db;
      const regs = await db.selectFrom('registrations').selectAll().where('event_id', '=', event.id).execute();
      assert.ok(regs.length >= 2);
      for (const r of regs) {
        assert.equal(r.name, '');
        assert.equal(r.organisation, '');
        assert.match(r.email, /^anonymised-\d+@anonymised\.invalid$/);
      }
      const ids = regs.map((r) => r.id);
      assert.equal((await db.selectFrom('registration_answers').select('registration_id').where('registration_id', 'in', ids).execute()).length, 0);
      assert.equal((await db.selectFrom('registration_tokens').select('id').where('registration_id', 'in', ids).execute()).length, 0);
      assert.equal((await db.selectFrom('outbox').select('id').where('registration_id', 'in', ids).execute()).length, 0);
      assert.equal((await db.selectFrom('networking_members').select('registration_id').where('registration_id', 'in', ids).execute()).length, 0);
      const question = await db.selectFrom('questions').selectAll().where('event_id', '=', event.id).executeTakeFirstOrThrow();
      assert.equal(question.author_name, null);
      assert.equal(question.registration_id, null);
      assert.equal(question.text, 'Wie startet man ein Labor?', 'the text stays');
      const entry = await db.selectFrom('board_items').selectAll().where('event_id', '=', event.id).executeTakeFirstOrThrow();
      assert.equal(entry.author_key, '');
      assert.equal(entry.text, 'Ein Treffen im Frühjahr');
      assert.equal((await db.selectFrom('live_feed').select('id').where('event_id', '=', event.id).execute()).length, 0);
      const imported = await db.selectFrom('registration_imports').selectAll().where('event_id', '=', event.id).executeTakeFirstOrThrow();
      assert.equal(imported.content, '');
      const audit = await db.selectFrom('audit_log').selectAll().where('subject_type', '=', 'registration').where('subject_id', 'in', ids.map(String)).execute();
      assert.ok(audit.every((a) => a.before_json === null && a.after_json === null));
      // Nothing of hers anywhere: her address and her name are gone from every table that held them.
      for (const table of ['registrations', 'outbox', 'questions', 'registration_imports', 'live_feed', 'audit_log'] as const) {
        const rows = await db.selectFrom(table).selectAll().execute();
        assert.ok(!JSON.stringify(rows).includes('retina'), `no address in ${table}`);
        assert.ok(!JSON.stringify(rows).includes('Retina'), `no name in ${table}`);
      }
      assert.equal((await visitor(t).get(`/r/${token}`)).statusCode, 404, 'the personal link stops working');

      // The counts stay: in the statistics and as kept figures on the tab (a month later: sign in again).
      assert.deepEqual(await t.services.registration.statistics(event.id), before);
      admin = visitor(t, await signIn(t, `${t.config.baseUrl.origin}/admin/login/${await t.services.access.issueLoginLink('admin@localhost')}`));
      const page = await admin.get('/admin/events/labcamp-2/privacy');
      assert.match(page.body, /Anonymisiert am/);
      assert.match(page.body, /Nordrhein-Westfalen<\/td><td class="numeric">2<\/td>/);
      assert.doesNotMatch(page.body, /name="days"/, 'no more choice after the fact');
      assert.equal((await admin.post('/admin/events/labcamp-2/privacy', { days: '60' })).statusCode, 409);
      assert.equal((await db.selectFrom('audit_log').select('id').where('action', '=', 'privacy.event.anonymised').where('event_id', '=', event.id).execute()).length, 1);
      assert.deepEqual((await t.services.retention.runDue()).filter((s) => s === 'labcamp-2'), [], 'a second run does nothing');
    });
  });
}
