// Which errors mean "the database cannot be reached right now" rather than "this request is
// wrong" or "our code is wrong". Such a request is answered 503 with Retry-After (app's error
// handler): the visitor is told to try again in a moment, and nothing half-done was kept, since
// the change's transaction did not commit.

/** Seconds a visitor (or a client of the API, or a load balancer) is asked to wait while the database is unreachable. */
export const UNAVAILABLE_RETRY_AFTER = 5;

/** Node's socket errors when the server is gone, refuses, or stops answering. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * PostgreSQL SQLSTATEs of a server that is not available: class 08 (connection exception),
 * 57P01–57P03 (shut down by the administrator, crashed, starting up), 53300 (too many
 * connections), 53100 (disk full). Constraint violations, syntax errors and the like stay 500 or
 * 4xx: waiting does not fix them.
 */
function isUnavailableSqlState(code: string): boolean {
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300' || code === DISK_FULL_SQLSTATE;
}

const DISK_FULL_SQLSTATE = '53100';

/**
 * SQLite's "another process holds the lock" after busy_timeout ran out: it passes. And a full disk
 * (or database at its size limit): the change was not stored, and it passes once an operator has
 * made room — the error handler logs it as an error for them.
 */
const SQLITE_UNAVAILABLE = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_TIMEOUT', 'SQLITE_LOCKED', 'SQLITE_FULL']);

/** True for a full disk, which needs an operator, not just patience. */
export function isStorageFull(error: unknown): boolean {
  for (const { code } of causes(error)) if (code === 'SQLITE_FULL' || code === DISK_FULL_SQLSTATE) return true;
  return false;
}

/** The error and its causes (a driver error wrapped by Kysely or by us), at most five deep. */
function* causes(error: unknown): Generator<{ code?: unknown; message?: unknown }> {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    yield e as { code?: unknown; message?: unknown };
  }
}

/**
 * The pg driver reports a lost connection without a code, only in its message ("Connection
 * terminated unexpectedly", "Connection terminated due to connection timeout"), and pg-pool a
 * full pool that did not free a client in time ("timeout exceeded when trying to connect").
 */
const DRIVER_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable)/;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (const { code, message } of causes(error)) {
    if (typeof code === 'string') {
      if (SOCKET_CODES.has(code) || SQLITE_UNAVAILABLE.has(code)) return true;
      if (/^[0-9A-Z]{5}$/.test(code) && isUnavailableSqlState(code)) return true;
    }
    if (typeof message === 'string' && DRIVER_MESSAGES.test(message)) return true;
  }
  return false;
}
