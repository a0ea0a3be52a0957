// `tiaoli serve` opens the register at start, after the first page's answer and before any
// request asks for it, so the first 登记 does not wait while the register is made; a register
// that cannot be opened then is said on stderr and tried again at first use.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startServer } from '../../engine/server/serve.js';
import { RegisterAccess } from '../../engine/register/open-register.js';
import type { Register } from '../../engine/register/register.js';
import { projectCopy } from '../support/project-copy.js';
import { fakeStudio } from '../support/studio-server.js';

const closing: Array<() => Promise<void>> = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const close of closing.splice(0)) await close();
});

/** A register access that counts its openings; the first `failures` of them fail. */
function counted(failures = 0) {
  const calls = { opened: 0 };
  const access = new RegisterAccess(async () => {
    calls.opened += 1;
    if (calls.opened <= failures) throw new Error('数据目录不可写');
    return { close: async () => undefined } as unknown as Register;
  });
  return { calls, access };
}

describe('the register at server start', () => {
  it('is opened without a request when asked to (tiaoli serve)', async () => {
    const { calls, access } = counted();
    const server = await startServer({ root: projectCopy(), port: 0, host: '127.0.0.1', studio: fakeStudio(), register: access, openRegisterAtStart: true });
    closing.push(server.close);
    await expect.poll(() => calls.opened, { timeout: 60_000 }).toBe(1);
    await access.get(); // the first store finds it open
    expect(calls.opened).toBe(1);
  });

  it('that fails to open is said on stderr and opened at first use', async () => {
    const said: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args) => void said.push(args.join(' ')));
    const { calls, access } = counted(1);
    const server = await startServer({ root: projectCopy(), port: 0, host: '127.0.0.1', studio: fakeStudio(), register: access, openRegisterAtStart: true });
    closing.push(server.close);
    await expect.poll(() => said.join('\n'), { timeout: 60_000 }).toContain('台账未能在启动时打开（首次登记时再试）：数据目录不可写');
    await access.get();
    expect(calls.opened).toBe(2);
  });
});
