// Passwords are kept as argon2id hashes (memory-hard: a stolen database is slow to guess
// from) in the PHC string format, $argon2id$v=19$m=…,t=…,p=…$salt$hash, so the cost can be
// raised later and old hashes still verify. The cost is OWASP's minimum for argon2id
// (19 MiB, 2 passes): about 0.2 s in this pure-JavaScript implementation on one core, unless
// the office sets another in TIAOLI_PASSWORD_COST (a hash keeps the cost it was made with).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { argon2idAsync } from '@noble/hashes/argon2.js';

/** argon2id's cost: memory in KiB, passes, lanes. */
export interface PasswordCost { readonly m: number; readonly t: number; readonly p: number }
/** OWASP's minimum for argon2id: what new passwords are hashed with unless the office says otherwise. */
export const OWASP_COST: PasswordCost = { m: 19_456, t: 2, p: 1 };
export const PASSWORD_COST_VARIABLE = 'TIAOLI_PASSWORD_COST';
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

/** A cost within what is taken from a stored hash too (a tampered row cannot ask for 10 GB). */
const sane = (c: PasswordCost): boolean => c.p >= 1 && c.p <= 4 && c.m >= 8 * c.p && c.m <= 262_144 && c.t >= 1 && c.t <= 10;

/**
 * The cost the office set in TIAOLI_PASSWORD_COST (`m=19456,t=2,p=1`: KiB, passes, lanes), or
 * OWASP's minimum when it set none; a malformed or unbounded one is an error naming the variable.
 */
export function passwordCost(env: Record<string, string | undefined> = process.env): PasswordCost {
  const text = env[PASSWORD_COST_VARIABLE];
  if (text === undefined || text === '') return OWASP_COST;
  const m = /^m=(\d{1,7}),t=(\d{1,2}),p=(\d{1,2})$/.exec(text.trim());
  const cost = m ? { m: Number(m[1]), t: Number(m[2]), p: Number(m[3]) } : undefined;
  if (!cost || !sane(cost)) {
    throw new Error(`${PASSWORD_COST_VARIABLE}=${JSON.stringify(text.slice(0, 40))} 不能用：要写成 m=内存KiB,t=遍数,p=并行数，例如 m=${OWASP_COST.m},t=${OWASP_COST.t},p=${OWASP_COST.p}（m 在 8×p 到 262144 之间，t 在 1 到 10 之间，p 在 1 到 4 之间）`);
  }
  return cost;
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
  if (!sane({ m: m_, t, p })) return false;
  const expected = Buffer.from(m[5], 'base64');
  const got = await argon2idAsync(password, Buffer.from(m[4], 'base64'), { m: m_, t, p, dkLen: expected.length, asyncTick: 20 });
  return got.length === expected.length && timingSafeEqual(got, expected);
}
