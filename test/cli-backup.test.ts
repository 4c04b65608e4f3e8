// `npm run labcamp -- backup` and `restore` (#8, item 5): a round trip on a real SQLite file —
// back up while a connection is open and writing, change the data, restore, find the old data
// again; a bad file is refused and changes nothing; PostgreSQL points to pg_dump.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { createTestDatabase, testDialects } from './helpers/databases.js';
import { run } from '../src/cli/labcamp.js';

async function withCli<T>(dialect: 'sqlite' | 'postgres', fn: (env: { dataDir: string; file: string | null; say: (l: string) => void; out: string[] }) => Promise<T>): Promise<T> {
  const testDb = await createTestDatabase(dialect);
  const saved = { ...process.env };
  process.env.DATABASE_URL = testDb.config.dialect === 'sqlite' ? `sqlite:${testDb.config.file}` : testDb.config.url;
  process.env.DATA_DIR = testDb.dataDir;
  const out: string[] = [];
  try {
    return await fn({ dataDir: testDb.dataDir, file: testDb.config.dialect === 'sqlite' ? testDb.config.file : null, say: (l) => out.push(l), out });
  } finally {
    process.env = saved;
    await testDb.drop();
  }
}

const slugs = (file: string) => {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return (db.prepare('select slug from events order by slug').all() as Array<{ slug: string }>).map((r) => r.slug);
  } finally {
    db.close();
  }
};

describe('npm run labcamp -- backup / restore', () => {
  if (testDialects().includes('sqlite')) {
    test('a backup taken while the database is open restores the data it held', async () => {
      await withCli('sqlite', async ({ dataDir, file, say, out }) => {
        assert.equal(await run(['seed'], say), 0);
        // A second connection writes while the backup runs, as the server would.
        const live = new BetterSqlite3(file!);
        live.pragma('journal_mode = WAL');
        live.prepare("update events set slug = 'während-backup' where slug = 'labcamp-2020'").run();
        out.length = 0;
        assert.equal(await run(['backup'], say), 0);
        const written = /Backup written: (.+\.db) \(/.exec(out.join('\n'))?.[1];
        assert.ok(written && written.startsWith(path.join(dataDir, 'backups')), out.join('\n'));
        assert.deepEqual(slugs(written), ['labcamp-2', 'während-backup']);

        live.prepare('delete from events where slug = ?').run('labcamp-2');
        live.close();
        assert.deepEqual(slugs(file!), ['während-backup']);

        out.length = 0;
        assert.equal(await run(['restore', '--from', written], say), 0);
        assert.match(out.join('\n'), /The database before the restore is kept as .+before-restore-/);
        assert.deepEqual(slugs(file!), ['labcamp-2', 'während-backup']);
        const kept = /kept as (.+)\.$/m.exec(out.join('\n'))![1]!;
        assert.deepEqual(slugs(kept), ['während-backup'], 'the replaced database is kept intact');
        // The restored database opens and migrates through the CLI as usual.
        assert.equal(await run(['migrate'], say), 0);

        out.length = 0;
        assert.equal(await run(['backup', '--to', written], say), 1, 'never overwrites a backup');
        assert.match(out.join('\n'), /exists already/);
      });
    });

    test('restore refuses what is not a LabCamp backup and changes nothing', async () => {
      await withCli('sqlite', async ({ dataDir, file, say, out }) => {
        assert.equal(await run(['seed'], say), 0);
        const before = fs.readFileSync(file!);
        const junk = path.join(dataDir, 'junk.db');
        fs.writeFileSync(junk, 'this is not a database');
        out.length = 0;
        assert.equal(await run(['restore', '--from', junk], say), 1);
        assert.match(out.join('\n'), /is not a LabCamp backup/);
        const other = path.join(dataDir, 'other.db');
        new BetterSqlite3(other).exec('create table notes (x text)');
        out.length = 0;
        assert.equal(await run(['restore', '--from', other], say), 1);
        assert.match(out.join('\n'), /not one of LabCamp/);
        out.length = 0;
        assert.equal(await run(['restore', '--from', path.join(dataDir, 'missing.db')], say), 1);
        assert.equal(await run(['restore'], say), 64);
        assert.deepEqual(fs.readFileSync(file!), before, 'the database is untouched');

        // A running server holds the database open: restore refuses rather than pull it away.
        out.length = 0;
        assert.equal(await run(['backup', '--to', path.join(dataDir, 'good.db')], say), 0);
        const server = new BetterSqlite3(file!);
        server.pragma('journal_mode = WAL');
        server.prepare('select count(*) from events').get();
        try {
          out.length = 0;
          assert.equal(await run(['restore', '--from', path.join(dataDir, 'good.db')], say), 1);
          assert.match(out.join('\n'), /is in use \(stop the server before a restore\)/);
        } finally {
          server.close();
        }
        assert.deepEqual(slugs(file!), ['labcamp-2', 'labcamp-2020']);
      });
    });
  }

  if (testDialects().includes('postgres')) {
    test('on PostgreSQL, backup points to pg_dump', async () => {
      await withCli('postgres', async ({ say, out }) => {
        assert.equal(await run(['backup'], say), 2);
        assert.match(out.join('\n'), /pg_dump --format=custom/);
      });
    });
  }
});
