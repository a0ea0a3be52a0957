// An office sets what its accounts' passwords are hashed with (TIAOLI_PASSWORD_COST); a hash
// keeps the cost it was made with, so raising the cost later leaves old passwords working.
import { describe, expect, it } from 'vitest';
import { hashPassword, OWASP_COST, passwordCost, verifyPassword } from '../../engine/accounts/password.js';

describe('the password cost an office sets', () => {
  it('is OWASP’s minimum for argon2id unless the office sets another', () => {
    expect(passwordCost({})).toEqual({ m: 19_456, t: 2, p: 1 });
    expect(passwordCost({ TIAOLI_PASSWORD_COST: '' })).toBe(OWASP_COST);
    expect(passwordCost({ TIAOLI_PASSWORD_COST: 'm=65536,t=3,p=2' })).toEqual({ m: 65_536, t: 3, p: 2 });
  });

  it('is written into each hash, which verifies under any later cost', async () => {
    const cheap = await hashPassword('counter-desk-2019', { m: 64, t: 1, p: 1 });
    expect(cheap).toMatch(/^\$argon2id\$v=19\$m=64,t=1,p=1\$/);
    expect(await verifyPassword('counter-desk-2019', cheap, OWASP_COST)).toBe(true);
    expect(await verifyPassword('counter-desk-2018', cheap, OWASP_COST)).toBe(false);
    const owasp = await hashPassword('counter-desk-2019');
    expect(owasp).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword('counter-desk-2019', owasp, { m: 64, t: 1, p: 1 })).toBe(true);
  }, 30_000);
});
