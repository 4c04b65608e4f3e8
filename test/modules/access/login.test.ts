import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import { cookieHeader, createTestApp, csrfTokenFrom, signIn, type TestApp } from '../../helpers/app.js';

for (const dialect of testDialects()) {
  describe(`organizer sign-in (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(async () => t.close());

    test('the first start creates an admin and a one-time login link of the form BASE_URL/admin/login/<token>', async () => {
      assert.match(t.report.firstLoginLink ?? '', /^http:\/\/localhost:3000\/admin\/login\/[A-Za-z0-9_-]{43}$/);
      assert.equal(await t.services.access.countOrganizers(), 1);
      // Only the hash of the token is stored.
      const token = t.report.firstLoginLink!.split('/').pop()!;
      const rows = await t.database.db.selectFrom('login_tokens').select('token_hash').execute();
      assert.ok(rows.every((r) => r.token_hash !== token && /^[0-9a-f]{64}$/.test(r.token_hash)));
    });

    test('a later start on the same database prints no new link', async () => {
      const { bootstrap } = await import('../../../src/bootstrap.js');
      const again = await bootstrap(t.config, t.database, t.clock, t.services);
      assert.equal(again.firstLoginLink, null);
      assert.deepEqual(again.seeded, []);
    });

    test('opening the link does not use it up; the button signs in once, and only once', async () => {
      const { token } = await t.services.access.createOrganizer({ email: 'Orga@Example.org', name: 'Orga', isAdmin: false });
      const path = `/admin/login/${token}`;
      const first = await t.app.inject({ url: path });
      const second = await t.app.inject({ url: path });
      assert.equal(first.statusCode, 200);
      assert.equal(second.statusCode, 200, 'a mail scanner opening the link must not use it up');
      assert.match(first.body, /Jetzt anmelden/);

      const cookies = cookieHeader(first);
      const signedIn = await t.app.inject({ method: 'POST', url: path, headers: { cookie: cookies }, payload: { _csrf: csrfTokenFrom(first.body) } });
      assert.equal(signedIn.statusCode, 303);
      assert.equal(signedIn.headers.location, '/admin');
      const session = signedIn.cookies.find((c) => c.name === 'lc_session');
      assert.ok(session);
      assert.equal(session.httpOnly, true);
      assert.equal(session.sameSite, 'Lax');
      assert.equal(session.secure, undefined, 'not Secure over plain http');

      const reuse = await t.app.inject({ method: 'POST', url: path, headers: { cookie: cookies }, payload: { _csrf: csrfTokenFrom(first.body) } });
      assert.equal(reuse.statusCode, 410);
      assert.match(reuse.body, /ungültig, abgelaufen oder wurde schon benutzt/);
      const reopen = await t.app.inject({ url: path });
      assert.equal(reopen.statusCode, 410);

      const dashboard = await t.app.inject({ url: '/admin', headers: { cookie: cookieHeader(signedIn, cookies) } });
      assert.equal(dashboard.statusCode, 200);
      assert.match(dashboard.body, /Angemeldet als Orga/);
      assert.equal(dashboard.headers['cache-control'], 'no-store');
    });

    test('a login link expires after 24 hours', async () => {
      const token = await t.services.access.issueLoginLink('orga@example.org');
      t.clock.advance(24 * 3600 * 1000 + 1000);
      try {
        const res = await t.app.inject({ url: `/admin/login/${token}` });
        assert.equal(res.statusCode, 410);
      } finally {
        t.clock.set('2026-11-28T10:00:00.000Z');
      }
    });

    test('posting the login form without the CSRF token is refused with a clear page', async () => {
      const token = await t.services.access.issueLoginLink('orga@example.org');
      const res = await t.app.inject({ method: 'POST', url: `/admin/login/${token}`, payload: {} });
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /Formular abgelaufen/);
      // The token was not used up by the refused request.
      assert.equal(await t.services.access.loginTokenIsUsable(token), true);
    });

    test('the back office needs a session; signing out ends it', async () => {
      const anonymous = await t.app.inject({ url: '/admin' });
      assert.equal(anonymous.statusCode, 303);
      assert.equal(anonymous.headers.location, '/admin/login');
      const forged = await t.app.inject({ url: '/admin', headers: { cookie: 'lc_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
      assert.equal(forged.statusCode, 303);

      const cookies = await signIn(t, `http://localhost:3000/admin/login/${await t.services.access.issueLoginLink('orga@example.org')}`);
      const page = await t.app.inject({ url: '/admin', headers: { cookie: cookies } });
      const out = await t.app.inject({ method: 'POST', url: '/admin/logout', headers: { cookie: cookies }, payload: { _csrf: csrfTokenFrom(page.body) } });
      assert.equal(out.statusCode, 303);
      const afterwards = await t.app.inject({ url: '/admin', headers: { cookie: cookies } });
      assert.equal(afterwards.statusCode, 303, 'the old session id no longer works');
    });

    test('an organizer who is not a platform admin cannot edit the site pages or read the audit log', async () => {
      const cookies = await signIn(t, `http://localhost:3000/admin/login/${await t.services.access.issueLoginLink('orga@example.org')}`);
      for (const url of ['/admin/pages', '/admin/pages/impressum', '/admin/audit']) {
        const res = await t.app.inject({ url, headers: { cookie: cookies } });
        assert.equal(res.statusCode, 403, url);
      }
    });

    test('sign-ins are audited', async () => {
      const rows = await t.database.db.selectFrom('audit_log').select(['action', 'actor_label']).where('action', '=', 'access.organizer.signed_in').execute();
      assert.ok(rows.length >= 1);
      assert.equal(rows[0]!.actor_label, 'Orga');
    });
  });
}

describe('login rate limit', () => {
  test('more than 10 login attempts a minute from one address get 429', async () => {
    const t = await createTestApp(testDialects()[0]!);
    try {
      const codes: number[] = [];
      for (let i = 0; i < 12; i++) codes.push((await t.app.inject({ url: `/admin/login/${'x'.repeat(43)}` })).statusCode);
      assert.deepEqual(codes.slice(0, 10), Array(10).fill(410));
      assert.equal(codes[10], 429);
      const limited = await t.app.inject({ url: `/admin/login/${'x'.repeat(43)}` });
      assert.match(limited.body, /Zu viele Anfragen/);
    } finally {
      await t.close();
    }
  });

  test('RATE_LIMITS=off lifts it (for load tests)', async () => {
    const t = await createTestApp(testDialects()[0]!, { RATE_LIMITS: 'off' });
    try {
      for (let i = 0; i < 15; i++) assert.equal((await t.app.inject({ url: `/admin/login/${'x'.repeat(43)}` })).statusCode, 410);
    } finally {
      await t.close();
    }
  });
});
