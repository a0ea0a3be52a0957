// One owner at a time, across processes, for a resource on disk (the embedded register, the
// project's files while one is saved): an owner file made with O_EXCL, mode 0600, naming the
// owner's process (pid, host, and its start time so a reused pid is not taken for it). A lock is
// taken from its owner only when that process is gone — never because a file is old: an owner
// whose event loop is busy for a minute still owns it. Everything between reading a dead
// owner's file and removing it is synchronous, guarded by a take-over directory, so two
// processes that find the same dead owner never both take it.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, rmdirSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';

export interface Owner {
  pid: number;
  host: string;
  /** the process's start time as the kernel gives it (Linux), to tell a reused pid */
  started: string | null;
  /** what the owner is doing, as messages name it (e.g. "tiaoli serve") */
  what: string;
  since: string;
  token: string;
}

/** A lock this process holds: release it once (it is released at exit too). */
export interface Held {
  owner: Owner;
  /** whether the lock file still names this holder (nobody removed it by hand) */
  stillHeld(): boolean;
  release(): void;
}

/** The start time of a process (field 22 of /proc/PID/stat), or null where there is no /proc. */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

const ME: Pick<Owner, 'pid' | 'host' | 'started'> = { pid: process.pid, host: hostname(), started: processStart(process.pid) };

/** Whether the process an owner file names is still running (on another host: assumed so, it cannot be checked). */
export function ownerAlive(owner: Owner): boolean {
  if (owner.host !== ME.host) return true;
  if (owner.pid === ME.pid) return owner.started === ME.started || owner.started === null;
  try {
    process.kill(owner.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const started = processStart(owner.pid);
  return started === null || owner.started === null || started === owner.started;
}

/** The owner a lock file names; undefined when there is none; null when it cannot be read as one (being written, or not ours). */
export function readOwner(path: string): Owner | undefined | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? undefined : null;
  }
  try {
    const o = JSON.parse(text) as Partial<Owner>;
    if (typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.token === 'string') {
      return { pid: o.pid, host: o.host, started: typeof o.started === 'string' ? o.started : null, what: String(o.what ?? ''), since: String(o.since ?? ''), token: o.token };
    }
  } catch {
    // a file half written by its owner: read again shortly
  }
  return null;
}

const held = new Map<string, Owner>();
process.once('exit', () => {
  for (const [path, owner] of held) releaseIfOurs(path, owner);
});

function releaseIfOurs(path: string, owner: Owner): void {
  if (readOwner(path)?.token === owner.token) {
    try {
      unlinkSync(path);
    } catch {
      // gone already
    }
  }
  held.delete(path);
}

/** A take-over left by a process killed in its few synchronous lines: older than this is left over. */
const TAKEOVER_LEFT_MS = 30_000;

/** Removes the lock file of an owner that is gone, if it still names that owner; synchronous. */
function removeDead(path: string, dead: Owner): void {
  const guard = `${path}.takeover`;
  try {
    mkdirSync(guard, { mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    try {
      if (Date.now() - statSync(guard).mtimeMs > TAKEOVER_LEFT_MS) rmdirSync(guard);
    } catch {
      // taken away meanwhile
    }
    return;
  }
  try {
    if (readOwner(path)?.token === dead.token) unlinkSync(path);
  } finally {
    rmdirSync(guard);
  }
}

/** Takes the lock now if no live process owns it: the lock held, or the live owner. */
export function tryLock(path: string, what: string, extra: Record<string, unknown> = {}): { held: Held } | { owner: Owner | null } {
  for (let attempt = 0; attempt < 3; attempt++) {
    const owner: Owner = { ...ME, what, since: new Date().toISOString(), token: randomBytes(12).toString('hex') };
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const current = readOwner(path);
      if (current === undefined) continue; // released meanwhile
      if (current === null) {
        // a directory left by an older tiaoli (proper-lockfile), untouched for long: gone with its process
        try {
          const s = statSync(path);
          if (s.isDirectory() && Date.now() - s.mtimeMs > TAKEOVER_LEFT_MS) {
            rmdirSync(path);
            continue;
          }
        } catch {
          continue;
        }
        return { owner: null };
      }
      if (ownerAlive(current)) return { owner: current };
      removeDead(path, current);
      continue;
    }
    try {
      writeSync(fd, JSON.stringify({ ...extra, ...owner }));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    held.set(path, owner);
    let released = false;
    return {
      held: {
        owner,
        stillHeld: () => !released && readOwner(path)?.token === owner.token,
        release: () => {
          if (released) return;
          released = true;
          releaseIfOurs(path, owner);
        },
      },
    };
  }
  return { owner: readOwner(path) ?? null };
}

export class LockBusy extends Error {
  constructor(message: string, readonly owner: Owner | null) {
    super(message);
    this.name = 'LockBusy';
  }
}

export interface LockWait {
  /** how long to wait for a live owner to finish (ms); 0: not at all */
  wait: number;
  /** said once when the lock is found taken and we wait */
  onWait?: (owner: Owner | null) => void;
  /** the message when waiting did not help */
  busy: (owner: Owner | null) => string;
  /** what the owner file also says (e.g. a server's address) */
  extra?: Record<string, unknown>;
}

/** Takes the lock, waiting up to `wait` ms for a live owner to let it go. */
export async function lock(path: string, what: string, options: LockWait): Promise<Held> {
  const until = Date.now() + options.wait;
  let told = false;
  for (;;) {
    const got = tryLock(path, what, options.extra);
    if ('held' in got) return got.held;
    if (Date.now() >= until) throw new LockBusy(options.busy(got.owner), got.owner);
    if (!told) {
      told = true;
      options.onWait?.(got.owner);
    }
    await new Promise((resolve) => setTimeout(resolve, 20 + Math.floor(Math.random() * 60)));
  }
}

/** How an owner is named in a message: 进程 1234（tiaoli serve，自 2026-12-07 20:41 起）. */
export function describeOwner(owner: Owner | null): string {
  if (!owner) return '另一个进程';
  const since = owner.since ? `，自 ${owner.since.slice(0, 16).replace('T', ' ')}（UTC）起` : '';
  const host = owner.host !== ME.host ? `主机 ${owner.host} 上的` : '';
  return `${host}进程 ${owner.pid}（${owner.what || '未知'}${since}）`;
}
