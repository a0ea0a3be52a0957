// The owner lock (engine/core/owner-lock.ts) that guards the embedded register and the
// project's saves: an owner file is never taken from a live process, however old it is (the
// lost numbers and the double saves came from a 10 s staleness rule under load); it is taken
// from a process that is gone, from a reused pid (another start time), and a half-written or
// foreign file is not taken for a dead owner. Everything hostile in the file is data.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processStart, readOwner, tryLock } from '../../engine/core/owner-lock.js';

const dir = () => mkdtempSync(join(tmpdir(), 'tiaoli-owner-lock-'));
const ownerFile = (path: string, owner: Record<string, unknown>, ageSeconds = 0) => {
  writeFileSync(path, JSON.stringify({ host: hostname(), what: 'test', since: new Date().toISOString(), token: 'theirs', ...owner }));
  const then = Date.now() / 1000 - ageSeconds;
  utimesSync(path, then, then);
};

describe('the owner lock', () => {
  it('is made 0600, held once, and released', () => {
    const path = join(dir(), 'x.lock');
    const got = tryLock(path, 'first');
    expect('held' in got).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(tryLock(path, 'second')).toMatchObject({ owner: { pid: process.pid, what: 'first' } });
    if ('held' in got) {
      expect(got.held.stillHeld()).toBe(true);
      got.held.release();
    }
    expect(readOwner(path)).toBeUndefined();
  });

  it('is never taken from a live process, however old its file', async () => {
    const path = join(dir(), 'x.lock');
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      await new Promise((resolve) => live.once('spawn', resolve));
      ownerFile(path, { pid: live.pid, started: processStart(live.pid!) }, 3600);
      expect(tryLock(path, 'thief')).toMatchObject({ owner: { pid: live.pid } });
      expect(readOwner(path)?.token).toBe('theirs');
    } finally {
      live.kill('SIGKILL');
      await new Promise((resolve) => live.once('exit', resolve));
    }
    // its process gone: taken at once, whatever the file's age
    utimesSync(path, new Date(), new Date());
    const got = tryLock(path, 'next');
    expect('held' in got).toBe(true);
    if ('held' in got) got.held.release();
  });

  it('is taken from a reused pid (the same pid, another start time), not from an unreadable or foreign file', () => {
    const path = join(dir(), 'x.lock');
    ownerFile(path, { pid: process.pid, started: 'not-this-start' });
    const got = tryLock(path, 'after reuse');
    expect('held' in got).toBe(true);
    if ('held' in got) got.held.release();
    for (const text of ['{"pid": 1, "host"', '[]', '{"__proto__": {"pid": 1}}', 'x'.repeat(10_000)]) {
      writeFileSync(path, text);
      expect(tryLock(path, 'hostile')).toEqual({ owner: null });
      expect(readFileSync(path, 'utf8')).toBe(text);
    }
  });

  it('a lock on another host is not taken: its process cannot be checked from here', () => {
    const path = join(dir(), 'x.lock');
    ownerFile(path, { pid: 1, host: 'another-host', started: null }, 3600);
    expect(tryLock(path, 'here')).toMatchObject({ owner: { host: 'another-host' } });
  });
});
