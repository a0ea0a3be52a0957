// TIAOLI_PASSWORD_COST is read as the office wrote it: anything but `m=…,t=…,p=…` within the
// bounds a stored hash is held to (no 10 GB of memory per sign-in, no zero passes) is refused,
// naming the variable, before the register opens.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { passwordCost } from '../../engine/accounts/password.js';
import { openRegister } from '../../engine/register/open-register.js';

const refused = ['m=10485760,t=2,p=1', 'm=19456,t=0,p=1', 'm=19456,t=2,p=0', 'm=19456,t=11,p=1', 'm=4,t=1,p=1', 'm=16,t=1,p=4',
  'm=19456', '19456,2,1', 'm=19456,t=2,p=1;rm -rf /', 'm=1e5,t=2,p=1', 'm=-1,t=2,p=1', 'M=19456,T=2,P=1', '__proto__', 'm=19456,t=2,p=1,m=8'];

describe('a password cost that cannot be used', () => {
  it.each(refused)('%s is refused, naming TIAOLI_PASSWORD_COST', (text) => {
    expect(() => passwordCost({ TIAOLI_PASSWORD_COST: text })).toThrow(/^TIAOLI_PASSWORD_COST=.*不能用：要写成 m=内存KiB,t=遍数,p=并行数/);
  });

  it('stops the register from opening, before any database is made', async () => {
    const data = mkdtempSync(join(tmpdir(), 'tiaoli-cost-'));
    await expect(openRegister(data, { env: { TIAOLI_DATA: data, TIAOLI_PASSWORD_COST: 'm=10485760,t=2,p=1' } })).rejects.toThrow(/TIAOLI_PASSWORD_COST/);
  });
});
