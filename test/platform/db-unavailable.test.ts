// Which database errors become "503, try again in a moment" and which stay errors.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isDatabaseUnavailable, isStorageFull } from '../../src/platform/db/unavailable.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  test('a server that is gone, shutting down, starting up or full counts as unavailable', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08006', '08001', '53300', '53100', 'SQLITE_BUSY', 'SQLITE_FULL']) {
      assert.ok(isDatabaseUnavailable(withCode(code)), code);
    }
    assert.ok(isDatabaseUnavailable(new Error('Connection terminated unexpectedly')));
    assert.ok(isDatabaseUnavailable(new Error('Connection terminated due to connection timeout')));
    assert.ok(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect')));
    assert.ok(isDatabaseUnavailable(new Error('wrapped', { cause: withCode('ECONNREFUSED') })), 'found in the cause');
  });

  test('mistakes of a request or of our code are not hidden behind a 503', () => {
    for (const code of ['23505', '23503', '42601', '42P01', '22P02', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_ERROR', 'FST_ERR_VALIDATION']) {
      assert.equal(isDatabaseUnavailable(withCode(code)), false, code);
    }
    assert.equal(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')")), false);
    assert.equal(isDatabaseUnavailable(null), false);
    assert.equal(isDatabaseUnavailable('ECONNREFUSED'), false);
  });

  test('a full disk is told apart, so the log asks an operator for room', () => {
    assert.ok(isStorageFull(withCode('SQLITE_FULL')));
    assert.ok(isStorageFull(new Error('wrapped', { cause: withCode('53100') })));
    for (const code of ['SQLITE_BUSY', '53300', '57P01', 'ECONNREFUSED']) assert.equal(isStorageFull(withCode(code)), false, code);
  });
});
