// Recovery codes for two-factor sign-in: ten one-time codes shown once when TOTP is turned on (or
// renewed), for the day the phone with the authenticator app is lost. Each is 10 characters from
// an alphabet without look-alikes (about 49 bits), written "xxxxx-xxxxx"; only its SHA-256 is
// stored, and one code works once. Typing is forgiving: case, spaces and dashes do not matter.
import { randomInt } from 'node:crypto';
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import { hashToken } from '../../platform/tokens.js';

export const RECOVERY_CODES = 10;
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const LENGTH = 10;

function newCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** The code as stored (hashed): lower case, without spaces and dashes; null if it cannot be one. */
export function normalizeRecoveryCode(input: string): string | null {
  const code = input.toLowerCase().replace(/[\s-]/g, '');
  return code.length === LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}

/** Replaces the organizer's codes with ten new ones and returns them (to be shown once). */
export async function renewRecoveryCodes(trx: Db, clock: Clock, organizerId: number): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODES }, newCode);
  const now = clock.now().toISOString();
  await trx.deleteFrom('recovery_codes').where('organizer_id', '=', organizerId).execute();
  await trx.insertInto('recovery_codes')
    .values(codes.map((code) => ({ organizer_id: organizerId, code_hash: hashToken(normalizeRecoveryCode(code)!), created_at: now, used_at: null })))
    .execute();
  return codes;
}

/** Uses one of the organizer's codes; false if `input` is none of the unused ones. */
export async function useRecoveryCode(trx: Db, clock: Clock, organizerId: number, input: string): Promise<boolean> {
  const code = normalizeRecoveryCode(input);
  if (!code) return false;
  const used = await trx.updateTable('recovery_codes').set({ used_at: clock.now().toISOString() })
    .where('organizer_id', '=', organizerId).where('code_hash', '=', hashToken(code)).where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1;
}

/** How many unused codes the organizer has left. */
export async function recoveryCodesLeft(db: Db, organizerId: number): Promise<number> {
  const row = await db.selectFrom('recovery_codes').select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('organizer_id', '=', organizerId).where('used_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}
