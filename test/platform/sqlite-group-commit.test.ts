// Group commit on SQLite (ADR 0035): transactions that queue for the one connection share a
// COMMIT, and nobody hears "done" before the COMMIT that made their writes durable. Durability is
// checked from a second connection to the same file (as the CLI or a restarted server would see it)
// at the moment each caller's promise settles.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql, type Transaction } from 'kysely';
import type { Schema } from '../../src/platform/db/schema.js';
import { openDatabase, type Database } from '../../src/platform/db/database.js';

let dir: string;
let file: string;
let database: Database;
let observer: BetterSqlite3.Database;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'labcamp-group-commit-'));
  file = path.join(dir, 'labcamp.db');
  database = openDatabase({ dialect: 'sqlite', file });
  await sql`create table notes (id integer primary key, text text not null unique)`.execute(database.db);
  observer = new BetterSqlite3(file, { readonly: true });
});

afterEach(async () => {
  observer.close();
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** What another connection sees: only committed rows. */
function committed(): string[] {
  return (observer.prepare('select text from notes order by id').all() as Array<{ text: string }>).map((r) => r.text);
}

function insertIn(text: string) {
  return database.db.transaction().execute(async (trx) => {
    // Read, then write, as the registration transaction does.
    await sql`select count(*) from notes`.execute(trx);
    await sql`insert into notes (text) values (${text})`.execute(trx);
    return text;
  });
}

describe('SQLite group commit', () => {
  test('fifty concurrent transactions share a few COMMITs, and each hears "done" only once its row is committed', async () => {
    const stats = database.groupCommit!;
    const before = { ...stats };
    const seenAtAnswer: boolean[] = [];
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        insertIn(`note ${i}`).then((text) => {
          seenAtAnswer.push(committed().includes(text));
        }),
      ),
    );
    assert.equal(seenAtAnswer.length, 50);
    assert.ok(seenAtAnswer.every(Boolean), 'every row was visible to another connection when its caller got the answer');
    assert.equal(committed().length, 50);
    assert.equal(stats.writers - before.writers, 50);
    const commits = stats.commits - before.commits;
    assert.ok(commits >= 1 && commits <= 5, `50 transactions in ${commits} COMMITs`);
  });

  test('a single writing statement outside a transaction also answers only after its COMMIT', async () => {
    const answers = await Promise.all(
      ['a', 'b', 'c'].map((text) =>
        sql`insert into notes (text) values (${text})`.execute(database.db).then(() => committed().includes(text)),
      ),
    );
    assert.deepEqual(answers, [true, true, true]);
  });

  test('a transaction that fails is undone alone; the others of its batch are stored', async () => {
    const results = await Promise.allSettled([
      insertIn('first'),
      database.db.transaction().execute(async (trx) => {
        await sql`insert into notes (text) values ('half written')`.execute(trx);
        throw new Error('the caller gives up after its first write');
      }),
      // A constraint violation: SQLite undoes the statement, the transaction is rolled back.
      insertIn('first'),
      insertIn('second'),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'rejected', 'rejected', 'fulfilled'],
    );
    assert.match(String((results[2] as PromiseRejectedResult).reason), /UNIQUE/);
    assert.deepEqual(committed(), ['first', 'second']);
  });

  test('when the COMMIT fails, every writer of the batch hears so and none of their writes is stored', async () => {
    // A deferred foreign key is checked only at COMMIT: one bad row makes the batch's COMMIT fail.
    await sql`create table parents (id integer primary key)`.execute(database.db);
    await sql`create table children (id integer primary key, parent_id integer not null references parents (id) deferrable initially deferred)`.execute(database.db);
    const results = await Promise.allSettled([
      insertIn('before the bad one'),
      database.db.transaction().execute(async (trx) => {
        await sql`insert into children (parent_id) values (42)`.execute(trx);
      }),
      insertIn('after the bad one'),
      sql`insert into notes (text) values ('single statement')`.execute(database.db),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['rejected', 'rejected', 'rejected', 'rejected'],
    );
    for (const r of results) assert.match(String((r as PromiseRejectedResult).reason), /FOREIGN KEY/);
    assert.deepEqual(committed(), []);
    assert.equal((observer.prepare('select count(*) as n from children').get() as { n: number }).n, 0);
    assert.equal(database.groupCommit!.failedCommits, 1);
    // The next batch starts clean.
    assert.equal(await insertIn('afterwards'), 'afterwards');
    assert.deepEqual(committed(), ['afterwards']);
  });

  test('when SQLite rolls back the batch by itself (as it may after SQLITE_FULL), its writers hear so', async () => {
    // RAISE(ROLLBACK) makes SQLite cancel the whole transaction, as an I/O error or a full disk
    // may: the batch's outer transaction is gone, with every savepoint in it.
    await sql`create table poison (x integer)`.execute(database.db);
    await sql`create trigger poison_rolls_back before insert on poison begin select raise(rollback, 'whole transaction gone'); end`.execute(database.db);
    const poison = (trx: Transaction<Schema>) => sql`insert into poison (x) values (1)`.execute(trx);

    const carriedOn = await Promise.allSettled([
      insertIn('lost with the batch'),
      database.db.transaction().execute(async (trx) => {
        await sql`insert into notes (text) values ('the one that hit the error')`.execute(trx);
        await poison(trx).catch(() => {}); // the caller ignores the error and carries on
        await sql`insert into notes (text) values ('after the rollback')`.execute(trx);
      }),
    ]);
    assert.deepEqual(carriedOn.map((r) => r.status), ['rejected', 'rejected']);
    assert.match(String((carriedOn[0] as PromiseRejectedResult).reason), /SQLite rolled back the batch/);
    assert.match(String((carriedOn[1] as PromiseRejectedResult).reason), /rolled back by SQLite/);

    const gaveUp = await Promise.allSettled([
      insertIn('lost with the second batch'),
      database.db.transaction().execute((trx) => poison(trx)),
    ]);
    assert.deepEqual(gaveUp.map((r) => r.status), ['rejected', 'rejected']);
    assert.match(String((gaveUp[0] as PromiseRejectedResult).reason), /SQLite rolled back the batch/);
    assert.match(String((gaveUp[1] as PromiseRejectedResult).reason), /whole transaction gone/);

    assert.deepEqual(committed(), []);
    assert.equal(await insertIn('afterwards'), 'afterwards');
    assert.deepEqual(committed(), ['afterwards']);
  });

  test('closed in the middle of a transaction: the finished ones of the batch are kept, the half-done one is not', async () => {
    let halfway!: () => void;
    const reachedHalfway = new Promise<void>((resolve) => (halfway = resolve));
    const finished = insertIn('finished before the shutdown');
    const halfDone = database.db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into notes (text) values ('first half')`.execute(trx);
        halfway();
        await new Promise((r) => setTimeout(r, 50));
        await sql`insert into notes (text) values ('second half')`.execute(trx);
      })
      .catch((error: unknown) => error);
    await reachedHalfway;
    await database.close();
    assert.equal(await finished, 'finished before the shutdown');
    assert.ok((await halfDone) instanceof Error, 'the half-done transaction failed');
    assert.deepEqual(committed(), ['finished before the shutdown']);
    database = openDatabase({ dialect: 'sqlite', file }); // for afterEach
  });

  test('PRAGMA is refused inside a transaction and commits a waiting batch first outside one', async () => {
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        await sql`pragma foreign_keys = off`.execute(trx);
      }),
      /Cannot run inside a transaction/,
    );
    const [, pragma] = await Promise.all([insertIn('x'), sql`pragma foreign_keys`.execute(database.db)]);
    assert.deepEqual(pragma.rows, [{ foreign_keys: 1 }]);
    assert.deepEqual(committed(), ['x']);
  });
});
