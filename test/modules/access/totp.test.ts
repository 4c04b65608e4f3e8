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
    let codes: string[] = [];

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
      // The recovery codes, shown on this answer only (stored hashed).
      assert.equal(right.statusCode, 200);
      assert.equal(right.headers['cache-control'], 'no-store');
      codes = [...right.body.matchAll(/<code>([a-z2-9]{5}-[a-z2-9]{5})<\/code>/g)].map((m) => m[1]!);
      assert.equal(codes.length, 10);
      assert.equal(new Set(codes).size, 10);
      const stored = await t.database.db.selectFrom('recovery_codes').select('code_hash').execute();
      assert.ok(stored.every((r) => /^[0-9a-f]{64}$/.test(r.code_hash)) && !stored.some((r) => codes.some((c) => r.code_hash.includes(c.replace('-', '')))), 'only hashes');
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

    test('without the app: a recovery code signs in once; wrong ones count as attempts; new codes take a current code', async () => {
      const { who } = await viaLink();
      const page = await who.get('/admin/login/code');
      assert.match(page.body, /Kein Zugriff auf die App\?/);
      const wrong = await who.post('/admin/login/code', { recovery: 'aaaaa-bbbbb' });
      assert.equal(wrong.statusCode, 401);
      assert.match(wrong.body, /id="error-recovery"/);
      assert.match(wrong.body, /<details class="recovery" open/);
      // Typing is forgiving: upper case and spaces.
      const done = await who.post('/admin/login/code', { recovery: ` ${codes[0]!.toUpperCase().replace('-', ' ')} ` });
      assert.equal(done.statusCode, 303);
      assert.equal((await who.get('/admin')).statusCode, 200);
      assert.equal((await audit('access.totp.recovery-code-used')).length, 1);
      // Used once: the same code does not work again.
      const again = await viaLink();
      assert.equal((await again.who.post('/admin/login/code', { recovery: codes[0]! })).statusCode, 401);
      assert.equal((await again.who.post('/admin/login/code', { recovery: codes[1]! })).statusCode, 303, 'another one does');
      const totpPage = await again.who.get('/admin/account/totp');
      assert.match(totpPage.body, /8 von 10 Wiederherstellungscodes übrig/);
      // New codes: a wrong app code is refused next to its field; a right one replaces all ten.
      const refused = await again.who.post('/admin/account/totp/recovery-codes', { renew_code: '000000' === codeNow() ? '111111' : '000000' });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /id="error-renew_code"/);
      t.clock.advance(30_000);
      const renewed = await again.who.post('/admin/account/totp/recovery-codes', { renew_code: codeNow() });
      assert.equal(renewed.statusCode, 200);
      const fresh = [...renewed.body.matchAll(/<code>([a-z2-9]{5}-[a-z2-9]{5})<\/code>/g)].map((m) => m[1]!);
      assert.equal(fresh.length, 10);
      assert.match((await again.who.get('/admin/account/totp')).body, /10 von 10 Wiederherstellungscodes übrig/);
      const third = await viaLink();
      assert.equal((await third.who.post('/admin/login/code', { recovery: codes[2]! })).statusCode, 401, 'the old codes are gone');
      assert.equal((await third.who.post('/admin/login/code', { recovery: fresh[0]! })).statusCode, 303);
      assert.equal((await audit('access.totp.recovery-codes-renewed')).length, 1);
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
      assert.equal((await t.database.db.selectFrom('recovery_codes').select('id').execute()).length, 0, 'the recovery codes go with it');
      assert.equal((await viaLink()).location, '/admin', 'straight in again');
      assert.equal((await audit('access.totp.disabled')).length, 1);
    });
  });
}
