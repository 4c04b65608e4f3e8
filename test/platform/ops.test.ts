import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/databases.js';
import { createTestApp } from '../helpers/app.js';

for (const dialect of testDialects()) {
  describe(`operations endpoints (${dialect})`, () => {
    test('/healthz is 200 while the database answers and 503 when it does not', async () => {
      const t = await createTestApp(dialect);
      try {
        const ok = await t.app.inject({ url: '/healthz' });
        assert.equal(ok.statusCode, 200);
        assert.deepEqual(ok.json(), { status: 'ok', database: dialect });
        await t.database.close();
        const down = await t.app.inject({ url: '/healthz' });
        assert.equal(down.statusCode, 503);
        assert.equal(down.json().status, 'unavailable');
      } finally {
        await t.app.close();
        await t.close().catch(() => {});
      }
    });
  });
}

describe('metrics', () => {
  test('Prometheus text with per-route counters, readable from loopback only', async () => {
    const t = await createTestApp(testDialects()[0]!);
    try {
      await t.app.inject({ url: '/events/labcamp-2020' });
      const res = await t.app.inject({ url: '/metrics' });
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /^text\/plain; version=0\.0\.4/);
      assert.match(res.body, /labcamp_http_requests_total\{method="GET",route="\/events\/:slug",status="200"\} 1/);
      assert.match(res.body, /labcamp_http_request_duration_seconds_bucket/);
      const remote = await t.app.inject({ url: '/metrics', remoteAddress: '203.0.113.9' });
      assert.equal(remote.statusCode, 403);
    } finally {
      await t.close();
    }
  });

  test('with METRICS_TOKEN, a bearer token is needed from anywhere', async () => {
    const t = await createTestApp(testDialects()[0]!, { METRICS_TOKEN: 'sesame-sesame-sesame' });
    try {
      assert.equal((await t.app.inject({ url: '/metrics' })).statusCode, 403);
      const ok = await t.app.inject({ url: '/metrics', remoteAddress: '203.0.113.9', headers: { authorization: 'Bearer sesame-sesame-sesame' } });
      assert.equal(ok.statusCode, 200);
    } finally {
      await t.close();
    }
  });
});
