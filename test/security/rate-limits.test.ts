// Rate limits are on by default (#8, item 7): the public registration, lost-link and member sign-in forms answer
// 429 after 30 posts a minute from one address, with the page that says to wait; RATE_LIMITS=off
// (for load tests) lifts them. The login (10 a minute), the API (300 a minute per token) and
// "get in touch" have their own tests next to their modules.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/databases.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { visitor } from '../helpers/visitor.js';

for (const dialect of testDialects()) {
  describe(`rate limits (${dialect})`, () => {
    let on: TestApp;
    let off: TestApp;

    before(async () => {
      on = await createTestApp(dialect);
      off = await createTestApp(dialect, { RATE_LIMITS: 'off' });
    });
    after(async () => {
      await on.close();
      await off.close();
    });

    /** Status codes of `n` refused posts (empty forms: 422, nothing stored) from one address. */
    async function burst(t: TestApp, url: string, n: number): Promise<number[]> {
      const person = visitor(t);
      await person.get(url);
      const statuses: number[] = [];
      for (let i = 0; i < n; i++) statuses.push((await person.post(url, { email: '' })).statusCode);
      return statuses;
    }

    for (const url of ['/events/labcamp-2/register', '/events/labcamp-2/link', '/community/sign-in']) {
      test(`${url}: the 31st post in a minute is refused, and says why`, async () => {
        const statuses = await burst(on, url, 31);
        assert.ok(statuses.slice(0, 30).every((s) => s === 422), statuses.join(','));
        assert.equal(statuses[30], 429);
        const page = await visitor(on).post(url, {});
        assert.equal(page.statusCode, 429);
        assert.match(page.body, /Zu viele Anfragen/);
      });

      test(`${url}: RATE_LIMITS=off lifts the limit`, async () => {
        const statuses = await burst(off, url, 40);
        assert.ok(statuses.every((s) => s === 422), statuses.join(','));
      });
    }
  });
}
