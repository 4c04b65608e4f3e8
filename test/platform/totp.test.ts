// TOTP against the RFC 6238 test vectors (SHA-1 seed), base32 round trips, the ±1 step window and
// single use.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { base32Decode, base32Encode, newTotpSecret, otpauthUri, totpCode, totpStep, verifyTotp } from '../../src/platform/totp.js';

const SEED = Buffer.from('12345678901234567890');

describe('TOTP', () => {
  test('RFC 6238 appendix B vectors (SHA-1, 8 digits)', () => {
    const vectors: Array<[number, string]> = [[59, '94287082'], [1111111109, '07081804'], [1111111111, '14050471'], [1234567890, '89005924'], [2000000000, '69279037'], [20000000000, '65353130']];
    for (const [seconds, code] of vectors) assert.equal(totpCode(SEED, Math.floor(seconds / 30), 8), code, String(seconds));
    assert.equal(totpCode(SEED, 1), '287082', 'six digits: the last six');
  });

  test('base32 round trips and refuses other characters', () => {
    assert.equal(base32Encode(SEED), 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }), (bytes) => {
      assert.deepEqual(base32Decode(base32Encode(bytes)), Buffer.from(bytes));
    }));
    assert.equal(base32Decode('not base32!'), null);
    assert.deepEqual(base32Decode('gezd gnbv'), base32Decode('GEZDGNBV'));
    assert.equal(newTotpSecret().length, 32);
  });

  test('a code is accepted in its step and one either side, once, and never a wrong one', () => {
    const secret = base32Encode(SEED);
    const at = new Date(1_700_000_000_000);
    const step = totpStep(at);
    assert.equal(verifyTotp(secret, totpCode(SEED, step), at, null), step);
    assert.equal(verifyTotp(secret, totpCode(SEED, step - 1), at, null), step - 1, 'a code from 30 s ago');
    assert.equal(verifyTotp(secret, totpCode(SEED, step + 1), at, null), step + 1, 'a clock a little ahead');
    assert.equal(verifyTotp(secret, totpCode(SEED, step - 2), at, null), null, 'too old');
    assert.equal(verifyTotp(secret, totpCode(SEED, step), at, step), null, 'used already');
    assert.equal(verifyTotp(secret, '000000', at, null) === null || totpCode(SEED, step) === '000000', true);
    assert.equal(verifyTotp(secret, '12345', at, null), null);
    assert.equal(verifyTotp(secret, 'abcdef', at, null), null);
    assert.equal(verifyTotp(secret, ` ${totpCode(SEED, step).slice(0, 3)} ${totpCode(SEED, step).slice(3)} `, at, null), step, 'spaces as apps show them');
  });

  test('the otpauth URI apps read', () => {
    assert.equal(otpauthUri('ABC', 'lea@stadt.example', 'LabCamp'), 'otpauth://totp/LabCamp%3Alea%40stadt.example?secret=ABC&issuer=LabCamp&algorithm=SHA1&digits=6&period=30');
  });
});
