// Joining the live room's meeting (#5, item 1): the organizers choose Jitsi Meet, BigBlueButton or a
// link; /events/:slug/live/join refuses whoever the room refuses and sends the others on with a
// personal URL (Jitsi token, BigBlueButton join) — moderators as moderators. No page carries a
// secret, and only the embedding page lets the Jitsi server in. Every case on both databases;
// BigBlueButton is a fake server on 127.0.0.1.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { testDialects } from '../../helpers/databases.js';
import { TEST_NOW, createTestApp, signIn, type TestApp } from '../../helpers/app.js';
import { visitor, type Visitor } from '../../helpers/visitor.js';
import { signedInMember } from '../../helpers/team.js';
import { signedWith, startFakeBbb } from '../../helpers/fake-bbb.js';
import { CONTENT_SECURITY_POLICY } from '../../../src/platform/http/security-headers.js';
import type { LabEvent } from '../../../src/modules/events/events.types.js';

const JITSI_SECRET = 'jitsi-app-secret-0123456789';
const BBB_SECRET = 'bbb-shared-secret-639259d4';
const ROOM = '/events/labcamp-2/live';
const JOIN = `${ROOM}/join`;
const CONTROL = '/admin/events/labcamp-2/live';

const claimsOf = (jwt: string) => {
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  assert.equal(signature, createHmac('sha256', JITSI_SECRET).update(`${header}.${payload}`).digest('base64url'), 'signed with the app secret');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
};


