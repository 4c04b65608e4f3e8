// Moderated Q&A in the live room (#5, item 3): only people inside the room ask and vote; one vote
// per person; named or anonymous as the event allows; pre-moderation and the word filter hold
// questions for moderators; moderator actions undo each other; a rate limit per person. Both databases.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import { TEST_NOW, type TestApp } from '../../helpers/app.js';
import { visitor, type Visitor } from '../../helpers/visitor.js';
import { adminTestApp, signedInMember } from '../../helpers/team.js';
import type { LabEvent } from '../../../src/modules/events/events.types.js';

const QA = '/events/labcamp-2/live/questions';

for (const dialect of testDialects()) {
  describe(`questions in the live room (${dialect})`, () => {
    let t: TestApp;
    let admin: Visitor;
    let event: LabEvent;
    let anna: Visitor;
    let bert: Visitor;

    before(async () => {
      const setup = await adminTestApp(dialect, 'labcamp-2');
      t = setup.t;
      admin = setup.admin;
      event = (await t.services.events.findBySlug('labcamp-2'))!;
      anna = await inside('Anna');
      bert = await inside('Bert');
    });
    after(async () => t.close());

    /** An admitted participant who followed their access link into the room. */
    async function inside(name: string): Promise<Visitor> {
      const email = `${name.toLowerCase()}.qa@example.org`;
      const outcome = await t.services.registration.register(event, { name, email, organisation: 'Lab', level: 'kommune', land: null, role: null, listed: false, answers: { 2: 'no' } }, 'de', 'manual', { id: null, label: 'test' });
      assert.equal(outcome.kind, 'registered');
      const mail = await t.database.db.selectFrom('outbox').select('text_body').where('to_address', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
      const token = /\/r\/([A-Za-z0-9_-]{43})/.exec(mail.text_body)![1];
      const person = visitor(t);
      assert.equal((await person.get(`/r/${token}/live`)).statusCode, 303);
      return person;
    }

    const ask = async (who: Visitor, text: string, extra: Record<string, string> = {}) => {
      await who.get(QA);
      return who.post(QA, { about: 'general', text, ...extra });
    };
    const questionId = async (text: string) => (await t.database.db.selectFrom('questions').select('id').where('text', '=', text).executeTakeFirstOrThrow()).id;

    test('only people inside the room see and ask questions', async () => {
      const stranger = visitor(t);
      assert.equal((await stranger.get(QA)).statusCode, 403);
      assert.equal((await stranger.post(QA, { about: 'general', text: 'Sneaky question?' })).statusCode, 403);
      const page = await anna.get(QA);
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers['cache-control'], 'no-store');
      assert.match(page.body, /Noch keine Fragen/);
      assert.equal((await t.database.db.selectFrom('questions').select('id').execute()).length, 0);
    });

    test('a question is shown to others with its name, HTML as text, and voted on once per person', async () => {
      const res = await ask(anna, 'Wie <b>skaliert</b> ihr Reallabore?');
      assert.equal(res.statusCode, 303);
      const id = await questionId('Wie <b>skaliert</b> ihr Reallabore?');
      const seen = await bert.get(QA);
      assert.match(seen.body, /<strong>Anna<\/strong>/);
      assert.match(seen.body, /Wie &lt;b>skaliert&lt;\/b> ihr Reallabore\?|Wie &lt;b&gt;skaliert&lt;\/b&gt; ihr Reallabore\?/);
      for (const up of ['1', '1']) assert.equal((await bert.post(`${QA}/${id}/vote`, { up })).statusCode, 303);
      const votes = async () => (await t.database.db.selectFrom('questions').select('votes').where('id', '=', id).executeTakeFirstOrThrow()).votes;
      assert.equal(await votes(), 1, 'twice clicked, counted once');
      await anna.get(QA);
      await anna.post(`${QA}/${id}/vote`, { up: '1' });
      assert.equal(await votes(), 2);
      await bert.get(QA);
      await bert.post(`${QA}/${id}/vote`, { up: '0' });
      assert.equal(await votes(), 1, 'a vote can be taken back');
      assert.match((await anna.get(QA)).body, /aria-pressed="true"/, 'Anna sees her own vote');
    });

    test('bad questions get a message next to the field and nothing is stored', async () => {
      const before = (await t.database.db.selectFrom('questions').select('id').execute()).length;
      const cases: Array<[Record<string, string>, string, RegExp]> = [
        [{ about: 'general', text: 'ab' }, 'text', /3 bis 500 Zeichen/],
        [{ about: 'general', text: 'x'.repeat(501) }, 'text', /3 bis 500 Zeichen/],
        [{ about: '999999', text: 'Eine Frage?' }, 'about', /angebotenen Programmpunkte/],
      ];
      for (const [form, field, message] of cases) {
        await bert.get(QA);
        const res = await bert.post(QA, form);
        assert.equal(res.statusCode, 422, JSON.stringify(form).slice(0, 80));
        assert.match(res.body, new RegExp(`id="error-${field}">[^<]*`));
        assert.match(res.body, message);
      }
      assert.equal((await t.database.db.selectFrom('questions').select('id').execute()).length, before);
    });

    test('anonymous questions carry no name, unless the event wants names', async () => {
      assert.equal((await ask(bert, 'Anonyme Frage zum Datenschutz?', { anonymous: 'yes' })).statusCode, 303);
      const row = await t.database.db.selectFrom('questions').select(['author_name', 'registration_id']).where('text', '=', 'Anonyme Frage zum Datenschutz?').executeTakeFirstOrThrow();
      assert.equal(row.author_name, null);
      assert.ok(row.registration_id, 'moderators can still tell who asked');
      assert.match((await anna.get(QA)).body, /<strong>Anonym<\/strong>/);

      await t.services.qa.saveSettings(event.id, { allowAnonymous: false, premoderation: false, wordFilter: [] }, { id: null, label: 'test' });
      const refused = await ask(bert, 'Noch eine anonyme Frage?', { anonymous: 'yes' });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /id="error-anonymous">[^<]*mit Namen/);
      await t.services.qa.saveSettings(event.id, { allowAnonymous: true, premoderation: false, wordFilter: [] }, { id: null, label: 'test' });
    });

    test('at most three questions a minute per person', async (ctx) => {
      ctx.after(() => t.clock.set(TEST_NOW));
      t.clock.set(new Date(new Date(TEST_NOW).getTime() + 10 * 60_000));
      const carla = await inside('Carla');
      for (const n of [1, 2, 3]) assert.equal((await ask(carla, `Frage Nummer ${n}?`)).statusCode, 303);
      const fourth = await ask(carla, 'Frage Nummer 4?');
      assert.equal(fourth.statusCode, 422);
      assert.match(fourth.body, /wartet noch \d+ Sekunden/);
      assert.equal(await ask(anna, 'Annas Frage geht trotzdem?').then((r) => r.statusCode), 303, 'the limit is per person');
      t.clock.set(new Date(new Date(TEST_NOW).getTime() + 11 * 60_000 + 1000));
      assert.equal((await ask(carla, 'Frage Nummer 4?')).statusCode, 303);
    });

    test('the word filter and pre-moderation hold questions; moderators approve, highlight, answer, hide, correct and reply', async () => {
      await t.services.qa.saveSettings(event.id, { allowAnonymous: true, premoderation: false, wordFilter: ['Quatsch'] }, { id: null, label: 'test' });
      assert.equal((await ask(anna, 'Ist das nicht Quatsch?')).statusCode, 303);
      const held = await questionId('Ist das nicht Quatsch?');
      assert.doesNotMatch((await bert.get(QA)).body, /nicht Quatsch/, 'others do not see it');
      assert.match((await anna.get(QA)).body, /nicht Quatsch[\s\S]*|Wartet auf Freigabe/);
      assert.match((await anna.get(QA)).body, /Wartet auf Freigabe/, 'the asker sees it waiting');
      assert.equal((await bert.post(`${QA}/${held}/vote`, { up: '1' })).statusCode, 404, 'no votes on waiting questions');

      // Participants and read-only members cannot moderate.
      assert.equal((await bert.post(`${QA}/${held}/moderate`, { action: 'approve' })).statusCode, 403);
      const readonly = (await signedInMember(t, event.id, 'readonly', 'ro.qa@example.org')).visitor;
      await readonly.get(QA);
      assert.equal((await readonly.post(`${QA}/${held}/moderate`, { action: 'approve' })).statusCode, 403);

      const moderator = (await signedInMember(t, event.id, 'moderator', 'mod.qa@example.org')).visitor;
      const view = await moderator.get(QA);
      assert.match(view.body, /Wortfilter: wartet auf Freigabe/);
      assert.equal((await moderator.post(`${QA}/${held}/moderate`, { action: 'approve' })).statusCode, 303);
      assert.match((await bert.get(QA)).body, /nicht Quatsch/, 'approved: everyone sees it');

      const other = await questionId('Wie <b>skaliert</b> ihr Reallabore?');
      await moderator.get(QA);
      await moderator.post(`${QA}/${held}/moderate`, { action: 'highlight' });
      await moderator.get(QA);
      await moderator.post(`${QA}/${other}/moderate`, { action: 'highlight' });
      const highlighted = await t.database.db.selectFrom('questions').select('id').where('highlighted_at', 'is not', null).execute();
      assert.deepEqual(highlighted.map((h) => h.id), [other], 'one highlighted question at a time');
      assert.equal((await t.services.qa.highlighted(event.id))?.id, other);
      const presenter = await bert.get('/events/labcamp-2/live/presenter');
      assert.equal(presenter.statusCode, 200);
      assert.match(presenter.body, /class="presenter__text">Wie &lt;b>skaliert/);
      const part = await bert.get('/events/labcamp-2/live/presenter?fragment=presenter');
      assert.match(part.body, /^<p class="presenter__text">Wie &lt;b>skaliert/, 'the part the live updates fetch');
      const stranger = await t.app.inject({ url: '/events/labcamp-2/live/presenter?fragment=presenter' });
      assert.equal(stranger.statusCode, 403, 'the presenter view is behind the room\'s door too');

      await moderator.get(QA);
      await moderator.post(`${QA}/${other}/moderate`, { action: 'answer' });
      const list = await t.services.qa.list(event.id, { asker: null, sort: 'popular' });
      assert.equal(list.at(-1)?.id, other, 'answered questions sink to the bottom');
      assert.equal(list.find((q) => q.id === other)?.highlighted, false, 'and are no longer highlighted');
      await moderator.get(QA);
      await moderator.post(`${QA}/${other}/moderate`, { action: 'unanswer' });
      assert.equal((await t.services.qa.list(event.id, { asker: null, sort: 'popular' })).find((q) => q.id === other)?.answered, false, 'undone');

      await moderator.get(QA);
      await moderator.post(`${QA}/${held}/moderate`, { action: 'hide' });
      assert.doesNotMatch((await bert.get(QA)).body, /nicht Quatsch/);
      assert.match((await moderator.get(QA)).body, /Ausgeblendet/);

      await moderator.get(QA);
      const bad = await moderator.post(`${QA}/${other}/edit`, { [`text-${other}`]: '', [`reply-${other}`]: '' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, new RegExp(`id="error-text-${other}">[^<]*3 bis 500`));
      await moderator.get(QA);
      assert.equal((await moderator.post(`${QA}/${other}/edit`, { [`text-${other}`]: 'Wie skaliert ihr Reallabore?', [`reply-${other}`]: 'Siehe Folie 12.' })).statusCode, 303);
      const fixed = (await bert.get(QA)).body;
      assert.match(fixed, /Wie skaliert ihr Reallabore\?/);
      assert.match(fixed, /vom Orga-Team korrigiert/);
      assert.match(fixed, /Siehe Folie 12\./);

      await t.services.qa.saveSettings(event.id, { allowAnonymous: true, premoderation: true, wordFilter: [] }, { id: null, label: 'test' });
      const res = await ask(bert, 'Vorab geprüfte Frage?');
      assert.match(res.headers.location as string, /done=held/);
      const audit = await t.database.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'question').orderBy('id').execute();
      assert.deepEqual([...new Set(audit.map((a) => a.action))].sort(), ['qa.question.answer', 'qa.question.approve', 'qa.question.edited', 'qa.question.hide', 'qa.question.highlight', 'qa.question.unanswer'].sort());
    });

    test('popular sorts by votes, new by time; the filter shows one programme item', async () => {
      const popular = await t.services.qa.list(event.id, { asker: null, sort: 'popular' });
      const open = popular.filter((q) => !q.answered && !q.highlighted);
      assert.deepEqual(open.map((q) => q.votes), [...open.map((q) => q.votes)].sort((a, b) => b - a));
      const fresh = await t.services.qa.list(event.id, { asker: null, sort: 'new' });
      const times = fresh.filter((q) => !q.answered && !q.highlighted).map((q) => q.createdAt.getTime());
      assert.deepEqual(times, [...times].sort((a, b) => b - a));
      const page = await bert.get(`${QA}?sort=new&item=general`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /aria-current="true"[^>]*>Neu|href="[^"]*sort=new[^"]*" aria-current="true"/);
    });
    test('organizers set the rules in the back office and export every question', async () => {
      await admin.get('/admin/events/labcamp-2/questions');
      const tooLong = await admin.post('/admin/events/labcamp-2/questions', { allow_anonymous: 'yes', word_filter: 'x'.repeat(61) });
      assert.equal(tooLong.statusCode, 422);
      assert.match(tooLong.body, /id="error-word_filter">[^<]*60 Zeichen/);
      const saved = await admin.post('/admin/events/labcamp-2/questions', { word_filter: 'Quatsch\r\nUnsinn\r\n\r\nQuatsch' });
      assert.equal(saved.statusCode, 303);
      assert.deepEqual(await t.services.qa.settings(event.id), { allowAnonymous: false, premoderation: false, wordFilter: ['Quatsch', 'Unsinn'] });

      assert.equal((await ask(bert, '=HYPERLINK("http://evil.example")')).statusCode, 303);
      const csv = await admin.get('/admin/events/labcamp-2/questions.csv');
      assert.equal(csv.statusCode, 200);
      assert.match(csv.headers['content-type'] as string, /text\/csv/);
      assert.match(csv.body, /^\uFEFFProgrammpunkt,Frage,Von,Stimmen/);
      assert.match(csv.body, /"'=HYPERLINK\(""http:\/\/evil\.example""\)"/, 'formulas defused');
      assert.match(csv.body, /Anonym/);
      const markdown = await admin.get('/admin/events/labcamp-2/questions.md');
      assert.match(markdown.body, /^# Fragen: LabCamp #2/);
      assert.match(markdown.body, /Wie skaliert ihr Reallabore\? — Anna/);
      assert.match(markdown.body, /\\<b\\>|Siehe Folie 12\./);
      assert.doesNotMatch(markdown.body, /nicht Quatsch/, 'hidden questions stay out of the minutes');

      const readonly = (await signedInMember(t, event.id, 'readonly', 'ro2.qa@example.org')).visitor;
      const page = await readonly.get('/admin/events/labcamp-2/questions');
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /name="word_filter"/);
      assert.equal((await readonly.post('/admin/events/labcamp-2/questions', { allow_anonymous: 'yes' })).statusCode, 403);
      assert.equal((await readonly.get('/admin/events/labcamp-2/questions.csv')).statusCode, 403);
    });
  });
}
