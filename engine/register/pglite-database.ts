// The register in a data folder, on embedded PostgreSQL (PGlite, PostgreSQL compiled to
// WebAssembly): nothing to install. One process at a time may open a folder (PGlite is a
// single-user PostgreSQL): the process that opens it owns it (an owner file beside it,
// engine/core/owner-lock.ts), and keeps it while it runs — busy or not; it is taken over only
// once that process is gone. A second process waits a little, then is told who owns it and how
// to share one register (through the running server, or a PostgreSQL server via DATABASE_URL).
import { dirname } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { describeOwner, lock, LockBusy, type Owner } from '../core/owner-lock.js';
import { RegisterError, type Database, type Queryable } from './database.js';
import { closeDown, privateFolder } from './private-files.js';
import { pgliteInThread, type ThreadDatabase } from './pglite-thread.js';

type Runner = Pick<PGlite, 'query' | 'exec'>;

function queryable(db: Runner): Queryable {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      return (await db.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
  };
}

/** Who opens the register, and how long it waits for another owner to let it go. */
export interface Opener {
  /** what this process is, as another one is told (e.g. "tiaoli serve", "tiaoli register replay") */
  what?: string;
  /** ms to wait for another owner (default 2000) */
  wait?: number;
  /** said once when another process owns it and we wait */
  onWait?: (message: string) => void;
  /** run the database in a worker thread of its own (the server: its thread keeps answering while a statement runs) */
  thread?: boolean;
}

export const lockPath = (dir: string): string => `${dir}.lock`;

export function busyMessage(dir: string, owner: Owner | null): string {
  return `台账 ${dir} 正被另一个进程使用：${describeOwner(owner)}。内嵌数据库同一时间只能由一个进程打开：命令行的 register 命令在 tiaoli serve 运行时经由它进行；否则请等那个进程结束，或让各进程通过 DATABASE_URL=postgres://… 共用一个 PostgreSQL 服务器。`;
}

export async function openPglite(dir: string, opener: Opener = {}): Promise<Database> {
  privateFolder(dirname(dir));
  privateFolder(dir);
  let held;
  try {
    held = await lock(lockPath(dir), opener.what ?? `tiaoli（进程 ${process.pid}）`, {
      wait: opener.wait ?? 2_000,
      onWait: (owner) => opener.onWait?.(`台账正由${describeOwner(owner)}使用，等待它结束……`),
      busy: (owner) => busyMessage(dir, owner),
    });
  } catch (e) {
    if (e instanceof LockBusy) throw new RegisterError(e.message, 'TIAOLI_DATA', 503);
    throw e;
  }
  // the database closed, the folder's close-down recorded, and the lock let go whatever happens
  const closing = (db: { close: () => Promise<void> }) => async (): Promise<void> => {
    try {
      await db.close();
      closeDown(dir);
    } finally {
      held.release();
    }
  };
  if (opener.thread) {
    let db: ThreadDatabase;
    try {
      db = await pgliteInThread(dir);
      closeDown(dir);
    } catch (e) {
      held.release();
      throw new RegisterError(`无法打开台账数据目录 ${dir}：${(e as Error).message}`, 'TIAOLI_DATA', 503);
    }
    return {
      kind: 'pglite',
      where: dir,
      query: db.query,
      exec: db.exec,
      transaction: db.transaction,
      close: closing(db),
    };
  }
  let db: PGlite;
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    db = await PGlite.create(dir);
    closeDown(dir);
  } catch (e) {
    held.release();
    throw new RegisterError(`无法打开台账数据目录 ${dir}：${(e as Error).message}`, 'TIAOLI_DATA', 503);
  }
  const own = queryable(db);
  return {
    kind: 'pglite',
    where: dir,
    ...own,
    transaction: (work) => db.transaction((tx) => work(queryable(tx))),
    close: closing(db),
  };
}