for (const dialect of testDialects()) {
  describe(`joining the video meeting (${dialect})`, () => {
    let t: TestApp;
    let event: LabEvent;
    let bbb: Awaited<ReturnType<typeof startFakeBbb>>;

    before(async () => {
      bbb = await startFakeBbb(BBB_SECRET);
      t = await createTestApp(dialect, {
        JITSI_DOMAIN: 'meet.example.org', JITSI_APP_ID: 'labcamp', JITSI_APP_SECRET: JITSI_SECRET, BBB_URL: bbb.url, BBB_SECRET,
      });
      event = (await t.services.events.findBySlug('labcamp-2'))!;
      // The meeting is about to start: the room is open.
      t.clock.set(new Date(event.startsAt.getTime() - 5 * 60_000));
    });
    after(async () => {
      await t.close();
      await bbb.close();
    });

    let admins = 0;
    async function admin(): Promise<Visitor> {
      const { token } = await t.services.access.createOrganizer({ email: `video-admin${++admins}@example.org`, name: 'Olga Orga', isAdmin: true });
      const v = visitor(t, await signIn(t, `${t.config.baseUrl.origin}/admin/login/${token}`));
      await v.get(CONTROL);
      return v;
    }

    /** An admitted participant inside the room (registered and confirmed through the service). */
    let people = 0;
    async function participant(name: string): Promise<Visitor> {
      const email = `video${++people}@example.org`;
      // Registration is open now (TEST_NOW), not on the day of the meeting.
      const meetingTime = t.clock.now();
      t.clock.set(TEST_NOW);
      await t.services.registration.register(event, { name, email, organisation: 'CityLAB Berlin', level: 'land', land: 'BE', role: null, listed: false, answers: { 2: 'no' } }, 'de');
      const token = async () => {
        const mail = await t.database.db.selectFrom('outbox').select('text_body').where('to_address', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
        return /\/r\/([A-Za-z0-9_-]{43})/.exec(mail.text_body)![1]!;
      };
      assert.equal(await t.services.registration.confirm(await token()), 'admitted');
      t.clock.set(meetingTime);
      const person = visitor(t);
      assert.equal((await person.get(`/r/${await token()}/live`)).statusCode, 303);
      return person;
    }

    const settings = (form: Record<string, string>) => ({ video_provider: 'link', video_url: '', jitsi_domain: '', jitsi_embed: 'tab', opens_minutes_before: '15', ...form });

    test('settings: Jitsi and BigBlueButton are offered; bad choices get a message next to their field and change nothing', async () => {
      const orga = await admin();
      const page = await orga.get(CONTROL);
      assert.match(page.body, /name="video_provider" value="jitsi"/);
      assert.match(page.body, /name="video_provider" value="bbb"/);
      assert.doesNotMatch(page.body, new RegExp(`${JITSI_SECRET}|${BBB_SECRET}`));
      for (const [form, field] of [
        [{ video_provider: 'zoom' }, 'video_provider'],
        [{ video_provider: 'jitsi', jitsi_domain: 'not a host' }, 'jitsi_domain'],
        [{ video_provider: 'jitsi', jitsi_domain: 'https://meet.example.org/room' }, 'jitsi_domain'],
        [{ video_provider: 'jitsi', jitsi_domain: 'meet.jit.si', jitsi_embed: 'embed' }, 'jitsi_embed'],
        [{ video_provider: 'jitsi', jitsi_embed: 'popup' }, 'jitsi_embed'],
        [{ video_provider: 'bbb', video_url: 'http://insecure.example.org/' }, 'video_url'],
      ] as const) {
        const res = await orga.post(CONTROL, settings(form));
        assert.equal(res.statusCode, 422, JSON.stringify(form));
        assert.match(res.body, new RegExp(`id="error-${field}"`), JSON.stringify(form));
      }
      assert.match((await orga.post(CONTROL, settings({ video_provider: 'jitsi', jitsi_domain: 'meet.jit.si', jitsi_embed: 'embed' }))).body, /Einbetten geht nur mit dem Jitsi-Server des Betriebs \(meet\.example\.org\)/);
      const room = await t.services.live.room(event.id);
      assert.equal(room.provider, 'link');
      assert.equal(room.jitsiRoom, null, 'nothing half-written');
    });

    test('Jitsi in a new tab: participants join through our route with their own token, the team as moderators; the page holds no token', async () => {
      const orga = await admin();
      assert.equal((await orga.post(CONTROL, settings({ video_provider: 'jitsi', jitsi_domain: 'https://meet.example.org/' }))).statusCode, 303);
      const room = await t.services.live.room(event.id);
      assert.equal(room.jitsiDomain, 'meet.example.org');
      assert.match(room.jitsiRoom ?? '', /^labcamp-[0-9a-f]{32}$/);
      const audit = await t.database.db.selectFrom('audit_log').select('after_json').where('action', '=', 'live.room.settings').orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.doesNotMatch(audit.after_json ?? '', new RegExp(room.jitsiRoom!), 'the log does not hold the room name');

      // Whoever the room refuses, the join route refuses too — without the room.
      for (const res of [await visitor(t).get(JOIN), await t.app.inject({ url: JOIN, headers: { cookie: 'lc_live=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } })]) {
        assert.equal(res.statusCode, 403);
        assert.doesNotMatch(res.body, new RegExp(`${room.jitsiRoom}|jwt`));
      }
      const stranger = (await signedInMember(t, event.id, null, 'video-stranger@example.org')).visitor;
      assert.equal((await stranger.get(JOIN)).statusCode, 403);

      const lea = await participant('Lea Live');
      const page = await lea.get(ROOM);
      assert.match(page.body, new RegExp(`href="${JOIN}"`));
      assert.doesNotMatch(page.body, new RegExp(`${room.jitsiRoom}|jwt|${JITSI_SECRET}`));
      assert.equal(page.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
      const joined = await lea.get(JOIN);
      assert.equal(joined.statusCode, 303);
      assert.equal(joined.headers['cache-control'], 'no-store');
      const target = new URL(String(joined.headers.location));
      assert.equal(`${target.origin}${target.pathname}`, `https://meet.example.org/${room.jitsiRoom}`);
      const claims = claimsOf(target.searchParams.get('jwt')!);
      assert.equal(claims.room, room.jitsiRoom);
      assert.equal(claims.iss, 'labcamp');
      assert.equal(claims.sub, 'meet.example.org');
      assert.deepEqual(claims.context.user, { name: 'Lea Live', moderator: 'false', affiliation: 'member' });
      assert.equal(claims.moderator, false);

      const moderator = (await signedInMember(t, event.id, 'moderator', 'video-mod@example.org')).visitor;
      assert.match((await moderator.get(ROOM)).body, /Ihr tretet als Moderation bei/);
      const modClaims = claimsOf(new URL(String((await moderator.get(JOIN)).headers.location)).searchParams.get('jwt')!);
      assert.equal(modClaims.moderator, true);
      assert.equal(modClaims.context.user.name, 'video-mod');
      const readonly = (await signedInMember(t, event.id, 'readonly', 'video-ro@example.org')).visitor;
      assert.equal(claimsOf(new URL(String((await readonly.get(JOIN)).headers.location)).searchParams.get('jwt')!).moderator, false);

      // Before the room opens, participants are sent back to the page that says when.
      t.clock.set(new Date(event.startsAt.getTime() - 2 * 3600_000));
      const early = await lea.get(JOIN);
      assert.equal(early.statusCode, 303);
      assert.equal(early.headers.location, ROOM);
      t.clock.set(new Date(event.startsAt.getTime() - 5 * 60_000));
    });

    test('Jitsi embedded: only the live page that embeds it lets the server in, with the viewer\'s own token', async () => {
      const orga = await admin();
      assert.equal((await orga.post(CONTROL, settings({ video_provider: 'jitsi', jitsi_domain: 'meet.example.org', jitsi_embed: 'embed' }))).statusCode, 303);
      const nina = await participant('Nina Netz');
      const page = await nina.get(ROOM);
      const csp = String(page.headers['content-security-policy']);
      assert.match(csp, /script-src 'self' https:\/\/meet\.example\.org;/);
      assert.match(csp, /frame-src https:\/\/meet\.example\.org;/);
      assert.match(String(page.headers['permissions-policy']), /camera=\("https:\/\/meet\.example\.org"\)/);
      assert.match(page.body, /<script src="\/assets\/[0-9a-f]+\/live-jitsi\.js" defer><\/script>/);
      assert.doesNotMatch(page.body, /<script>|<script [^>]*src="https:/, 'no inline script, nothing loaded from the Jitsi server up front');
      assert.match(page.body, new RegExp(`href="${JOIN}"`), 'the new-tab link stays for browsers without JavaScript');
      const jwt = /data-jwt="([^"]+)"/.exec(page.body)![1]!;
      assert.equal(claimsOf(jwt).context.user.name, 'Nina Netz');
      assert.doesNotMatch(page.body, new RegExp(JITSI_SECRET));

      for (const other of [await visitor(t).get(ROOM), await visitor(t).get('/events/labcamp-2'), await orga.get(CONTROL)]) {
        assert.equal(other.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
        assert.doesNotMatch(other.body, new RegExp(`${jwt}|data-jwt|${JITSI_SECRET}`));
      }
      const script = await t.app.inject({ url: /src="(\/assets\/[0-9a-f]+\/live-jitsi\.js)"/.exec(page.body)![1]! });
      assert.equal(script.statusCode, 200);
    });

    test('BigBlueButton: the meeting is created on the server, then participants join as VIEWER and the moderators as MODERATOR', async () => {
      const orga = await admin();
      assert.equal((await orga.post(CONTROL, settings({ video_provider: 'bbb' }))).statusCode, 303);
      const { bbbMeetingId } = await t.services.live.room(event.id);
      assert.match(bbbMeetingId ?? '', /^labcamp-[0-9a-f]{32}$/);

      const otto = await participant('Otto Offen');
      assert.doesNotMatch((await otto.get(ROOM)).body, new RegExp(`${bbbMeetingId}|checksum|${BBB_SECRET}`));
      const before = bbb.calls.length;
      const joined = await otto.get(JOIN);
      assert.equal(joined.statusCode, 303);
      const create = bbb.calls[before]!;
      assert.equal(create.pathname, '/bigbluebutton/api/create');
      assert.equal(create.searchParams.get('meetingID'), bbbMeetingId);
      assert.ok(signedWith(create, BBB_SECRET));
      const join = new URL(String(joined.headers.location));
      assert.equal(join.pathname, '/bigbluebutton/api/join');
      assert.equal(join.searchParams.get('fullName'), 'Otto Offen');
      assert.equal(join.searchParams.get('role'), 'VIEWER');
      assert.equal(join.searchParams.get('meetingID'), bbbMeetingId);
      assert.ok(signedWith(join, BBB_SECRET));
      assert.doesNotMatch(join.href, new RegExp(BBB_SECRET));

      const moderator = (await signedInMember(t, event.id, 'organizer', 'video-bbb-orga@example.org')).visitor;
      assert.equal(new URL(String((await moderator.get(JOIN)).headers.location)).searchParams.get('role'), 'MODERATOR');

      bbb.state.returncode = 'FAILED';
      const down = await otto.get(JOIN);
      assert.equal(down.statusCode, 502);
      assert.match(down.body, /Der Videoraum ist gerade nicht erreichbar/);
      assert.match(down.body, new RegExp(`href="${ROOM}"`));
      assert.doesNotMatch(down.body, new RegExp(`${BBB_SECRET}|checksum`));
      bbb.state.returncode = 'SUCCESS';
    });
  });

  describe(`video providers the operator has not set up (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(async () => t.close());

    test('are explained on the settings form, not offered, and refused when posted anyway', async () => {
      const orga = visitor(t, await signIn(t, t.report.firstLoginLink!));
      const page = await orga.get(CONTROL);
      assert.match(page.body, /Jitsi Meet ist nicht wählbar/);
      assert.match(page.body, /BigBlueButton ist nicht wählbar/);
      assert.doesNotMatch(page.body, /value="jitsi"|value="bbb"|name="jitsi_domain"/);
      for (const provider of ['jitsi', 'bbb']) {
        const res = await orga.post(CONTROL, { video_provider: provider, video_url: '', opens_minutes_before: '15' });
        assert.equal(res.statusCode, 422);
        assert.match(res.body, /id="error-video_provider"[^>]*>Dieses Videosystem ist auf diesem Server nicht eingerichtet/);
      }
      const english = await orga.get(`${CONTROL}?lang=en`);
      assert.match(english.body, /Jitsi Meet cannot be chosen/);
    });
  });
}
