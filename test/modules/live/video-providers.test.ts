// The video providers against the worked examples of their own documentation (#5, item 1):
// BigBlueButton's checksum (docs.bigbluebutton.org, "API Security Model"), Jitsi's token claims
// (lib-jitsi-meet doc/tokens.md) and its example HS256 token. BigBlueButton's create call goes to a
// fake server on 127.0.0.1, never to the internet.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { loadConfig } from '../../../src/config.js';
import { bbbCallUrl, bbbChecksum, bbbCreate, bbbJoinUrl, type BbbConfig } from '../../../src/modules/live/video/bbb.js';
import { JITSI_TOKEN_LIFETIME_S, jitsiJoinUrl, jitsiToken, newJitsiRoom, tokenFor } from '../../../src/modules/live/video/jitsi.js';
import { signHs256 } from '../../../src/modules/live/video/jwt.js';
import { parseVideoLink } from '../../../src/modules/live/video/link.js';
import { signedWith, startFakeBbb } from '../../helpers/fake-bbb.js';

// The documented example: query, shared secret, and the SHA-1 the docs give for it.
const DOC_QUERY = 'name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444';
const DOC_SECRET = '639259d4-9dd8-4b25-bf01-95f9567eaf4b';
const DOC_SHA1 = '1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17';
// sha256 of the same string, computed with coreutils (`printf %s … | sha256sum`); OpenOLAT's
// BigBlueButtonUriBuilderTest expects the same value for this example.
const DOC_SHA256 = 'da9185f7f333cfdfcd6eeac32dca3777510c4c436020d8b887ba5515bd1d189e';

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

describe('BigBlueButton', () => {
  test('the checksum of the documented create call: SHA-1 as the docs give it, SHA-256 by default', () => {
    assert.equal(bbbChecksum('create', DOC_QUERY, DOC_SECRET, 'sha1'), DOC_SHA1);
    assert.equal(bbbChecksum('create', DOC_QUERY, DOC_SECRET, 'sha256'), DOC_SHA256);
    assert.equal(loadConfig({ BBB_URL: 'https://bbb.example.org/bigbluebutton/', BBB_SECRET: DOC_SECRET }).video.bbb?.checksum, 'sha256');
  });

  test('API call URLs: <BBB_URL>/api/<call>?<query>&checksum=<hex>, the query form-encoded as it was hashed', () => {
    const config: BbbConfig = { url: 'https://bbb.example.org/bigbluebutton', secret: DOC_SECRET, checksum: 'sha1' };
    assert.equal(
      bbbCallUrl(config, 'create', { name: 'Test Meeting', meetingID: 'abc123', attendeePW: '111222', moderatorPW: '333444' }),
      `https://bbb.example.org/bigbluebutton/api/create?${DOC_QUERY}&checksum=${DOC_SHA1}`,
    );
  });

  test('join URLs carry the name, the role (MODERATOR or VIEWER) and redirect=true, signed', () => {
    const config: BbbConfig = { url: 'https://bbb.example.org/bigbluebutton', secret: DOC_SECRET, checksum: 'sha256' };
    for (const [moderator, role] of [[true, 'MODERATOR'], [false, 'VIEWER']] as const) {
      const url = new URL(bbbJoinUrl(config, 'labcamp-abc', { name: 'Lea Müller & Co', moderator }));
      assert.equal(url.pathname, '/bigbluebutton/api/join');
      assert.equal(url.searchParams.get('fullName'), 'Lea Müller & Co');
      assert.equal(url.searchParams.get('meetingID'), 'labcamp-abc');
      assert.equal(url.searchParams.get('role'), role);
      assert.equal(url.searchParams.get('redirect'), 'true');
      assert.ok(signedWith(url, DOC_SECRET), 'sha256 of join + query + secret');
      assert.doesNotMatch(url.href, new RegExp(DOC_SECRET));
    }
  });

  describe('create, against a fake BigBlueButton on 127.0.0.1', () => {
    let bbb: Awaited<ReturnType<typeof startFakeBbb>>;
    let config: BbbConfig;
    before(async () => {
      bbb = await startFakeBbb(DOC_SECRET);
      config = { url: bbb.url, secret: DOC_SECRET, checksum: 'sha256' };
    });
    after(() => bbb.close());

    test('a correctly signed create succeeds; a FAILED answer, a wrong secret and an unreachable server do not', async () => {
      const meeting = { meetingID: 'labcamp-1', name: 'LabCamp #2', logoutURL: 'https://labcamp.example.org/events/labcamp-2/live' };
      assert.equal(await bbbCreate(fetch, config, meeting), true);
      assert.equal(bbb.calls.at(-1)!.pathname, '/bigbluebutton/api/create');
      assert.equal(bbb.calls.at(-1)!.searchParams.get('name'), 'LabCamp #2');
      assert.equal(await bbbCreate(fetch, { ...config, secret: 'wrong' }, meeting), false);
      bbb.state.returncode = 'FAILED';
      assert.equal(await bbbCreate(fetch, config, meeting), false);
      assert.equal(await bbbCreate(fetch, { ...config, url: 'http://127.0.0.1:1/bigbluebutton' }, meeting), false);
      // The injected fetch is the only way out.
      let asked = '';
      const recording: typeof fetch = async (input) => { asked = String(input); return new Response('<returncode>SUCCESS</returncode>'); };
      assert.equal(await bbbCreate(recording, config, meeting), true);
      assert.match(asked, /^http:\/\/127\.0\.0\.1:\d+\/bigbluebutton\/api\/create\?/);
    });
  });

  test('configuration: BBB_URL and BBB_SECRET together, https (http only to this machine), sha256 or sha1', () => {
    const bad = (env: Record<string, string>) => assert.throws(() => loadConfig(env), /BBB_/);
    bad({ BBB_URL: 'https://bbb.example.org/bigbluebutton' });
    bad({ BBB_SECRET: DOC_SECRET });
    bad({ BBB_URL: 'http://bbb.example.org/bigbluebutton', BBB_SECRET: DOC_SECRET });
    bad({ BBB_URL: 'https://bbb.example.org/bigbluebutton', BBB_SECRET: DOC_SECRET, BBB_CHECKSUM: 'md5' });
    assert.deepEqual(loadConfig({ BBB_URL: 'https://bbb.example.org/bigbluebutton/', BBB_SECRET: DOC_SECRET, BBB_CHECKSUM: 'SHA1' }).video.bbb,
      { url: 'https://bbb.example.org/bigbluebutton', secret: DOC_SECRET, checksum: 'sha1' });
    assert.equal(loadConfig({}).video.bbb, null);
  });
});

