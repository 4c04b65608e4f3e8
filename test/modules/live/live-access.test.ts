// The confidential live room (#4, item 6): who gets in, when it opens, and what everyone else
// sees — never the video link. Every case on both databases.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import { TEST_NOW, signIn, type TestApp } from '../../helpers/app.js';
import { visitor, type Visitor } from '../../helpers/visitor.js';
import { adminTestApp, signedInMember } from '../../helpers/team.js';
import { redactUrl } from '../../../src/platform/http/log-redaction.js';
import type { LabEvent } from '../../../src/modules/events/events.types.js';

const SECRET = 'https://video.example.org/labcamp-2-e7Kq9Zt';
const ROOM = '/events/labcamp-2/live';
const form = (name: string, email: string) => ({ name, email, organisation: 'Stadtlabor Soest', level: 'kommune', land: 'NW', role: '', privacy: 'yes', q2: 'no' });

for (const dialect of testDialects()) {
  describe(`live room access (${dialect})`, () => {
    let t: TestApp;
    let admin: Visitor;
    let event: LabEvent;

    before(async () => {
      const setup = await adminTestApp(dialect, 'labcamp-2');
      t = setup.t;
      admin = setup.admin;
      event = (await t.services.events.findBySlug('labcamp-2'))!;
      await admin.get('/admin/events/labcamp-2/live');
      const saved = await admin.post('/admin/events/labcamp-2/live', { video_url: SECRET, opens_minutes_before: '15' });
      assert.equal(saved.statusCode, 303);
    });
    after(async () => t.close());

    /** The personal link in the newest mail to `email`. */
    async function latestLink(email: string): Promise<string> {
      const mail = await t.database.db.selectFrom('outbox').select('text_body').where('to_address', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
      const match = /\/r\/([A-Za-z0-9_-]{43})/.exec(mail.text_body);
      assert.ok(match, 'mail carries a personal link');
      return `/r/${match[1]}`;
    }

    /** Registers through the form and confirms the address: admitted, with a personal link. */
    async function admitted(name: string, email: string): Promise<{ person: Visitor; link: string }> {
      // Registration is open now (TEST_NOW), not on the day of the meeting.
      const then = t.clock.now();
      t.clock.set(TEST_NOW);
      const person = visitor(t);
      await person.get('/events/labcamp-2/register');
      assert.equal((await person.post('/events/labcamp-2/register', form(name, email))).statusCode, 200);
      const confirmLink = await latestLink(email);
      await person.get(confirmLink);
      assert.equal((await person.post(`${confirmLink}/confirm`, {})).statusCode, 303);
      const row = await t.database.db.selectFrom('registrations').select('status').where('email', '=', email).executeTakeFirstOrThrow();
      assert.equal(row.status, 'admitted');
      t.clock.set(then);
      return { person, link: await latestLink(email) };
    }

    const at = (ms: number) => t.clock.set(new Date(event.startsAt.getTime() + ms));

    /** A platform admin signed in at the clock's current time (sessions of TEST_NOW have run out by the meeting). */
    let admins = 0;
    async function adminNow(): Promise<Visitor> {
      const { token } = await t.services.access.createOrganizer({ email: `admin${++admins}@example.org`, name: `Admin ${admins}`, isAdmin: true });
      return visitor(t, await signIn(t, `${t.config.baseUrl.origin}/admin/login/${token}`));
    }

    test('without access: a clear page that says how to get in, and no video link in the page, the event page or the API', async (ctx) => {
      ctx.after(() => t.clock.set(TEST_NOW));
      at(-5 * 60_000);
      const res = await visitor(t).get(ROOM);
      assert.equal(res.statusCode, 403);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.match(res.body, /Zugang nur für angemeldete Teilnehmende/);
      assert.match(res.body, /href="\/events\/labcamp-2\/link"/, 'how to get the personal link again');
      assert.doesNotMatch(res.body, /video\.example\.org|e7Kq9Zt/);
      const english = await visitor(t).get(`${ROOM}?lang=en`);
      assert.match(english.body, /Access for registered participants only/);

      const page = await visitor(t).get('/events/labcamp-2');
      assert.doesNotMatch(page.body, /video\.example\.org|e7Kq9Zt/);
      const { token } = await t.services.access.apiTokens.create({ id: 1, label: 'admin' }, { name: 'test', expiresAt: null });
      for (const url of ['/api/v1/events', '/api/v1/events/labcamp-2', '/api/v1/events/labcamp-2/registrations']) {
        const api = await t.app.inject({ url, headers: { authorization: `Bearer ${token}` } });
        assert.equal(api.statusCode, 200, url);
        assert.doesNotMatch(api.body, /video\.example\.org|e7Kq9Zt/, url);
      }
      // A cookie from another event's room does not open this one; a made-up cookie neither.
      const forged = await t.app.inject({ url: ROOM, headers: { cookie: 'lc_live=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
      assert.equal(forged.statusCode, 403);
    });

    test('an admitted participant enters through the personal link; the room says when it opens, then shows the video link', async (ctx) => {
      ctx.after(() => t.clock.set(TEST_NOW));
      const { person, link } = await admitted('Lea Live', 'lea.live@example.org');
      const personal = await person.get(link);
      assert.match(personal.body, new RegExp(`href="${link}/live"`), 'the personal page leads to the room');

      const entry = await person.get(`${link}/live`);
      assert.equal(entry.statusCode, 303);
      assert.equal(entry.headers.location, ROOM);
      const cookie = entry.cookies.find((c) => c.name === 'lc_live');
      assert.ok(cookie, 'a live session is set');
      assert.equal(cookie.path, ROOM, 'only the room receives it');
      assert.equal(cookie.httpOnly, true);
      assert.notEqual(cookie.value, link.slice(3), 'the session is not the personal token');

      const early = await person.get(ROOM);
      assert.equal(early.statusCode, 200);
      assert.match(early.body, /Der Raum ist noch nicht geöffnet/);
      assert.match(early.body, /öffnet am [^<]* um 14:45 Uhr/);
      assert.doesNotMatch(early.body, /e7Kq9Zt/);

      at(-15 * 60_000);
      const open = await person.get(ROOM);
      assert.match(open.body, /Der Raum ist offen/);
      assert.match(open.body, /href="https:\/\/video\.example\.org\/labcamp-2-e7Kq9Zt" target="_blank" rel="noopener noreferrer"/);

      at(2.5 * 3600_000 + 59 * 60_000);
      assert.match((await person.get(ROOM)).body, /Der Raum ist offen/, 'still open just under an hour after the end');
      at(2.5 * 3600_000 + 60 * 60_000);
      const over = await person.get(ROOM);
      assert.match(over.body, /Die Veranstaltung ist vorbei/);
      assert.doesNotMatch(over.body, /e7Kq9Zt/);
      const late = await visitor(t).get(`${link}/live`);
      assert.equal(late.statusCode, 303, 'the link after the end leads to the room, which says it is over');
      assert.equal(late.cookies.length, 0, 'no session after the end');
    });

    test('organizers open the room early and close it; the audit log records both', async (ctx) => {
      ctx.after(() => t.clock.set(TEST_NOW));
      const { person, link } = await admitted('Omar Open', 'omar.open@example.org');
      await person.get(`${link}/live`);
      at(-2 * 3600_000);
      assert.match((await person.get(ROOM)).body, /noch nicht geöffnet/);

      const admin = await adminNow();
      const control = await admin.get('/admin/events/labcamp-2/live');
      assert.match(control.body, />Raum öffnen</);
      assert.equal((await admin.post('/admin/events/labcamp-2/live/open', {})).statusCode, 303);
      const opened = await person.get(ROOM);
      assert.match(opened.body, /Der Raum ist offen/);
      assert.match(opened.body, /e7Kq9Zt/);
      assert.match((await admin.get('/admin/events/labcamp-2/live')).body, /vorzeitig geöffnet/);

      assert.equal((await admin.post('/admin/events/labcamp-2/live/close', {})).statusCode, 303);
      const closed = await person.get(ROOM);
      assert.match(closed.body, /Der Raum ist geschlossen/);
      assert.doesNotMatch(closed.body, /e7Kq9Zt/);
      at(-5 * 60_000);
      assert.match((await person.get(ROOM)).body, /Der Raum ist geschlossen/, 'closed stays closed past the opening time');
      const team = await admin.get(ROOM);
      assert.equal(team.statusCode, 200);
      assert.match(team.body, /zum Team dieser Veranstaltung/);
      assert.match(team.body, /e7Kq9Zt/, 'the team always sees the link');

      await admin.get('/admin/events/labcamp-2/live');
      await admin.post('/admin/events/labcamp-2/live/open', {});
      assert.match((await person.get(ROOM)).body, /Der Raum ist offen/, 'opened again');

      const actions = (await t.database.db.selectFrom('audit_log').select(['action', 'after_json']).where('event_id', '=', event.id).where('action', 'like', 'live.%').orderBy('id').execute());
      assert.deepEqual(actions.map((a) => a.action), ['live.room.settings', 'live.room.opened', 'live.room.closed', 'live.room.opened']);
      assert.equal(actions[0]!.after_json, JSON.stringify({ provider: 'link', videoHost: 'video.example.org', jitsiDomain: null, jitsiEmbed: false, opensMinutesBefore: 15 }), 'the log names the host, not the secret link');
    });

    test('a revoked link says so, and the session it opened shuts at once; the new link works', async (ctx) => {
      ctx.after(() => t.clock.set(TEST_NOW));
      at(-5 * 60_000);
      const { person, link } = await admitted('Rita Revoked', 'rita.revoked@example.org');
      await person.get(`${link}/live`);
      assert.match((await person.get(ROOM)).body, /e7Kq9Zt/);

      const reg = await t.database.db.selectFrom('registrations').select('id').where('email', '=', 'rita.revoked@example.org').executeTakeFirstOrThrow();
      const admin = await adminNow();
      await admin.get('/admin/events/labcamp-2/registrations');
      const resent = await admin.post(`/admin/events/labcamp-2/registrations/${reg.id}/resend`, {});
      assert.equal(resent.statusCode, 303);

      const shut = await person.get(ROOM);
      assert.equal(shut.statusCode, 403);
      assert.match(shut.body, /Dieser Link gilt nicht mehr/);
      assert.doesNotMatch(shut.body, /e7Kq9Zt/);
      const old = await visitor(t).get(`${link}/live`);
      assert.equal(old.statusCode, 410);
      assert.match(old.body, /durch einen neueren ersetzt/);
      assert.equal(old.cookies.length, 0);

      const fresh = await latestLink('rita.revoked@example.org');
      assert.notEqual(fresh, link);
      const again = visitor(t);
      assert.equal((await again.get(`${fresh}/live`)).statusCode, 303);
      assert.match((await again.get(ROOM)).body, /e7Kq9Zt/);
    });

    test('no seat, no room: cancelled, unconfirmed and waiting people are told why; unknown links are refused', async (ctx) => {
      ctx.after(() => t.clock.set(TEST_NOW));
      at(-5 * 60_000);
      const { person, link } = await admitted('Carl Cancel', 'carl.cancel@example.org');
      await person.get(`${link}/live`);
      assert.equal((await person.get(ROOM)).statusCode, 200);
      await person.get(link);
      assert.equal((await person.post(`${link}/cancel`, { confirm: 'yes' })).statusCode, 303);
      const gone = await person.get(ROOM);
      assert.equal(gone.statusCode, 403);
      assert.match(gone.body, /Euer Zugang gilt nicht mehr/);
      assert.doesNotMatch(gone.body, /e7Kq9Zt/);
      const entry = await visitor(t).get(`${link}/live`);
      assert.equal(entry.statusCode, 403);
      assert.match(entry.body, /Eure Anmeldung ist storniert/);

      t.clock.set(TEST_NOW);
      const newcomer = visitor(t);
      await newcomer.get('/events/labcamp-2/register');
      await newcomer.post('/events/labcamp-2/register', form('Uwe Unbestätigt', 'uwe@example.org'));
      const unconfirmed = await visitor(t).get(`${await latestLink('uwe@example.org')}/live`);
      assert.equal(unconfirmed.statusCode, 403);
      assert.match(unconfirmed.body, /noch nicht bestätigt/);
      assert.equal(unconfirmed.cookies.length, 0);

      for (const token of ['A'.repeat(43), 'short', `${'x'.repeat(42)}!`]) {
        const res = await visitor(t).get(`/r/${encodeURIComponent(token)}/live`);
        assert.equal(res.statusCode, 404, token);
        assert.match(res.body, /Dieser Link ist ungültig/);
      }
      assert.equal(redactUrl(`${link}/live`), '/r/[token]/live', 'request logs never carry the personal token');
    });

    test('the team: read-only members look, moderators open and close, only editors change the settings, strangers get 404', async () => {
      const readonly = (await signedInMember(t, event.id, 'readonly', 'ro.live@example.org')).visitor;
      const moderator = (await signedInMember(t, event.id, 'moderator', 'mod.live@example.org')).visitor;
      const stranger = (await signedInMember(t, event.id, null, 'stranger.live@example.org')).visitor;

      const page = await readonly.get('/admin/events/labcamp-2/live');
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /Raum öffnen|name="video_url"/);
      assert.equal((await readonly.post('/admin/events/labcamp-2/live/open', {})).statusCode, 403);
      assert.equal((await readonly.get(ROOM)).statusCode, 200, 'the team may look into the room');

      const modPage = await moderator.get('/admin/events/labcamp-2/live');
      assert.match(modPage.body, /Raum schließen|Raum öffnen/);
      assert.doesNotMatch(modPage.body, /name="video_url"/);
      assert.equal((await moderator.post('/admin/events/labcamp-2/live', { video_url: 'https://evil.example.com/', opens_minutes_before: '15' })).statusCode, 403);
      assert.equal((await moderator.post('/admin/events/labcamp-2/live/close', {})).statusCode, 303);
      assert.equal((await moderator.post('/admin/events/labcamp-2/live/open', {})).statusCode, 303);

      assert.equal((await stranger.get('/admin/events/labcamp-2/live')).statusCode, 404);
      await stranger.get('/admin');
      assert.equal((await stranger.post('/admin/events/labcamp-2/live/open', {})).statusCode, 404);
      assert.equal((await stranger.get(ROOM)).statusCode, 403, 'an organizer of other events is no one here');
    });

    test('bad settings get a message next to the field and change nothing', async () => {
      await admin.get('/admin/events/labcamp-2/live');
      for (const [videoUrl, minutes, field] of [
        ['http://video.example.org/room', '15', 'video_url'], ['javascript:alert(1)', '15', 'video_url'], ['video.example.org', '15', 'video_url'],
        [SECRET, '241', 'opens_minutes_before'], [SECRET, '-5', 'opens_minutes_before'], [SECRET, 'soon', 'opens_minutes_before'],
      ] as const) {
        const res = await admin.post('/admin/events/labcamp-2/live', { video_url: videoUrl, opens_minutes_before: minutes });
        assert.equal(res.statusCode, 422, `${videoUrl} ${minutes}`);
        assert.match(res.body, new RegExp(`id="error-${field}"`));
      }
      const room = await t.services.live.room(event.id);
      assert.equal(room.videoUrl, SECRET);
      assert.equal(room.opensMinutesBefore, 15);
    });

    test('drafts have no room for the public, only for their team', async () => {
      await t.services.events.createEvent({ ...event, slug: 'live-draft', status: 'draft' }, { id: null, label: 'test' });
      assert.equal((await visitor(t).get('/events/live-draft/live')).statusCode, 404);
      assert.equal((await admin.get('/events/live-draft/live')).statusCode, 200);
    });
  });
}
