// Passwords are kept as argon2id hashes (memory-hard: a stolen database is slow to guess
// from) in the PHC string format, $argon2id$v=19$m=…,t=…,p=…$salt$hash, so the cost can be
// raised later and old hashes still verify. The cost is OWASP's minimum for argon2id
// (19 MiB, 2 passes): about 0.2 s in this pure-JavaScript implementation on one core, unless
// the office sets another in TIAOLI_PASSWORD_COST (a hash keeps the cost it was made with).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { argon2idAsync } from '@noble/hashes/argon2.js';
import { OWASP_COST, saneCost, type PasswordCost } from '../register/password-cost.js';

export { OWASP_COST, passwordCost, type PasswordCost } from '../register/password-cost.js';

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

export async function hashPassword(password: string, cost: PasswordCost = OWASP_COST): Promise<string> {
  const salt = randomBytes(16);
  const hash = await argon2idAsync(password, salt, { m: cost.m, t: cost.t, p: cost.p, dkLen: HASH_BYTES, asyncTick: 20 });
  return `$argon2id$v=19$m=${cost.m},t=${cost.t},p=${cost.p}$${b64(salt)}$${b64(hash)}`;
}

const PHC = /^\$argon2id\$v=19\$m=(\d{1,7}),t=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{16,64})\$([A-Za-z0-9+/]{16,128})$/;

/**
 * Whether `password` is the one `stored` was made from; a malformed or absent hash matches
 * nothing, after as long as a check at `cost` (the office's) takes.
 */
export async function verifyPassword(password: string, stored: string | null, cost: PasswordCost = OWASP_COST): Promise<boolean> {
  const m = stored ? PHC.exec(stored) : null;
  if (!m || typeof password !== 'string' || password.length > MAX_PASSWORD) {
    await hashPassword('not the password', cost); // the same time whether the account exists or not
    return false;
  }
  const [m_, t, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!saneCost({ m: m_, t, p })) return false; // a tampered row cannot ask for 10 GB
  const expected = Buffer.from(m[5], 'base64');
  const got = await argon2idAsync(password, Buffer.from(m[4], 'base64'), { m: m_, t, p, dkLen: expected.length, asyncTick: 20 });
  return got.length === expected.length && timingSafeEqual(got, expected);
}
