// Editing speakers, moderation and agenda in the back office; the event page shows the result.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import { createTestApp, signIn, type TestApp } from '../../helpers/app.js';
import { visitor, type Visitor } from '../../helpers/visitor.js';

/** The posted form as the page would send it: every named field of the rendered form, with changes. */
function formFields(html: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const existing = fields[name];
    fields[name] = existing === undefined ? value : [existing, value].flat();
  };
  const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  for (const m of html.matchAll(/<input ([^>]*)>/g)) {
    const attrs = m[1]!;
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (!name || name === '_csrf') continue;
    const type = /type="([^"]+)"/.exec(attrs)?.[1];
    const value = decode(/value="([^"]*)"/.exec(attrs)?.[1] ?? '');
    if ((type === 'checkbox' || type === 'radio') && !/\bchecked\b/.test(attrs)) continue;
    add(name, value);
  }
  for (const m of html.matchAll(/<textarea [^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) add(m[1]!, decode(m[2]!));
  for (const m of html.matchAll(/<select [^>]*name="([^"]+)"[^>]*>(.*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected>/.exec(m[2]!)?.[1] ?? /<option value="([^"]*)"/.exec(m[2]!)?.[1] ?? '';
    add(m[1]!, selected);
  }
  return fields;
}

for (const dialect of testDialects()) {
  describe(`programme editor (${dialect})`, () => {
    let t: TestApp;
    let admin: Visitor;
    before(async () => {
      t = await createTestApp(dialect);
      admin = visitor(t, await signIn(t, t.report.firstLoginLink!));
    });
    after(async () => t.close());

    test('shows the seed programme; an unchanged save keeps it as it was', async () => {
      const event = (await t.services.events.findBySlug('labcamp-2020'))!;
      const before = await t.services.program.forEvent(event.id);
      const page = await admin.get('/admin/events/labcamp-2020/program');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /value="Elisabeth Söllner"/);
      const res = await admin.post('/admin/events/labcamp-2020/program', formFields(page.body));
      assert.equal(res.statusCode, 303);
      const after = await t.services.program.forEvent(event.id);
      assert.deepEqual(after.speakers.map((p) => [p.name, p.organisation, p.bio]), before.speakers.map((p) => [p.name, p.organisation, p.bio]));
      assert.deepEqual(after.moderators.map((p) => p.name), before.moderators.map((p) => p.name));
      assert.deepEqual(after.agenda.map((i) => [i.kind, i.title, i.personIds.length]), before.agenda.map((i) => [i.kind, i.title, i.personIds.length]));
    });

    test('add a speaker, remove one, reorder, give the agenda a time; the event page follows', async () => {
      const page = await admin.get('/admin/events/labcamp-2020/program');
      const fields = formFields(page.body);
      const firstSpeakerRow = Object.entries(fields).find(([k, v]) => /^person_\d+_role$/.test(k) && v === 'speaker')![0].split('_')[1];
      fields[`person_${firstSpeakerRow}_remove`] = 'yes';
      const blank = Object.keys(fields).filter((k) => /^person_\d+_name$/.test(k)).find((k) => fields[k] === '')!.split('_')[1];
      Object.assign(fields, {
        [`person_${blank}_name`]: 'Neue <Speakerin>', [`person_${blank}_organisation`]: 'Stadtlabor Soest', [`person_${blank}_role`]: 'speaker',
        [`person_${blank}_bio_de`]: 'Leitet das Stadtlabor.', [`person_${blank}_position`]: '0',
        agenda_0_start: '15:00', agenda_0_duration: '10',
      });
      const res = await admin.post('/admin/events/labcamp-2020/program', fields);
      assert.equal(res.statusCode, 303);
      const event = (await t.services.events.findBySlug('labcamp-2020'))!;
      const program = await t.services.program.forEvent(event.id);
      assert.equal(program.speakers[0]!.name, 'Neue <Speakerin>', 'position 0 puts her first');
      assert.ok(!program.speakers.some((p) => p.name === fields[`person_${firstSpeakerRow}_name`]));
      assert.equal(program.agenda[0]!.startsAt?.toISOString(), '2020-05-26T13:00:00.000Z');
      assert.equal(program.agenda[0]!.durationMinutes, 10);
      const publicPage = await t.app.inject({ url: '/events/labcamp-2020' });
      assert.match(publicPage.body, /Neue &lt;Speakerin>/);
      const audit = await t.database.db.selectFrom('audit_log').select('after_json').where('action', '=', 'program.updated').orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.match(String(audit.after_json), /Neue <Speakerin>/);
    });

    test('bad rows: messages next to the fields, nothing changed', async () => {
      const event = (await t.services.events.findBySlug('labcamp-2020'))!;
      const before = await t.services.program.forEvent(event.id);
      const fields = formFields((await admin.get('/admin/events/labcamp-2020/program')).body);
      Object.assign(fields, { person_0_name: '', person_0_bio_de: 'x'.repeat(3001), agenda_0_start: '25:99', agenda_0_duration: 'lang', agenda_1_kind: 'party', agenda_1_people: ['999999'] });
      const res = await admin.post('/admin/events/labcamp-2020/program', fields);
      assert.equal(res.statusCode, 422);
      for (const id of ['person_0_name', 'person_0_bio_de', 'agenda_0_start', 'agenda_0_duration', 'agenda_1_kind', 'agenda_1_people']) assert.match(res.body, new RegExp(`id="error-${id}"`), id);
      assert.deepEqual(await t.services.program.forEvent(event.id), before);
    });

    test('read-only team members may not edit the programme', async () => {
      const event = (await t.services.events.findBySlug('labcamp-2020'))!;
      const { organizer, token } = await t.services.access.createOrganizer({ email: 'reader@example.org', name: 'Reader', isAdmin: false });
      await t.database.db.insertInto('event_team').values({ event_id: event.id, organizer_id: organizer.id, role: 'readonly', created_at: new Date().toISOString() }).execute();
      const reader = visitor(t, await signIn(t, `${t.config.baseUrl.origin}/admin/login/${token}`));
      assert.equal((await reader.get('/admin/events/labcamp-2020/program')).statusCode, 403);
      assert.equal((await reader.post('/admin/events/labcamp-2020/program', {})).statusCode, 403);
    });
  });
}
