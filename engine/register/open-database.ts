// Which database the register is in: DATABASE_URL=postgres://… names a PostgreSQL server;
// otherwise embedded PostgreSQL in the data folder — `<project>/.tiaoli/register`, or
// `$TIAOLI_DATA/register` when TIAOLI_DATA moves the data folder. Opened with its schema
// migrated to the latest.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Database } from './database.js';
import { migrate } from './migrate.js';
import { openPglite, type Opener } from './pglite-database.js';
import { openPostgres } from './postgres-database.js';

export const DATA_FOLDER = '.tiaoli';

export interface Where {
  env?: Record<string, string | undefined>;
  /** who opens an embedded register and how long it waits for another owner */
  opener?: Opener;
  /** the variable env.DATABASE_URL was read from, as errors name it (a served-beside project's DATABASE_URL_<ID>) */
  urlVariable?: string;
}

/** The folder the embedded register lives in, for a project. */
export function registerFolder(projectRoot: string, env: Record<string, string | undefined> = process.env): string {
  const data = env.TIAOLI_DATA?.trim() ? resolve(env.TIAOLI_DATA) : join(projectRoot, DATA_FOLDER);
  return join(data, 'register');
}

/** The data folder: the register's folder, its key file, the running server's address. */
export function dataFolder(projectRoot: string, env: Record<string, string | undefined> = process.env): string {
  return dirname(registerFolder(projectRoot, env));
}

/** Whether there is a register to read without making one: a server named, or an embedded one already made. */
export function registerExists(projectRoot: string, env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env.DATABASE_URL?.trim()) || existsSync(join(registerFolder(projectRoot, env), 'PG_VERSION'));
}

export async function openDatabase(projectRoot: string, { env = process.env, opener, urlVariable }: Where = {}): Promise<Database> {
  const url = env.DATABASE_URL?.trim();
  const db = url ? await openPostgres(url, urlVariable) : await openPglite(registerFolder(projectRoot, env), opener);
  try {
    await migrate(db);
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
  return db;
}
