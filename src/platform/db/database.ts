// One query layer, two dialects: SQLite (embedded default) and PostgreSQL (scale-out).
// Everything above this file talks to Kysely and never to the driver.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { DatabaseConfig } from '../../config.js';
import type { Schema } from './schema.js';
import { type GroupCommitStats, GroupCommitSqliteDialect, type SqliteHandle } from './sqlite-group-commit.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Schema>;

export interface Database {
  db: Db;
  dialect: Dialect;
  /** SQLite only: how many transactions shared how many COMMITs (sqlite-group-commit.ts). */
  groupCommit?: GroupCommitStats;
  /** Cheap round trip used by /healthz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function openDatabase(config: DatabaseConfig): Database {
  if (config.dialect === 'sqlite') {
    if (config.file !== ':memory:') fs.mkdirSync(path.dirname(config.file), { recursive: true });
    const sqlite = new BetterSqlite3(config.file);
    // WAL lets readers run while a write is in progress; the busy timeout covers a second
    // process (the CLI) writing at the same time as the server.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // SQLite's own lower() knows only ASCII; searches must find "Özdemir" by "özdemir" as on PostgreSQL.
    sqlite.function('lower', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value) as string);
    // Transactions waiting for the one connection share a COMMIT (sqlite-group-commit.ts, ADR 0035).
    const dialect = new GroupCommitSqliteDialect(withStatementCache(sqlite));
    const db = new Kysely<Schema>({ dialect });
    return {
      db,
      dialect: 'sqlite',
      groupCommit: dialect.driver.stats,
      ping: async () => {
        await sql`select 1`.execute(db);
      },
      close: () => db.destroy(),
    };
  }
  // A server that does not answer at all (a host gone away) fails a request after 5 s instead of
  // holding it open; a refused or reset connection fails at once. Either becomes a 503.
  const pool = new pg.Pool({ connectionString: config.url, max: 10, connectionTimeoutMillis: 5000 });
  keepAliveOnServerLoss(pool);
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}

/**
 * A PostgreSQL restart ends every connection with a FATAL message (57P01). pg reports it as an
 * 'error' event of the client; an event nobody listens to ends the Node process. pg-pool listens
 * only while a client is idle in the pool, so one that is checked out between two statements of a
 * transaction would take the whole server down (test/resilience/postgres-restart.test.ts found
 * this). Every client gets a listener of its own: the broken client then fails its next query
 * ("not queryable", answered 503), pg-pool drops it on release, and new connections are made once
 * the server is back.
 */
export function keepAliveOnServerLoss(pool: pg.Pool): void {
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
}

/**
 * Kysely's SQLite driver prepares every statement anew; preparing costs about as much as running
 * a small query (bench/RESULTS.md, registration burst). The same SQL text always gets the same
 * prepared statement back. Safe because the driver only calls all()/run() on it, synchronously,
 * never leaving an iterator open; bounded because SQL with a varying number of parameters
 * (IN lists) makes new texts.
 */
function withStatementCache(sqlite: BetterSqlite3.Database, limit = 500): SqliteHandle {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(text: string) {
      let statement = cache.get(text);
      if (statement) {
        // Most recently used last, so the oldest is the first to go.
        cache.delete(text);
      } else {
        statement = sqlite.prepare(text);
        if (cache.size >= limit) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, statement);
      return statement;
    },
    get inTransaction() {
      return sqlite.inTransaction;
    },
    close() {
      cache.clear();
      sqlite.close();
    },
  };
}
