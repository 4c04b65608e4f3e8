// The challenges board (#7, item 3) and the step from meeting to community (item 5), over HTTP on
// both databases: members name challenges that wait for review; moderators publish them and link
// the practices that help; "we have this too" once per person, counted; visitors see public ones
// only and cannot vote; an outcome report's entry and an answered question become drafts in one
// step, without any name, and a second click opens the same draft.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import type { TestApp } from '../../helpers/app.js';
import { visitor, type Visitor } from '../../helpers/visitor.js';
import { adminTestApp, signedInMember } from '../../helpers/team.js';
import { communityMember } from '../../helpers/community.js';
import type { LabEvent } from '../../../src/modules/events/events.types.js';

for (const dialect of testDialects()) {
  describe(`challenges (${dialect})`, () => {
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

    const challenge = (slug: string) => t.services.challenges.bySlug(slug);

    test('members name a challenge; it waits for review; moderators publish it for the community', async () => {
      const visitorPage = await visitor(t).get('/challenges');
      assert.equal(visitorPage.statusCode, 200);
      assert.match(visitorPage.body, /Exotenstatus in der eigenen Verwaltung/, 'the public demo challenge');
      assert.match(visitorPage.body, /1 Herausforderung</);
      assert.equal((await visitor(t).get('/challenges/new')).statusCode, 403);

      const ada = await communityMember(t, event, 'Ada');
      await ada.get('/challenges/new');
      const bad = await ada.post('/challenges/new', { title: '', description: 'x'.repeat(5001), topics: 'a'.repeat(41), visibility: 'alle', practices: ['1'] });
      assert.equal(bad.statusCode, 422);
      for (const field of ['title', 'description', 'topics', 'visibility']) assert.match(bad.body, new RegExp(`id="error-${field}"`), field);
      assert.doesNotMatch(bad.body, /name="practices"/, 'members do not link practices');
      assert.equal((await t.services.challenges.all()).length, 1, 'only the demo challenge');

      const ok = await ada.post('/challenges/new', { title: 'Vergaberecht <bremst> Prototypen', description: 'Jeder Prototyp braucht eine **Ausschreibung**.', topics: 'Vergabe, Recht', visibility: 'community' });
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, '/challenges?done=submitted');
      const board = await ada.get('/challenges?done=submitted');
      assert.match(board.body, /Eure Einreichungen/);
      assert.match(board.body, /In Prüfung/);
      const slug = 'vergaberecht-bremst-prototypen';
      assert.equal((await challenge(slug))!.status, 'review');
      const bob = await communityMember(t, event, 'Bob');
      assert.equal((await bob.get(`/challenges/${slug}`)).statusCode, 404, 'not published yet');
      assert.equal((await ada.get(`/challenges/${slug}`)).statusCode, 200, 'its author sees it');

      const queue = await admin.get('/admin/community');
      assert.match(queue.body, /Zur Prüfung \(1\)/);
      assert.match(queue.body, /<td>Herausforderung<\/td>/);
      const c = (await challenge(slug))!;
      await admin.get(`/challenges/${slug}`);
      assert.equal((await admin.post(`/admin/community/challenges/${c.id}/status`, { status: 'published' })).statusCode, 303);
      const page = await bob.get(`/challenges/${slug}`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('Vergaberecht &lt;bremst'), 'title shown as text');
      assert.match(page.body, /<strong>Ausschreibung<\/strong>/);
      assert.equal((await visitor(t).get(`/challenges/${slug}`)).statusCode, 404, 'community only');
      assert.ok(!(await visitor(t).get('/challenges')).body.includes('Vergaberecht'));
      assert.equal((await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'community.challenge.published').execute()).length, 1);
    });

    test('"we have this too": once per person, counted, undone; visitors cannot vote', async () => {
      const slug = 'vergaberecht-bremst-prototypen';
      const cleo = await communityMember(t, event, 'Cleo');
      const dan = await communityMember(t, event, 'Dan');
      await cleo.get(`/challenges/${slug}`);
      assert.equal((await cleo.post(`/challenges/${slug}/vote`, { on: '1' })).statusCode, 303);
      assert.equal((await cleo.post(`/challenges/${slug}/vote`, { on: '1' })).statusCode, 303, 'twice counts once');
      await dan.get('/challenges');
      const json = await dan.post(`/challenges/${slug}/vote`, { on: '1' }, { accept: 'application/json' });
      assert.deepEqual(JSON.parse(json.body), { votes: 2, voted: true });
      const page = await cleo.get(`/challenges/${slug}`);
      assert.match(page.body, /2 haben das auch/);
      assert.match(page.body, /aria-pressed="true"/);
      assert.equal((await cleo.post(`/challenges/${slug}/vote`, { on: '0' })).statusCode, 303);
      assert.equal((await challenge(slug))!.votes, 1);

      const stranger = visitor(t);
      await stranger.get('/events/labcamp-2/register');
      assert.equal((await stranger.post(`/challenges/${slug}/vote`, { on: '1' })).statusCode, 404, 'visitors cannot even see it');
      // A public challenge: visitors see it and its count, but get no button and cannot post.
      const admin2 = admin;
      await admin2.get('/challenges/new');
      const made = await admin2.post('/challenges/new', { title: 'Fachkräfte für Daten fehlen', description: 'Kaum Data Scientists in Kommunen.', topics: '', visibility: 'public' });
      assert.equal(made.statusCode, 303, 'moderators publish their own at once');
      const open = await visitor(t).get('/challenges/fachkraefte-fuer-daten-fehlen');
      assert.equal(open.statusCode, 200);
      assert.doesNotMatch(open.body, /Haben wir auch/);
      assert.equal((await stranger.post('/challenges/fachkraefte-fuer-daten-fehlen/vote', { on: '1' })).statusCode, 403);
      assert.equal((await challenge('fachkraefte-fuer-daten-fehlen'))!.votes, 0);
    });

    test('moderators link practices that help; the challenge shows the ones its reader may read', async () => {
      const slug = 'vergaberecht-bremst-prototypen';
      const publicPractice = (await t.services.practices.bySlug('technologie-zum-ausprobieren'))!;
      const communityPractice = (await t.services.practices.bySlug('vernetzungstreffen-oeffentlicher-labore'))!;
      const form = await admin.get(`/challenges/${slug}/edit`);
      assert.match(form.body, /name="practices"/);
      const bad = await admin.post(`/challenges/${slug}/edit`, { title: 'Vergaberecht bremst Prototypen', description: 'Text', topics: '', visibility: 'community', practices: ['999999'] });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /id="error-practices"/);
      const saved = await admin.post(`/challenges/${slug}/edit`, {
        title: 'Vergaberecht bremst Prototypen', description: 'Jeder Prototyp braucht eine Ausschreibung.', topics: 'Vergabe', visibility: 'community',
        practices: [String(publicPractice.id), String(communityPractice.id)],
      });
      assert.equal(saved.statusCode, 303);
      const eve = await communityMember(t, event, 'Eve');
      const page = await eve.get(`/challenges/${slug}`);
      assert.ok(page.body.includes('Neue Technologien zum Ausprobieren'));
      assert.ok(page.body.includes('Vernetzungstreffen öffentlicher Innovationslabore'));
      // The practice's page names the challenge it helps with, for readers of both.
      assert.match((await eve.get('/practices/technologie-zum-ausprobieren')).body, /Hilft bei diesen Herausforderungen[^]*Vergaberecht bremst Prototypen/);
      assert.doesNotMatch((await visitor(t).get('/practices/technologie-zum-ausprobieren')).body, /Vergaberecht/, 'a community challenge stays hidden from visitors');
      // Published challenges are edited by moderators only.
      assert.equal((await eve.get(`/challenges/${slug}/edit`)).statusCode, 403);
    });

    test('an outcome entry and an answered question become drafts in one step, without names', async () => {
      const now = new Date().toISOString();
      const round = await t.database.db.insertInto('networking_rounds').values({
        event_id: event.id, number: 1, state: 'ended', group_size: 3, duration_minutes: 15, prompt: 'Was nehmt ihr mit?', message: null, message_at: null,
        started_at: now, ends_at: now, ended_at: now, created_at: now,
      } as never).returning('id').executeTakeFirstOrThrow();
      const group = await t.database.db.insertInto('networking_groups').values({ event_id: event.id, round_id: round.id, number: 1, video_key: 'k', created_at: now } as never).returning('id').executeTakeFirstOrThrow();
      await t.services.boards.add(event.id, group.id, 'practices', 'Sprechstunde für Verwaltungsdigitalisierung im Rathaus', 'r1');
      const entry = (await t.services.boards.forEvent(event.id))[0]!;

      const outcomes = await admin.get('/events/labcamp-2/outcomes');
      assert.match(outcomes.body, /Als Praxis-Entwurf/);
      const toPractice = await admin.post('/admin/community/drafts', { from: 'outcome', event: 'labcamp-2', id: String(entry.id), kind: 'practice' });
      assert.equal(toPractice.statusCode, 303);
      assert.equal(toPractice.headers.location, '/practices/sprechstunde-fuer-verwaltungsdigitalisierung-im-rathaus/edit');
      const again = await admin.post('/admin/community/drafts', { from: 'outcome', event: 'labcamp-2', id: String(entry.id), kind: 'practice' });
      assert.equal(again.headers.location, toPractice.headers.location, 'the same draft, not a second one');
      const draft = (await t.services.practices.bySlug('sprechstunde-fuer-verwaltungsdigitalisierung-im-rathaus'))!;
      assert.equal(draft.status, 'draft');
      assert.equal(draft.source, `outcome:${entry.id}`);
      assert.equal(draft.approach, entry.text);
      assert.equal((await visitor(t).get('/practices/sprechstunde-fuer-verwaltungsdigitalisierung-im-rathaus')).statusCode, 404);

      const asked = await t.services.qa.ask(event.id, { kind: 'participant', registrationId: 1, name: 'Frieda Fragend' }, { text: 'Wie überzeugt ihr eure Personalräte?', agendaItemId: null, anonymous: false });
      assert.equal(asked.kind, 'asked');
      const id = (asked as { id: number }).id;
      await t.services.qa.moderate(event.id, id, 'approve', { id: null, label: 'test' });
      await t.services.qa.moderate(event.id, id, 'answer', { id: null, label: 'test' });
      const qaPage = await admin.get('/admin/events/labcamp-2/questions');
      assert.match(qaPage.body, /Beantwortete Fragen/);
      assert.match(qaPage.body, /Wie überzeugt ihr eure Personalräte\?/);
      const toChallenge = await admin.post('/admin/community/drafts', { from: 'question', event: 'labcamp-2', id: String(id), kind: 'challenge' });
      assert.equal(toChallenge.statusCode, 303);
      const made = (await t.services.challenges.all()).find((c) => c.source === `question:${id}`)!;
      assert.equal(made.status, 'draft');
      assert.equal(made.description, 'Wie überzeugt ihr eure Personalräte?');
      assert.ok(!JSON.stringify(made).includes('Frieda'), 'no name travels with it');

      // Only the event's organizers: a read-only team member and other events' organizers may not.
      const readonly = await signedInMember(t, event.id, 'readonly', 'ro.challenges@example.org');
      await readonly.visitor.get('/admin');
      assert.equal((await readonly.visitor.post('/admin/community/drafts', { from: 'question', event: 'labcamp-2', id: String(id), kind: 'challenge' })).statusCode, 403);
      const other = (await t.services.events.findBySlug('labcamp-2020'))!;
      const stranger = await signedInMember(t, other.id, 'organizer', 'fremd.challenges@example.org');
      await stranger.visitor.get('/admin');
      assert.equal((await stranger.visitor.post('/admin/community/drafts', { from: 'question', event: 'labcamp-2', id: String(id), kind: 'challenge' })).statusCode, 404);
      assert.equal((await admin.post('/admin/community/drafts', { from: 'outcome', event: 'labcamp-2', id: '999999', kind: 'practice' })).statusCode, 404);
      assert.equal((await admin.post('/admin/community/drafts', { from: 'elsewhere', event: 'labcamp-2', id: '1', kind: 'practice' })).statusCode, 400);
    });
  });
}