describe('Jitsi Meet', () => {
  const token = { appId: 'labcamp', secret: 'example_app_secret', audience: 'jitsi', subject: 'meet.example.org' };
  const now = new Date('2026-12-03T13:30:00Z');

  test('the signer reproduces the example token of lib-jitsi-meet doc/tokens.md (jwt.io, secret "secret")', () => {
    assert.equal(
      signHs256({ sub: '1234567890', name: 'John Doe', admin: true }, 'secret'),
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWV9.TJVA95OrM7E2cBab30RMHrHDcEfxjoYZgeFONFh7HgQ',
    );
  });

  test('a join token: HS256 header, the claims of tokens.md, moderators marked, and a signature computed independently', () => {
    const room = newJitsiRoom();
    for (const moderator of [true, false]) {
      const jwt = jitsiToken(token, room, { name: 'Lea Müller', moderator }, now);
      const [header, payload, signature] = jwt.split('.') as [string, string, string];
      assert.deepEqual(decode(header), { alg: 'HS256', typ: 'JWT' });
      const iat = now.getTime() / 1000;
      assert.deepEqual(decode(payload), {
        iss: 'labcamp', aud: 'jitsi', sub: 'meet.example.org', room, iat, nbf: iat - 60, exp: iat + JITSI_TOKEN_LIFETIME_S,
        context: { user: { name: 'Lea Müller', moderator: String(moderator), affiliation: moderator ? 'owner' : 'member' } },
        moderator,
      });
      assert.equal(signature, createHmac('sha256', 'example_app_secret').update(`${header}.${payload}`).digest('base64url'));
      assert.doesNotMatch(jwt, /example_app_secret/);
    }
  });

  test('room names are random and unguessable; join URLs carry the token, or else only the name in the fragment', () => {
    const rooms = new Set(Array.from({ length: 50 }, newJitsiRoom));
    assert.equal(rooms.size, 50);
    for (const room of rooms) assert.match(room, /^labcamp-[0-9a-f]{32}$/);
    assert.equal(jitsiJoinUrl('meet.example.org', 'labcamp-ab', { name: 'Lea', moderator: false }, 'h.p.s'), 'https://meet.example.org/labcamp-ab?jwt=h.p.s');
    assert.equal(jitsiJoinUrl('meet.jit.si', 'labcamp-ab', { name: 'Lea "L" Müller', moderator: false }, null),
      `https://meet.jit.si/labcamp-ab#userInfo.displayName=${encodeURIComponent('"Lea \\"L\\" Müller"')}`);
  });

  test('tokens only for the operator\'s own server; configuration checked at start-up', () => {
    const config = loadConfig({ JITSI_DOMAIN: 'Meet.Example.org', JITSI_APP_ID: 'labcamp', JITSI_APP_SECRET: 'example_app_secret' }).video.jitsi;
    assert.deepEqual(config, { domain: 'meet.example.org', token });
    assert.equal(tokenFor(config, 'meet.example.org'), config!.token);
    assert.equal(tokenFor(config, 'meet.jit.si'), null);
    assert.equal(loadConfig({ JITSI_DOMAIN: 'meet.example.org' }).video.jitsi?.token, null);
    assert.equal(loadConfig({ JITSI_DOMAIN: 'meet.example.org', JITSI_APP_ID: 'a', JITSI_APP_SECRET: 'b', JITSI_AUDIENCE: 'aud', JITSI_SUBJECT: '*' }).video.jitsi?.token?.subject, '*');
    for (const env of [{ JITSI_DOMAIN: 'https://meet.example.org' }, { JITSI_DOMAIN: 'meet.example.org', JITSI_APP_ID: 'a' }, { JITSI_APP_SECRET: 'b' }]) {
      assert.throws(() => loadConfig(env), /JITSI_/);
    }
  });
});

describe('a plain link', () => {
  test('https only, anything else is refused', () => {
    assert.equal(parseVideoLink('https://video.example.org/room?pwd=1'), 'https://video.example.org/room?pwd=1');
    for (const bad of ['http://video.example.org/', 'javascript:alert(1)', 'video.example.org', 'https://video.example.org/a b']) assert.equal(parseVideoLink(bad), null, bad);
  });
});
