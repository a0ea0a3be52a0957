// Passwords are kept as argon2id hashes (memory-hard: a stolen database is slow to guess
// from) in the PHC string format, $argon2id$v=19$m=…,t=…,p=…$salt$hash, so the cost can be
// raised later and old hashes still verify. The cost is OWASP's minimum for argon2id
// (19 MiB, 2 passes): about 0.2 s in this pure-JavaScript implementation on one core.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { argon2idAsync } from '@noble/hashes/argon2.js';

const COST = { m: 19_456, t: 2, p: 1 } as const;
const HASH_BYTES = 32;
/** The longest password taken (a longer one is refused, not cut): hashing is bounded. */
export const MAX_PASSWORD = 200;
export const MIN_PASSWORD = 10;

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64').replace(/=+$/, '');

/** Why a new password is not taken, or undefined. */
export function passwordProblem(password: unknown): string | undefined {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD) return `密码至少 ${MIN_PASSWORD} 个字符`;
  if (password.length > MAX_PASSWORD) return `密码最多 ${MAX_PASSWORD} 个字符`;
  if (password.trim() !== password) return '密码的开头和结尾不能是空格或换行';
  return undefined;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await argon2idAsync(password, salt, { ...COST, dkLen: HASH_BYTES, asyncTick: 20 });
  return `$argon2id$v=19$m=${COST.m},t=${COST.t},p=${COST.p}$${b64(salt)}$${b64(hash)}`;
}

const PHC = /^\$argon2id\$v=19\$m=(\d{1,7}),t=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{16,64})\$([A-Za-z0-9+/]{16,128})$/;

/** Whether `password` is the one `stored` was made from; a malformed or absent hash matches nothing. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const m = stored ? PHC.exec(stored) : null;
  if (!m || typeof password !== 'string' || password.length > MAX_PASSWORD) {
    await hashPassword('not the password'); // the same time whether the account exists or not
    return false;
  }
  const [m_, t, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // a hash from the database is trusted only within sane costs (a tampered row cannot ask for 10 GB)
  if (m_ < 8 || m_ > 262_144 || t < 1 || t > 10 || p < 1 || p > 4) return false;
  const expected = Buffer.from(m[5], 'base64');
  const got = await argon2idAsync(password, Buffer.from(m[4], 'base64'), { m: m_, t, p, dkLen: expected.length, asyncTick: 20 });
  return got.length === expected.length && timingSafeEqual(got, expected);
}
