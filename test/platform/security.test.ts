import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/databases.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { HttpError } from '../../src/platform/http/errors.js';

const dialect = testDialects()[0]!;

describe('security baseline', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp(dialect, {}, (app) => {
      app.get('/__test/explode', async () => {
        throw new Error('SELECT secret_column FROM internal_table failed at /srv/app/x.ts:12');
      });
      app.get('/__test/forbidden', async () => {
        throw new HttpError(403);
      });
    });
  });
  after(async () => t.close());

  test('every page has a strict CSP without inline script or third-party hosts, and the other headers', async () => {
    for (const url of ['/', '/events/labcamp-2020', '/impressum', '/admin/login', '/events/nope']) {
      const res = await t.app.inject({ url });
      const csp = res.headers['content-security-policy'] as string;
      assert.ok(csp, url);
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:|\*/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['x-frame-options'], 'DENY');
      assert.equal(res.headers['referrer-policy'], 'same-origin');
      assert.equal(res.headers['strict-transport-security'], undefined, 'no HSTS over plain http');
    }
  });

  test('pages contain no inline script and load nothing from other hosts', async () => {
    const res = await t.app.inject({ url: '/events/labcamp-2020' });
    const scripts = [...res.body.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    assert.ok(scripts.every((attrs) => attrs === ' type="application/ld+json"' || /src="\//.test(attrs ?? '')), `only data blocks or own scripts: ${scripts.join()}`);
    const urls = [...res.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(urls.length > 5);
    for (const url of urls) assert.ok(url.startsWith('/') || url.startsWith('#') || url.startsWith('mailto:') || url.startsWith('?'), url);
  });

  test('an unexpected error shows a page with a reference and nothing internal', async () => {
    const res = await t.app.inject({ url: '/__test/explode' });
    assert.equal(res.statusCode, 500);
    assert.match(res.body, /Ein Fehler ist aufgetreten/);
    assert.match(res.body, /Fehlerkennung: <code>req-[0-9a-z]+<\/code>/);
    assert.doesNotMatch(res.body, /secret_column|internal_table|\/srv\/app|at .*\.ts/);
    const forbidden = await t.app.inject({ url: '/__test/forbidden', headers: { 'accept-language': 'en' } });
    assert.equal(forbidden.statusCode, 403);
    assert.match(forbidden.body, /Access denied/);
  });

  test('a malformed form body is a 4xx, never a 5xx', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/admin/logout', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '%%%' });
    assert.ok(res.statusCode >= 400 && res.statusCode < 500, String(res.statusCode));
    const huge = await t.app.inject({ method: 'POST', url: '/admin/logout', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `a=${'x'.repeat(300 * 1024)}` });
    assert.equal(huge.statusCode, 413);
  });

  test('assets are served by us with long caching; unknown assets are 404', async () => {
    const page = await t.app.inject({ url: '/' });
    const css = /href="(\/assets\/[0-9a-f]{12}\/labcamp\.css)"/.exec(page.body)?.[1];
    assert.ok(css);
    const res = await t.app.inject({ url: css });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/css/);
    assert.match(res.headers['cache-control'] as string, /immutable/);
    assert.equal((await t.app.inject({ url: '/assets/000000000000/../../package.json' })).statusCode, 404);
  });
});

describe('behind HTTPS', () => {
  test('cookies are Secure and HSTS is sent when BASE_URL is https', async () => {
    const t = await createTestApp(dialect, { BASE_URL: 'https://labcamp.example.org' });
    try {
      const res = await t.app.inject({ url: '/?lang=en' });
      assert.equal(res.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
      assert.equal(res.cookies.find((c) => c.name === 'lc_lang')?.secure, true);
      const login = await t.app.inject({ url: new URL(t.report.firstLoginLink!).pathname });
      assert.match(t.report.firstLoginLink!, /^https:\/\/labcamp\.example\.org\/admin\/login\//);
      assert.equal(login.cookies.find((c) => c.name === 'lc_csrf')?.secure, true);
    } finally {
      await t.close();
    }
  });
});
