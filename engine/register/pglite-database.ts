// The register in a data folder, on embedded PostgreSQL (PGlite, PostgreSQL compiled to
// WebAssembly): nothing to install. One process at a time may open a folder (PGlite is a
// single-user PostgreSQL), so the folder is locked while open; a second process is told so
// and how to share one register (a PostgreSQL server through DATABASE_URL).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import lockfile from 'proper-lockfile';
import type { PGlite } from '@electric-sql/pglite';
import { RegisterError, type Database, type Queryable } from './database.js';

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

export async function openPglite(dir: string): Promise<Database> {
  mkdirSync(dirname(dir), { recursive: true });
  mkdirSync(dir, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, {
      lockfilePath: `${dir}.lock`,
      realpath: false,
      stale: 10_000,
      update: 2_500,
      retries: { retries: 20, factor: 1, minTimeout: 50, maxTimeout: 100 },
      onCompromised: () => undefined,
    });
  } catch {
    throw new RegisterError(`台账 ${dir} 正被另一个进程使用（例如正在运行的 tiaoli serve）。内嵌数据库同一时间只能由一个进程打开：先停止那个进程，或让各进程通过 DATABASE_URL=postgres://… 共用一个 PostgreSQL 服务器。`, 'TIAOLI_DATA', 503);
  }
  let db: PGlite;
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    db = await PGlite.create(dir);
  } catch (e) {
    await release().catch(() => undefined);
    throw new RegisterError(`无法打开台账数据目录 ${dir}：${(e as Error).message}`, 'TIAOLI_DATA', 503);
  }
  const own = queryable(db);
  return {
    kind: 'pglite',
    where: dir,
    ...own,
    transaction: (work) => db.transaction((tx) => work(queryable(tx))),
    async close() {
      try {
        await db.close();
      } finally {
        await release().catch(() => undefined);
      }
    },
  };
}
