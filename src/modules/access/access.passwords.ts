// Password hashing for organizer accounts (ADR 13): argon2id with the OWASP parameters
// (19 MiB memory, 2 iterations, 1 lane). The parameters live in the PHC string of every hash,
// so stronger ones later apply to new hashes while old ones still verify.
import { type Algorithm, hash, verify } from '@node-rs/argon2';

export const PASSWORD_LIMITS = { min: 12, max: 200 } as const;

/** Algorithm.Argon2id: a const enum, which isolated modules cannot read. */
const ARGON2ID = 2 as Algorithm.Argon2id;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummy: Promise<string> | null = null;

/**
 * Checks a password against a stored hash. Without a hash (unknown address, account without a
 * password) it verifies against a dummy hash all the same, so the answer takes as long either
 * way and does not tell whether an account exists.
 */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  dummy ??= hashPassword('labcamp-dummy-password-for-constant-time');
  const target = stored ?? (await dummy);
  try {
    const ok = await verify(target, password);
    return stored !== null && ok;
  } catch {
    // A malformed stored hash is a wrong password, not a crash.
    return false;
  }
}
