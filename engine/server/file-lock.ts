// One writer at a time per project, across processes (`npm start` and `npm run dev` on the
// same folder): an owner file `.tiaoli.lock` in the project (engine/core/owner-lock.ts). It is
// taken from its holder only when the holder's process is gone, never because it is old: a
// server busy for a minute keeps it, so two saves over one base version can never both go
// through (the store compares the version on disk with the base under this lock).
import { join } from 'node:path';
import { describeOwner, lock, LockBusy } from '../core/owner-lock.js';

export const LOCK_NAME = '.tiaoli.lock';

export class LockBusyError extends Error {}

export class ProjectLock {
  private queue: Promise<unknown> = Promise.resolve();

  /** `wait`: how long a save waits for another process's save to finish (ms) */
  constructor(private readonly root: string, private readonly options: { wait?: number } = {}) {}

  /**
   * Runs `work` holding the lock: in this process (a queue) and across processes (the owner
   * file). `stillHeld` says, just before writing, that nobody removed the lock meanwhile.
   */
  run<T>(work: (stillHeld: () => boolean) => Promise<T>): Promise<T> {
    const next = this.queue.then(() => this.holding(work));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Resolves when every save queued in this process has finished. */
  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  private async holding<T>(work: (stillHeld: () => boolean) => Promise<T>): Promise<T> {
    let held;
    try {
      held = await lock(join(this.root, LOCK_NAME), '保存项目文件', {
        wait: this.options.wait ?? 15_000,
        busy: (owner) => `项目正被${describeOwner(owner)}写入（${LOCK_NAME}），请稍后再试`,
      });
    } catch (e) {
      if (e instanceof LockBusy) throw new LockBusyError(e.message);
      throw e;
    }
    try {
      return await work(() => held.stillHeld());
    } finally {
      held.release();
    }
  }
}
