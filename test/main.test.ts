// The server as an operator runs it: a real process, a real port, signals.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './helpers/net.js';
import { startServerProcess as startServer } from './helpers/server-process.js';

describe('the server process', () => {
  test('starts on an empty data directory, prints its URL and a login link, serves, and stops on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'labcamp-main-'));
    const port = await freePort();
    try {
      const server = startServer({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: `sqlite:${dataDir}/labcamp.db` });
      await server.ready(/LabCamp is running at http:\/\/localhost:\d+/, 30_000);
      assert.match(server.output(), new RegExp(`http://localhost:${port}/admin/login/[A-Za-z0-9_-]{43}`));
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      assert.equal(health.status, 200);
      const page = await fetch(`http://127.0.0.1:${port}/events/labcamp-2020`);
      assert.match(await page.text(), /Vernetzungstreffen öffentliche Innovationslabore/);
      assert.equal(fs.statSync(path.join(dataDir, 'secret.key')).mode & 0o777, 0o600);
      server.child.kill('SIGTERM');
      assert.equal(await server.exited, 0);

      // A second start on the same data: no new link, same secret.
      const secret = fs.readFileSync(path.join(dataDir, 'secret.key'), 'utf8');
      const again = startServer({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: `sqlite:${dataDir}/labcamp.db` });
      await again.ready(/LabCamp is running/);
      assert.doesNotMatch(again.output(), /admin\/login\//);
      assert.equal(fs.readFileSync(path.join(dataDir, 'secret.key'), 'utf8'), secret);
      again.child.kill('SIGINT');
      assert.equal(await again.exited, 0);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('a bad setting stops the start with a message that names it', async () => {
    const server = startServer({ PORT: 'eighty', DATABASE_URL: 'mysql://nope' });
    assert.equal(await server.exited, 78);
    assert.match(server.output(), /PORT must be a whole number/);
    assert.match(server.output(), /DATABASE_URL must start with sqlite: or postgres:\/\//);
    assert.doesNotMatch(server.output(), /at .*\.ts:\d+/, 'no stack trace');
  });
});
