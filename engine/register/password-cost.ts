// What an office hashes its accounts' passwords with (argon2id, engine/accounts/password.ts):
// set with the register's other settings, in the environment (TIAOLI_PASSWORD_COST), and
// carried by the Register so that the server and `tiaoli accounts` hash alike.

/** argon2id's cost: memory in KiB, passes, lanes. */
export interface PasswordCost { readonly m: number; readonly t: number; readonly p: number }
/** OWASP's minimum for argon2id: what new passwords are hashed with unless the office says otherwise. */
export const OWASP_COST: PasswordCost = { m: 19_456, t: 2, p: 1 };
export const PASSWORD_COST_VARIABLE = 'TIAOLI_PASSWORD_COST';
/** A cost within what is taken from a stored hash too (a tampered row cannot ask for 10 GB). */
export const saneCost = (c: PasswordCost): boolean => c.p >= 1 && c.p <= 4 && c.m >= 8 * c.p && c.m <= 262_144 && c.t >= 1 && c.t <= 10;

/**
 * The cost the office set in TIAOLI_PASSWORD_COST (`m=19456,t=2,p=1`: KiB, passes, lanes), or
 * OWASP's minimum when it set none; a malformed or unbounded one is an error naming the variable.
 */
export function passwordCost(env: Record<string, string | undefined> = process.env): PasswordCost {
  const text = env[PASSWORD_COST_VARIABLE];
  if (text === undefined || text === '') return OWASP_COST;
  const m = /^m=(\d{1,7}),t=(\d{1,2}),p=(\d{1,2})$/.exec(text.trim());
  const cost = m ? { m: Number(m[1]), t: Number(m[2]), p: Number(m[3]) } : undefined;
  if (!cost || !saneCost(cost)) {
    throw new Error(`${PASSWORD_COST_VARIABLE}=${JSON.stringify(text.slice(0, 40))} 不能用：要写成 m=内存KiB,t=遍数,p=并行数，例如 m=${OWASP_COST.m},t=${OWASP_COST.t},p=${OWASP_COST.p}（m 在 8×p 到 262144 之间，t 在 1 到 10 之间，p 在 1 到 4 之间）`);
  }
  return cost;
}

