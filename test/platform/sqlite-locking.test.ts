// SQLite with a second process writing (the CLI next to the server): a transaction that reads and
// then writes waits for the other writer instead of failing with SQLITE_BUSY_SNAPSHOT. The other
// process is a worker thread with its own connection to the same file.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { openDatabase } from '../../src/platform/db/database.js';

const OTHER_PROCESS = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
parentPort.on('message', () => {
  try {
    db.prepare("insert into notes (text) values ('from the other process')").run();
    parentPort.postMessage('written');
  } catch (error) {
    parentPort.postMessage('failed: ' + error.code);
  }
});
parentPort.postMessage('ready');
`;

describe('SQLite next to another process', () => {
  test('a read-then-write transaction waits for the other writer instead of failing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'labcamp-lock-'));
    const file = path.join(dir, 'labcamp.db');
    const database = openDatabase({ dialect: 'sqlite', file });
    const worker = new Worker(OTHER_PROCESS, { eval: true, workerData: { file, driver: path.resolve('node_modules/better-sqlite3') } });
    const next = () => new Promise<string>((resolve) => worker.once('message', resolve));
    try {
      await sql`create table notes (id integer primary key, text text not null)`.execute(database.db);
      assert.equal(await next(), 'ready');
      let other: Promise<string> = Promise.resolve('not asked');
      await database.db.transaction().execute(async (trx) => {
        const before = await sql<{ n: number }>`select count(*) as n from notes`.execute(trx);
        // The other process tries to write while this transaction has read: it has to wait.
        other = next();
        worker.postMessage('write');
        await new Promise((r) => setTimeout(r, 300));
        await sql`insert into notes (text) values (${`after reading ${before.rows[0]!.n}`})`.execute(trx);
      });
      assert.equal(await other, 'written', 'the other process got its turn afterwards');
      const rows = await sql<{ text: string }>`select text from notes order by id`.execute(database.db);
      assert.deepEqual(rows.rows.map((r) => r.text), ['after reading 0', 'from the other process']);
    } finally {
      await worker.terminate();
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
