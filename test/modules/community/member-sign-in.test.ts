// Members sign in again with a link by mail (the gap of ADR 30): after the meeting's personal data
// is anonymised, the registration's personal link no longer works; the member asks for a link with
// their address, follows it, presses the button and is signed in. The answer never tells whether
// an address is a member's; a link works once, for an hour; three mails an hour at most.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import { cookieHeader, type TestApp } from '../../helpers/app.js';
import { visitor } from '../../helpers/visitor.js';
import { communityMember, registeredToken } from '../../helpers/community.js';
import { adminTestApp } from '../../helpers/team.js';
import type { LabEvent } from '../../../src/modules/events/events.types.js';
import { toMember } from '../../../src/modules/community/members.service.js';

const EMAIL = 'ronja.community@example.org';

for (const dialect of testDialects()) {
  describe(`member sign-in by mail (${dialect})`, () => {
    let t: TestApp;
    let event: LabEvent;

    before(async () => {
      ({ t } = await adminTestApp(dialect, 'labcamp-2'));
      event = (await t.services.events.findBySlug('labcamp-2'))!;
    });
    after(async () => t.close());

    const signInMails = () => t.database.db.selectFrom('outbox').select(['to_address', 'subject', 'text_body', 'html_body'])
      .where('template', '=', 'community_sign_in').orderBy('id').execute();
    const linkIn = (text: string) => new URL(/https?:\/\/\S+\/community\/sign-in\/[A-Za-z0-9_-]{43}/.exec(text)![0]).pathname;

    test('after the meeting is anonymised, a member gets back in with a link by mail; strangers learn nothing', async () => {
      const token = await registeredToken(t, event, 'Ronja');
      const person = visitor(t);
      await person.get(`/r/${token}`);
      assert.equal((await person.post(`/r/${token}/community`, {})).statusCode, 303);

      // A year later the meeting's personal data is gone, and with it the personal link.
      t.clock.advance(400 * 24 * 3600_000);
      assert.ok((await t.services.retention.runDue()).includes('labcamp-2'), 'the meeting is anonymised');
      assert.equal((await visitor(t).get(`/r/${token}`)).statusCode, 404, 'the personal link is dead');

      const stranger = visitor(t);
      const form = await stranger.get('/practices/new');
      assert.match(form.body, /href="\/community\/sign-in"/, 'visitors are shown the way to a link');
      await stranger.get('/community/sign-in');
      // A bad address: an error next to the field, the input kept.
      let res = await stranger.post('/community/sign-in', { email: 'ronja at example' });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /id="error-email"/);
      assert.match(res.body, /value="ronja at example"/);
      // An address that is nobody's and a member's get the same answer.
      const unknown = await stranger.post('/community/sign-in', { email: 'niemand@example.org' });
      res = await stranger.post('/community/sign-in', { email: ` ${EMAIL.toUpperCase()} ` });
      assert.equal(unknown.statusCode, 200);
      assert.equal(res.statusCode, 200);
      const said = (body: string) => /<main[\s\S]*<\/main>/.exec(body)![0].replace(/name="_csrf" value="[^"]+"/, '');
      assert.equal(said(unknown.body), said(res.body), 'the same page for a stranger and a member');
      assert.match(res.body, /Wenn die Adresse zu einem Mitglied gehört, ist ein Anmeldelink unterwegs/);

      const mails = await signInMails();
      assert.equal(mails.length, 1, 'one mail, to the member only');
      assert.equal(mails[0]!.to_address, EMAIL);
      assert.match(mails[0]!.text_body, /Er gilt 60 Minuten/);
      const path = linkIn(mails[0]!.text_body);

      // Opening the link signs nobody in (mail scanners follow links); the button does, once.
      const page = await stranger.get(path);
      assert.equal(page.statusCode, 200);
      assert.ok(!page.cookies.some((c) => c.name === 'lc_member'));
      assert.ok(await t.services.memberSignIn.isValid(path.split('/').pop()!));
      res = await stranger.post(path, {});
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/practices');
      const session = res.cookies.find((c) => c.name === 'lc_member');
      assert.ok(session?.httpOnly && session.value.length > 20);
      const profile = await t.app.inject({ url: '/community/profile', headers: { cookie: cookieHeader(res) } });
      assert.equal(profile.statusCode, 200);
      assert.match(profile.body, /value="Ronja"/);

      // Used: the link is dead, for the GET page and the button.
      const again = visitor(t);
      assert.equal((await again.get(path)).statusCode, 404);
      assert.match((await again.get(path)).body, /abgelaufen oder wurde schon benutzt/);
      assert.equal((await again.post(path, {})).statusCode, 403, 'no CSRF token from a dead page: refused before anything');
    });

    test('a link expires after an hour, and three links an hour at most are mailed', async () => {
      await communityMember(t, event, 'Sven');
      const sven = 'sven.community@example.org';
      const asker = visitor(t);
      await asker.get('/community/sign-in');
      const before = (await signInMails()).length;
      for (let i = 0; i < 5; i++) assert.equal((await asker.post('/community/sign-in', { email: sven })).statusCode, 200);
      const mails = (await signInMails()).slice(before);
      assert.equal(mails.length, 3, 'three mails, then quiet');
      const path = linkIn(mails[0]!.text_body);
      t.clock.advance(61 * 60_000);
      const late = visitor(t);
      assert.equal((await late.get(path)).statusCode, 404, 'expired');
      assert.equal(await t.services.memberSignIn.redeem(path.split('/').pop()!), null);
      // An hour later a new link can be had.
      await asker.post('/community/sign-in', { email: sven });
      assert.equal((await signInMails()).length, before + 4);
      // Leaving the community removes the member's links with them.
      const member = toMember(await t.database.db.selectFrom('members').selectAll().where('email', '=', sven).executeTakeFirstOrThrow());
      const links = () => t.database.db.selectFrom('member_sign_in_links').select('id').where('member_id', '=', member.id).execute();
      assert.ok((await links()).length > 0);
      await t.services.members.leave(member);
      assert.equal((await links()).length, 0);
    });
  });
}
