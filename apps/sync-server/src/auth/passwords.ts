import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

/**
 * argon2id at the OWASP baseline (19 MiB, 2 passes, 1 lane). @node-rs/argon2 defaults to argon2id; the
 * algorithm is not passed explicitly because its `Algorithm` is a `const enum`, which isolatedModules
 * cannot import. The hashes are PHC strings (`$argon2id$v=19$m=19456,t=2,p=1$…`), so raising the cost
 * later still verifies old hashes.
 */
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

/** Longest password accepted: long enough for any passphrase, short enough not to be a DoS lever. */
export const MAX_PASSWORD_LENGTH = 1024;
export const MIN_PASSWORD_LENGTH = 10;

/** An email as typed: trimmed and lower-cased, then validated. */
export const emailSchema = z
  .string()
  .max(320)
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.email({ message: 'Enter a valid email address.' }).max(254));

export const passwordSchema = z.string().max(MAX_PASSWORD_LENGTH);

/** Trims and lower-cases an email; `null` when it is not a valid address. */
export function normalizeEmail(raw: string): string | null {
  const result = emailSchema.safeParse(raw);
  return result.success ? result.data : null;
}

// A short list of the passwords that top every breach corpus and still pass the length and class rules.
const COMMON = new Set([
  'password123',
  'password1234',
  'password12345',
  'password1!',
  'passw0rd123',
  'p@ssw0rd123',
  'qwerty12345',
  'qwertyuiop1',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'iloveyou123',
  'letmein1234',
  'welcome1234',
  'welcome123!',
  'abc1234567',
  'abcd123456',
  'admin12345',
  'administrator1',
  'changeme123',
  'football123',
  'monkey12345',
  'sunshine123',
  'princess123',
  'trustno1234',
  'zaq12wsxcde',
  'qazwsxedc123',
  'facet123456',
]);

export const PASSWORD_RULE =
  `Choose a stronger password: at least ${MIN_PASSWORD_LENGTH} characters, mixing at least two of ` +
  'lowercase letters, uppercase letters, digits and symbols, not a well-known password and not your email address.';

function characterClasses(password: string): number {
  const classes = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];
  return classes.filter((c) => c.test(password)).length;
}

/** Why `password` is refused for the account `email`, or `null` when it is acceptable. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length === 0) return `The password is empty. ${PASSWORD_RULE}`;
  if ([...password].length < MIN_PASSWORD_LENGTH) return `The password is too short. ${PASSWORD_RULE}`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `The password is longer than ${MAX_PASSWORD_LENGTH} characters.`;
  if (characterClasses(password) < 2) return `The password uses only one kind of character. ${PASSWORD_RULE}`;
  // 'aaaaaaaaA1' passes the class rule but is one key held down.
  if (new Set(password).size < 4) return `The password repeats too few distinct characters. ${PASSWORD_RULE}`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return `The password is a well-known one. ${PASSWORD_RULE}`;
  const local = email.split('@')[0] ?? '';
  if (lower === email.toLowerCase() || (local.length >= 4 && lower === local.toLowerCase())) {
    return `The password must not be your email address. ${PASSWORD_RULE}`;
  }
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies `password` against `stored` (argon2 compares in constant time). With no stored hash (an
 * unknown email, an account that only signs in through OIDC) it still verifies against a dummy hash
 * of the same cost, so the answer takes as long and timing does not reveal which accounts exist.
 */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    dummyHash ??= hash(randomBytes(18).toString('base64url'), ARGON2);
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    // A malformed stored hash is a refused login, not a 500.
    return false;
  }
}
