// Two-factor sign-in (#8, item 7) on both databases: an organizer turns it on with a code from a
// fresh secret; from then on the password or the link leads to the code, not into the back
// office; wrong, reused and stale codes are refused, five wrong codes end the attempt; turning it
// off takes a current code. Every step audited.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import { createTestApp, signIn, type TestApp } from '../../helpers/app.js';
import { visitor, type Visitor } from '../../helpers/visitor.js';
import { base32Decode, totpCode, totpStep } from '../../../src/platform/totp.js';

for (const dialect of testDialects()) {
  describe(`two-factor sign-in (${dialect})`, () => {
    let t: TestApp;
    let lea: Visitor;
    let secret = '';

    before(async () => {
      // Many sign-ins from one address in a few seconds: the login rate limit is tested elsewhere.
      t = await createTestApp(dialect, { RATE_LIMITS: 'off' });
      lea = visitor(t, await signIn(t, t.report.firstLoginLink!));
    });
    after(async () => t.close());

    const codeNow = (offsetSteps = 0) => totpCode(base32Decode(secret)!, totpStep(t.clock.now()) + offsetSteps);
    const audit = (action: string) => t.database.db.selectFrom('audit_log').select('id').where('action', '=', action).execute();

    /** A fresh login link, confirmed in a new browser: where does it lead? */
    async function viaLink(): Promise<{ who: Visitor; location: string }> {
      const token = await t.services.access.issueLoginLink('admin@localhost');
      const who = visitor(t);
      await who.get(`/admin/login/${token}`);
      const res = await who.post(`/admin/login/${token}`, {});
      assert.equal(res.statusCode, 303);
      return { who, location: res.headers.location! };
    }

    test('turning it on takes a right code for the new secret', async () => {
      const account = await lea.get('/admin/account');
      assert.match(account.body, /Zwei-Faktor-Anmeldung/);
      const setup = await lea.get('/admin/account/totp');
      secret = /name="secret" value="([A-Z2-7]{32})"/.exec(setup.body)![1]!;
      assert.match(setup.body, /otpauth:\/\/totp\/LabCamp%3Aadmin%40localhost\?secret=/);
      const wrong = await lea.post('/admin/account/totp', { secret, code: codeNow() === '123456' ? '654321' : '123456' });
      assert.equal(wrong.statusCode, 422);
      assert.match(wrong.body, /id="error-code"/);
      assert.equal(await t.services.access.totpEnabled(1), false);
      const right = await lea.post('/admin/account/totp', { secret, code: codeNow() });
      assert.equal(right.statusCode, 303);
      assert.match((await lea.get('/admin/account?done=totp-on')).body, /Die Zwei-Faktor-Anmeldung ist eingeschaltet/);
      assert.equal((await audit('access.totp.enabled')).length, 1);
    });

    test('the link now leads to the code; wrong and reused codes are refused; the next code signs in', async () => {
      const { who, location } = await viaLink();
      assert.equal(location, '/admin/login/code');
      assert.equal((await who.get('/admin')).statusCode, 303, 'not signed in yet');
      const page = await who.get('/admin/login/code');
      assert.match(page.body, /autocomplete="one-time-code"/);
      assert.equal((await who.post('/admin/login/code', { code: 'abcdef' })).statusCode, 401);
      assert.equal((await who.post('/admin/login/code', { code: codeNow() })).statusCode, 401, 'the code used to turn it on works once');
      t.clock.advance(30_000);
      const done = await who.post('/admin/login/code', { code: codeNow() });
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, '/admin');
      assert.equal((await who.get('/admin')).statusCode, 200);
    });

    test('five wrong codes or five minutes end the attempt', async () => {
      const first = await viaLink();
      for (let i = 0; i < 5; i++) assert.equal((await first.who.post('/admin/login/code', { code: '000000' === codeNow() ? '111111' : '000000' })).statusCode, 401);
      t.clock.advance(30_000);
      const ended = await first.who.post('/admin/login/code', { code: codeNow() });
      assert.equal(ended.statusCode, 410);
      assert.match(ended.body, /Die Anmeldung ist abgelaufen/);

      const second = await viaLink();
      t.clock.advance(5 * 60_000 + 1000);
      assert.equal((await second.who.post('/admin/login/code', { code: codeNow() })).statusCode, 410);
      assert.equal((await visitor(t).get('/admin/login/code')).statusCode, 410, 'no attempt, nothing to answer');
    });

    test('turning it off takes a current code', async () => {
      // A fresh session (the clock moved on): link, then code.
      const { who } = await viaLink();
      t.clock.advance(30_000);
      assert.equal((await who.post('/admin/login/code', { code: codeNow() })).statusCode, 303);
      await who.get('/admin/account/totp');
      assert.equal((await who.post('/admin/account/totp/disable', { code: '99999x' })).statusCode, 422);
      t.clock.advance(30_000);
      assert.equal((await who.post('/admin/account/totp/disable', { code: codeNow() })).statusCode, 303);
      assert.equal(await t.services.access.totpEnabled(1), false);
      assert.equal((await viaLink()).location, '/admin', 'straight in again');
      assert.equal((await audit('access.totp.disabled')).length, 1);
    });
  });
}
