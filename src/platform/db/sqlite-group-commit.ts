// Group commit for the embedded SQLite database (ADR 0035).
//
// A COMMIT writes every page the transaction touched to the write-ahead log. A registration
// touches about fifteen pages (the row, its answers, token and mail, and their indexes), so under
// a burst the WAL writes — not the statements — were the largest single cost of the form
// (bench/RESULTS.md). Transactions that queue for the one connection anyway now share one COMMIT:
// each runs inside a SAVEPOINT of an open outer transaction, and the outer transaction commits at
// the end of the event loop's turn (or once the batch is big or old enough). Pages that several
// registrations touch are written once.
//
// What callers see does not change:
// - A caller that wrote (a transaction, or a single writing statement) gets its result only after
//   the COMMIT that made its writes durable. If that COMMIT fails, every writer of the batch gets
//   the error and none of their writes is stored — all or nothing per batch, never half a record.
// - A transaction that fails is rolled back to its savepoint; the rest of the batch is unaffected.
// - Reads run on the same connection, so they see transactions that finished but whose batch is
//   not committed yet (milliseconds). Those writers are still waiting for their answer; only a
//   failing COMMIT (disk full, I/O error) would take back what such a read saw.
// - Other processes (the CLI) see only committed batches, as before.
import type BetterSqlite3 from 'better-sqlite3';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SqliteDialect,
  type SqliteDialectConfig,
} from 'kysely';

export interface GroupCommitOptions {
  /** Commit once this many writers joined the batch, even if more are waiting. */
  maxWriters: number;
  /** Commit once the batch is this old when the connection is handed on. */
  maxAgeMs: number;
}

export const GROUP_COMMIT_DEFAULTS: GroupCommitOptions = { maxWriters: 100, maxAgeMs: 10 };

/** What the driver needs of the database: prepared statements (cached) and the raw handle. */
export interface SqliteHandle {
  prepare(sql: string): BetterSqlite3.Statement;
  readonly inTransaction: boolean;
  close(): void;
}

/** Counts what the driver did; read by tests and the benchmark. */
export interface GroupCommitStats {
  commits: number;
  writers: number;
  failedCommits: number;
}

const SAVEPOINT = 'lc_group_tx';
// Statements that manage transactions or connection state themselves must not run inside a batch
// (PRAGMA foreign_keys, for one, is silently ignored inside a transaction).
const OUTSIDE_BATCH = /^\s*(pragma|begin|commit|end|rollback|savepoint|release|vacuum|attach|detach)\b/i;

class Batch {
  readonly startedAt = performance.now();
  writers = 0;
  readonly committed: Promise<void>;
  settle!: (error?: unknown) => void;

