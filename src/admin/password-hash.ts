import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export const MIN_PASSWORD_LENGTH = 10;
/** Longer inputs are refused before hashing, so a huge "password" cannot cost CPU time. */
export const MAX_PASSWORD_LENGTH = 256;

export interface ScryptParameters {
  /** CPU/memory cost, a power of two. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** About 32 MiB and a few tens of milliseconds per hash. */
export const DEFAULT_SCRYPT: ScryptParameters = { N: 2 ** 15, r: 8, p: 1 };

const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** `scrypt$N$r$p$salt$key`, salt and key in base64url. */
const FORMAT = /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]{16,64})\$([A-Za-z0-9_-]{40,88})$/;

/** Hashes a password with scrypt and a random salt; the parameters travel in the result. */
export async function hashPassword(password: string, parameters: ScryptParameters = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, parameters);
  const { N, r, p } = parameters;
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Whether `password` matches `hash` (compared in constant time); false for a malformed hash. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const m = FORMAT.exec(hash);
  if (!m || password.length > MAX_PASSWORD_LENGTH) return false;
  const parameters = { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (!isPowerOfTwo(parameters.N) || parameters.N > 2 ** 20 || !inRange(parameters.r, 1, 32) || !inRange(parameters.p, 1, 16)) return false;
  const expected = Buffer.from(m[5] ?? '', 'base64url');
  const actual = await derive(password, Buffer.from(m[4] ?? '', 'base64url'), expected.length, parameters);
  return timingSafeEqual(actual, expected);
}

function derive(password: string, salt: Buffer, length: number, { N, r, p }: ScryptParameters): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node refuses more than maxmem (32 MiB by default).
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

const isPowerOfTwo = (n: number): boolean => n > 1 && (n & (n - 1)) === 0;
const inRange = (n: number, min: number, max: number): boolean => n >= min && n <= max;
