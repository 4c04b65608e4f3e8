// Scheduled mails (#4, item 4): relative to the start or end, filtered by status and level, each
// sent once per recipient, and sent at once to someone admitted after the run. Both databases.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import { TEST_NOW, type TestApp } from '../../helpers/app.js';
import { visitor, type Visitor } from '../../helpers/visitor.js';
import { adminTestApp, signedInMember } from '../../helpers/team.js';
import type { LabEvent } from '../../../src/modules/events/events.types.js';
import type { Level } from '../../../src/platform/germany.js';

const HOUR = 3600_000;

for (const dialect of testDialects()) {
  describe(`scheduled mails (${dialect})`, () => {
    let t: TestApp;
    let admin: Visitor;
    let event: LabEvent;

    before(async () => {
      const setup = await adminTestApp(dialect, 'labcamp-2');
      t = setup.t;
      admin = setup.admin;
      event = (await t.services.events.findBySlug('labcamp-2'))!;
    });
    after(async () => t.close());

    /** Registers (as the back office does by hand: no window) and confirms: admitted. */
    async function admit(name: string, level: Level): Promise<{ id: number; email: string }> {
      const email = `${name.toLowerCase()}@example.org`;
      const outcome = await t.services.registration.register(event, { name, email, organisation: 'Lab', level, land: null, role: null, listed: false, answers: { 2: 'no' } }, 'de', 'manual', { id: null, label: 'test' });
      assert.equal(outcome.kind, 'registered');
      const row = await t.database.db.selectFrom('registrations').select(['id', 'status']).where('email', '=', email).executeTakeFirstOrThrow();
      assert.equal(row.status, 'admitted');
      return { id: row.id, email };
    }

    const mailsOf = (email: string) => t.database.db.selectFrom('outbox').select(['id', 'template', 'idempotency_key', 'text_body']).where('to_address', '=', email).orderBy('id').execute();
    const countOf = async (template: string) => (await t.database.db.selectFrom('outbox').select('id').where('template', '=', template).where('event_id', '=', event.id).execute()).length;

    test('the demo event comes with the access link, a reminder and thanks planned', async () => {
      const planned = await t.services.mailSchedules.list(event.id);
      assert.deepEqual(planned.map((p) => [p.template, p.anchor, p.offsetMinutes, p.statuses]), [
        ['access_link', 'start', -1440, ['admitted']], ['reminder', 'start', -60, ['admitted']], ['thank_you', 'end', 120, ['admitted']],
      ]);
    });

    test('bad plans get a message next to the field and nothing is stored', async () => {
      const before = (await t.services.mailSchedules.list(event.id)).length;
      await admin.get('/admin/events/labcamp-2/schedules');
      const cases: Array<[Record<string, string | string[]>, string, RegExp]> = [
        [{ template: 'access_link', amount: 'soon', unit: 'hours', relation: 'before_start', statuses: 'admitted' }, 'amount', /ganze Zahl/],
        [{ template: 'access_link', amount: '90', unit: 'days', relation: 'before_start', statuses: 'admitted' }, 'amount', /60 Tage/],
        [{ template: 'access_link', amount: '24', unit: 'hours', relation: 'before_start' }, 'statuses', /mindestens einen Status/],
        [{ template: 'access_link', amount: '24', unit: 'hours', relation: 'before_start', statuses: ['admitted', 'waitlisted'] }, 'statuses', /nur an Zugelassene/],
        [{ template: 'welcome', amount: '24', unit: 'hours', relation: 'before_start', statuses: 'admitted' }, 'template', /angebotenen/],
        [{ template: 'reminder', amount: '1', unit: 'fortnights', relation: 'before_start', statuses: 'admitted' }, 'unit', /angebotenen/],
        [{ template: 'reminder', amount: '1', unit: 'hours', relation: 'before_start', statuses: 'admitted', levels: 'mars' }, 'levels', /angebotenen/],
      ];
      for (const [form, field, message] of cases) {
        const res = await admin.post('/admin/events/labcamp-2/schedules', form);
        assert.equal(res.statusCode, 422, JSON.stringify(form));
        assert.match(res.body, new RegExp(`id="error-${field}">[^<]*`), field);
        assert.match(res.body, message);
      }
      assert.equal((await t.services.mailSchedules.list(event.id)).length, before);
    });

    test('the access link goes out 24 hours before the start, once, to everyone admitted; later admissions get it at once', async (ctx) => {
      ctx.after(() => t.clock.set(TEST_NOW));
      const early = await admit('Anna', 'kommune');
      const second = await admit('Bert', 'land');
      const page = await admin.get('/admin/events/labcamp-2/schedules');
      assert.match(page.body, /<td>Zugangslink<\/td><td>24 Stunden vor Beginn<\/td>/);
      assert.match(page.body, /Geplant für 04\.01\.2027, 15:00/);

      assert.equal(await t.services.mailSchedules.runDue(), 0, 'not due yet');
      assert.equal(await countOf('access_link'), 0);

      t.clock.set(new Date(event.startsAt.getTime() - 24 * HOUR));
      // Two instances tick at the same moment: the schedule still runs once.
      const [a, b] = await Promise.all([t.services.mailSchedules.runDue(), t.services.mailSchedules.runDue()]);
      const admitted = await t.database.db.selectFrom('registrations').select('id').where('event_id', '=', event.id).where('status', '=', 'admitted').execute();
      assert.equal(a + b, admitted.length);
      assert.equal(await countOf('access_link'), admitted.length);
      assert.equal(await t.services.mailSchedules.runDue(), 0, 'never twice');

      const annas = await mailsOf(early.email);
      const access = annas.filter((m) => m.template === 'access_link');
      assert.equal(access.length, 1);
      const link = /\/r\/[A-Za-z0-9_-]{43}\/live/.exec(access[0]!.text_body)?.[0];
      assert.ok(link, 'the mail carries the personal access link');
      const entry = await visitor(t).get(link);
      assert.equal(entry.statusCode, 303, 'and it opens the live room');
      assert.equal((await mailsOf(second.email)).filter((m) => m.template === 'access_link').length, 1);

      const late = await admit('Clara', 'bund');
      const claras = await mailsOf(late.email);
      assert.deepEqual(claras.map((m) => m.template), ['admitted', 'access_link'], 'admitted first, the access link right after, in the same transaction');

      // Cancelling and a new admission of someone else do not send Anna's mail again.
      await admit('Dora', 'kommune');
      assert.equal((await mailsOf(early.email)).filter((m) => m.template === 'access_link').length, 1);
      const shown = await (await signedInMember(t, event.id, 'readonly', 'ro.sched@example.org')).visitor.get('/admin/events/labcamp-2/schedules');
      assert.match(shown.body, new RegExp(`Versandt am 04\\.01\\.2027, 15:00 an ${admitted.length} Personen`));
    });

    test('a reminder only to one level: others never get it, a matching late admission does', async (ctx) => {
      ctx.after(() => t.clock.set(TEST_NOW));
      const fresh = await signedInMember(t, event.id, 'organizer', 'orga.sched@example.org');
      await fresh.visitor.get('/admin/events/labcamp-2/schedules');
      const everyone = (await t.services.mailSchedules.list(event.id)).find((p) => p.template === 'reminder')!;
      assert.equal((await fresh.visitor.post(`/admin/events/labcamp-2/schedules/${everyone.id}/remove`, {})).statusCode, 303);
      await fresh.visitor.get('/admin/events/labcamp-2/schedules');
      const res = await fresh.visitor.post('/admin/events/labcamp-2/schedules', { template: 'reminder', amount: '1', unit: 'hours', relation: 'before_start', statuses: 'admitted', levels: 'land' });
      assert.equal(res.statusCode, 303);
      t.clock.set(new Date(event.startsAt.getTime() - HOUR));
      await t.services.mailSchedules.runDue();
      const reminders = await t.database.db.selectFrom('outbox').innerJoin('registrations', 'registrations.id', 'outbox.registration_id')
        .select(['registrations.level']).where('outbox.template', '=', 'reminder').where('outbox.event_id', '=', event.id).execute();
      assert.ok(reminders.length >= 1);
      assert.ok(reminders.every((r) => r.level === 'land'), 'only the level chosen');
      const kommune = await admit('Emil', 'kommune');
      const land = await admit('Frieda', 'land');
      assert.deepEqual((await mailsOf(kommune.email)).map((m) => m.template), ['admitted', 'access_link']);
      assert.deepEqual((await mailsOf(land.email)).map((m) => m.template), ['admitted', 'access_link', 'reminder']);
    });

    test('only unsent plans can be removed; read-only members look but do not change; everything audited', async () => {
      await admin.get('/admin/events/labcamp-2/schedules');
      assert.equal((await admin.post('/admin/events/labcamp-2/schedules', { template: 'thank_you', amount: '2', unit: 'hours', relation: 'after_end', statuses: ['admitted', 'waitlisted'] })).statusCode, 303);
      const list = await t.services.mailSchedules.list(event.id);
      const thanks = list.filter((s) => s.template === 'thank_you').at(-1)!;
      assert.equal(thanks.anchor, 'end');
      assert.equal(thanks.offsetMinutes, 120);
      assert.deepEqual(thanks.statuses, ['admitted', 'waitlisted']);
      const sent = list.find((s) => s.template === 'access_link')!;

      const readonly = (await signedInMember(t, event.id, 'readonly', 'ro2.sched@example.org')).visitor;
      const view = await readonly.get('/admin/events/labcamp-2/schedules');
      assert.equal(view.statusCode, 200);
      assert.doesNotMatch(view.body, /name="template"|\/remove"/);
      assert.equal((await readonly.post(`/admin/events/labcamp-2/schedules/${thanks.id}/remove`, {})).statusCode, 403);

      await admin.get('/admin/events/labcamp-2/schedules');
      assert.equal((await admin.post(`/admin/events/labcamp-2/schedules/${sent.id}/remove`, {})).statusCode, 409, 'what was sent stays');
      await admin.get('/admin/events/labcamp-2/schedules');
      assert.equal((await admin.post(`/admin/events/labcamp-2/schedules/${thanks.id}/remove`, {})).statusCode, 303);
      assert.equal((await t.services.mailSchedules.list(event.id)).some((s) => s.id === thanks.id), false);
      const audit = await t.database.db.selectFrom('audit_log').select(['action', 'actor_label']).where('subject_type', '=', 'mail_schedule').where('subject_id', '=', String(thanks.id)).orderBy('id').execute();
      assert.deepEqual(audit.map((a) => a.action), ['mail.schedule.added', 'mail.schedule.removed']);
    });
  });
}