  constructor() {
    this.committed = new Promise<void>((resolve, reject) => {
      this.settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    // A batch nobody waits for (only readers joined) must not become an unhandled rejection.
    this.committed.catch(() => {});
  }
}

/** The one connection's current user: set when acquired, read when released. */
interface Use {
  batch: Batch | null;
  inTransaction: boolean;
}

export class GroupCommitSqliteDriver implements Driver {
  readonly stats: GroupCommitStats = { commits: 0, writers: 0, failedCommits: 0 };
  #locked = false;
  #queue: Array<() => void> = [];
  #batch: Batch | null = null;
  #commitWhenFree = false;
  #use: Use = { batch: null, inTransaction: false };
  readonly #connection: DatabaseConnection;

  constructor(
    private readonly sqlite: SqliteHandle,
    private readonly options: GroupCommitOptions = GROUP_COMMIT_DEFAULTS,
  ) {
    this.#connection = {
      executeQuery: <R>(query: CompiledQuery) => this.#execute(query) as Promise<QueryResult<R>>,
      streamQuery: () => this.#noStreaming(),
    };
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    // SQLite has one connection; callers queue for it in order. A batch that is due while callers
    // queue commits once the last of them hands the connection back.
    if (this.#locked) await new Promise<void>((resolve) => this.#queue.push(resolve));
    this.#locked = true;
    this.#use = { batch: null, inTransaction: false };
    return this.#connection;
  }

  async beginTransaction(): Promise<void> {
    // A batch that is old already is committed first rather than kept open for a transaction of
    // unknown length (it may await other work between its statements).
    if (this.#batch && this.#age(this.#batch) >= this.options.maxAgeMs) this.#commit();
    const batch = this.#join();
    this.#run(`savepoint ${SAVEPOINT}`);
    this.#use = { batch, inTransaction: true };
  }

  async commitTransaction(): Promise<void> {
    this.#run(`release ${SAVEPOINT}`);
    this.#use.inTransaction = false;
  }

  async rollbackTransaction(): Promise<void> {
    const batch = this.#use.batch;
    this.#use = { batch: null, inTransaction: false };
    // After some errors (SQLITE_FULL, SQLITE_IOERR) SQLite has rolled back the whole outer
    // transaction by itself: then every writer of the batch has lost its writes and must hear so.
    if (!this.sqlite.inTransaction) {
      if (batch && batch === this.#batch) this.#lose(new Error('SQLite rolled back the batch transaction'));
      return;
    }
    this.#undoTransaction();
    if (batch) batch.writers--;
  }

  async releaseConnection(): Promise<void> {
    const { batch } = this.#use;
    const open = this.#batch;
    if (
      open &&
      ((this.#commitWhenFree && this.#queue.length === 0) ||
        open.writers >= this.options.maxWriters ||
        this.#age(open) >= this.options.maxAgeMs)
    ) {
      this.#commit();
    }
    const next = this.#queue.shift();
    if (next) next();
    else this.#locked = false;
    // The caller's answer waits for the COMMIT that makes its writes durable; the connection is
    // already with the next caller meanwhile, which is what lets the batch grow.
    if (batch) await batch.committed;
  }

  async destroy(): Promise<void> {
    // Closed while a transaction is half-way (a shutdown that did not wait for it): its writes
    // are undone, the finished transactions of the batch are committed.
    if (this.#use.inTransaction && this.sqlite.inTransaction) {
      this.#undoTransaction();
      this.#use.inTransaction = false;
    }
    if (this.#batch) this.#commit();
    this.sqlite.close();
  }

  // Kysely's savepoint API is not offered: savepoints are how the batch keeps transactions apart.
  async savepoint(): Promise<void> {
    throw new Error('Nested savepoints are not supported with group commit');
  }

  async rollbackToSavepoint(): Promise<void> {
    throw new Error('Nested savepoints are not supported with group commit');
  }

  async releaseSavepoint(): Promise<void> {
    throw new Error('Nested savepoints are not supported with group commit');
  }

  #execute(query: CompiledQuery): Promise<QueryResult<unknown>> {
    try {
      return Promise.resolve(this.#executeNow(query));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #executeNow(query: CompiledQuery): QueryResult<unknown> {
    if (this.#batch && !this.sqlite.inTransaction) {
      this.#lose(new Error('SQLite rolled back the batch transaction'));
      if (this.#use.inTransaction) throw new Error('The transaction was rolled back by SQLite');
    }
    if (OUTSIDE_BATCH.test(query.sql)) {
      if (this.#use.inTransaction) throw new Error(`Cannot run inside a transaction: ${query.sql}`);
      if (this.#batch) this.#commit();
      return this.#result(this.sqlite.prepare(query.sql), query.parameters);
    }
    const statement = this.sqlite.prepare(query.sql);
    if (!statement.readonly && !this.#use.inTransaction && !this.#use.batch) {
      // A single writing statement joins the batch like a transaction of one statement; SQLite
      // undoes a failing statement on its own, leaving the rest of the batch as it was.
      this.#use.batch = this.#join();
    }
    return this.#result(statement, query.parameters);
  }

  #result(statement: BetterSqlite3.Statement, parameters: readonly unknown[]): QueryResult<unknown> {
    if (statement.reader) return { rows: statement.all(parameters) };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  #noStreaming(): never {
    throw new Error('Streaming queries are not supported by the SQLite driver');
  }

  /** The open batch, opened if there is none; counts one more writer. */
  #join(): Batch {
    if (!this.#batch) {
      // BEGIN IMMEDIATE takes the write lock up front: a transaction that reads, then writes,
      // would otherwise fail with SQLITE_BUSY_SNAPSHOT when the CLI wrote in between.
      this.#run('begin immediate');
      this.#batch = new Batch();
      // The batch commits when this turn of the event loop is done: requests whose data arrived in
      // the same turn join it. If the connection is busy then, it commits when it is handed back.
      setImmediate(() => {
        if (!this.#batch) return;
        if (this.#locked) this.#commitWhenFree = true;
        else this.#commit();
      });
    }
    this.#batch.writers++;
    this.stats.writers++;
    return this.#batch;
  }

  #commit(): void {
    const batch = this.#batch!;
    this.#batch = null;
    this.#commitWhenFree = false;
    try {
      this.#run('commit');
      this.stats.commits++;
      batch.settle();
    } catch (error) {
      this.stats.failedCommits++;
      try {
        if (this.sqlite.inTransaction) this.#run('rollback');
      } finally {
        batch.settle(error);
      }
    }
  }

  #lose(error: Error): void {
    const batch = this.#batch!;
    this.#batch = null;
    this.#commitWhenFree = false;
    this.stats.failedCommits++;
    batch.settle(error);
  }

  /** Undoes the current transaction's writes; the rest of the batch stays. */
  #undoTransaction(): void {
    this.#run(`rollback to ${SAVEPOINT}`);
    this.#run(`release ${SAVEPOINT}`);
  }

  #run(text: string): void {
    this.sqlite.prepare(text).run();
  }

  #age(batch: Batch): number {
    return performance.now() - batch.startedAt;
  }
}

/** Kysely's SQLite dialect (compiler, adapter, introspection) with the group-commit driver. */
export class GroupCommitSqliteDialect extends SqliteDialect {
  readonly driver: GroupCommitSqliteDriver;

  constructor(sqlite: SqliteHandle, options?: GroupCommitOptions) {
    // The base class wants a database; the driver below is the only thing that uses it.
    super({ database: sqlite as unknown as SqliteDialectConfig['database'] });
    this.driver = new GroupCommitSqliteDriver(sqlite, options);
  }

  override createDriver(): Driver {
    return this.driver;
  }
}
