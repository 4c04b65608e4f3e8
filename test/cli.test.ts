import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, testDialects } from './helpers/databases.js';
import { run } from '../src/cli/labcamp.js';

for (const dialect of testDialects()) {
  describe(`npm run labcamp (${dialect})`, () => {
    test('create-organizer prints a working login link; login-link issues another; errors are clear', async () => {
      const testDb = await createTestDatabase(dialect);
      const saved = { ...process.env };
      process.env.DATABASE_URL = testDb.config.dialect === 'sqlite' ? `sqlite:${testDb.config.file}` : testDb.config.url;
      process.env.DATA_DIR = testDb.dataDir;
      process.env.BASE_URL = 'https://labcamp.example.org';
      try {
        const out: string[] = [];
        const say = (line: string) => out.push(line);
        assert.equal(await run(['create-organizer', '--email', 'Lea@Stadt-Soest.de', '--name', 'Lea Muster', '--admin'], say), 0);
        assert.match(out.join('\n'), /Created organizer Lea Muster <lea@stadt-soest\.de> \(admin\)/);
        assert.match(out.join('\n'), /https:\/\/labcamp\.example\.org\/admin\/login\/[A-Za-z0-9_-]{43}/);

        out.length = 0;
        assert.equal(await run(['login-link', '--email', 'lea@stadt-soest.de'], say), 0);
        assert.match(out.join('\n'), /admin\/login\/[A-Za-z0-9_-]{43}/);

        await assert.rejects(run(['create-organizer', '--email', 'lea@stadt-soest.de', '--name', 'Again'], say), /exists already/);
        await assert.rejects(run(['login-link', '--email', 'nobody@example.org'], say), /No organizer/);
        await assert.rejects(run(['create-organizer', '--email', 'not-an-address', '--name', 'X'], say), /not a valid e-mail/);
        out.length = 0;
        assert.equal(await run(['create-organizer', '--email', 'x@example.org'], say), 64);
        assert.match(out.join('\n'), /needs --email and --name/);
        assert.equal(await run(['frobnicate'], say), 64);

        out.length = 0;
        assert.equal(await run(['seed'], say), 0);
        assert.match(out.join('\n'), /Loaded demo events: labcamp-2020, labcamp-2/);
        out.length = 0;
        assert.equal(await run(['seed'], say), 0);
        assert.match(out.join('\n'), /All demo events exist already/);
      } finally {
        process.env = saved;
        await testDb.drop();
      }
    });
  });
}
