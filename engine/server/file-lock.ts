// One writer at a time per project, across processes (`npm start` and `npm run dev` on the
// same folder): a lock directory `.tiaoli.lock` in the project (proper-lockfile: mkdir is
// atomic; the holder refreshes its mtime, so a lock left by a killed process goes stale).
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

export const LOCK_NAME = '.tiaoli.lock';

export class LockBusyError extends Error {}

export class ProjectLock {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly root: string, private readonly options: { stale?: number; wait?: number } = {}) {}

  /** Runs `work` holding the lock: in this process (a queue) and across processes (the lock directory). */
  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(() => this.holding(work));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Resolves when every save queued in this process has finished. */
  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  private async holding<T>(work: () => Promise<T>): Promise<T> {
    const stale = this.options.stale ?? 10_000;
    const wait = this.options.wait ?? 15_000;
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(this.root, {
        lockfilePath: join(this.root, LOCK_NAME),
        realpath: false,
        stale,
        update: Math.max(1000, Math.floor(stale / 4)),
        retries: { retries: Math.ceil(wait / 100), factor: 1, minTimeout: 20, maxTimeout: 100, randomize: true },
        // A lock taken over because we stalled must not end the server: the write under it is
        // already guarded by the version compare, and the next save takes a fresh lock.
        onCompromised: () => undefined,
      });
    } catch (e) {
      throw new LockBusyError(`项目正被另一个进程写入（${LOCK_NAME}），请稍后再试：${(e as Error).message}`);
    }
    try {
      return await work();
    } finally {
      await release().catch(() => undefined);
    }
  }
}
