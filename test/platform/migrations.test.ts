import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestDatabase, testDialects } from '../helpers/databases.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { allMigrations, migrateToLatest, migrator } from '../../src/platform/db/migrate.js';

for (const dialect of testDialects()) {
  describe(`migrations (${dialect})`, () => {
    test('run up, all the way down, and up again', async () => {
      const testDb = await createTestDatabase(dialect);
      const database = openDatabase(testDb.config);
      try {
        const up = await migrateToLatest(database.db);
        assert.deepEqual(up.results?.map((r) => r.migrationName), Object.keys(allMigrations).sort());
        assert.equal((await migrateToLatest(database.db)).results?.length, 0, 'a second run changes nothing');
        const m = migrator(database.db);
        for (let i = 0; i < Object.keys(allMigrations).length; i++) {
          const down = await m.migrateDown();
          assert.equal(down.error, undefined);
        }
        const tables = await database.db.introspection.getTables();
        assert.deepEqual(tables.map((t) => t.name).filter((n) => !n.startsWith('kysely_')), []);
        await migrateToLatest(database.db);
        assert.ok((await database.db.introspection.getTables()).some((t) => t.name === 'events'));
      } finally {
        await database.close();
        await testDb.drop();
      }
    });

    test('a database of an earlier version, without migrations added since in lower ranges, upgrades', async () => {
      const testDb = await createTestDatabase(dialect);
      const database = openDatabase(testDb.config);
      try {
        const added = ['0110-events-ical-sequence', '0320-access-api-tokens'];
        const earlier = Object.fromEntries(Object.entries(allMigrations).filter(([name]) => !added.includes(name)));
        const first = await migrator(database.db, earlier).migrateToLatest();
        assert.equal(first.error, undefined);
        const upgrade = await migrateToLatest(database.db);
        assert.deepEqual(upgrade.results?.map((r) => [r.migrationName, r.status]), added.map((name) => [name, 'Success']));
        const columns = (await database.db.introspection.getTables()).find((t) => t.name === 'events')?.columns.map((c) => c.name);
        assert.ok(columns?.includes('ical_sequence'));
      } finally {
        await database.close();
        await testDb.drop();
      }
    });

    test('the database refuses an event that ends before it starts', async () => {
      const testDb = await createTestDatabase(dialect);
      const database = openDatabase(testDb.config);
      try {
        await migrateToLatest(database.db);
        const row = {
          slug: 'x', status: 'published' as const, starts_at: '2020-05-26T13:00:00.000Z', ends_at: '2020-05-26T12:00:00.000Z', time_zone: 'Europe/Berlin',
          language: 'de', attendance_mode: 'online' as const, venue: null, confidential: 1, registration_opens_at: null, registration_closes_at: null,
          capacity: null, contact_email: 'a@b.de', title: '{}', summary: '{}', description: '{}', discussion: '{}', format: '{}', audience: '{}', access_note: '{}',
          created_at: '2020-01-01T00:00:00.000Z', updated_at: '2020-01-01T00:00:00.000Z',
        };
        await assert.rejects(database.db.insertInto('events').values(row).execute());
        await assert.rejects(database.db.insertInto('events').values({ ...row, ends_at: '2020-05-26T15:00:00.000Z', status: 'archived' as never }).execute());
        if (dialect === 'sqlite') {
          const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db);
          assert.equal(mode.rows[0]?.journal_mode, 'wal');
        }
      } finally {
        await database.close();
        await testDb.drop();
      }
    });
  });
}
