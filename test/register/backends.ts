// The register's tests run on every back-end there is: embedded PostgreSQL (PGlite) always, a
// PostgreSQL server too when DATABASE_URL is set (`.ci/run` starts one). Each test gets a
// database of its own: a copy of a migrated PGlite folder (initdb takes seconds; made once and
// kept in the temporary folder), or a new database on the server, dropped afterwards.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../engine/register/open-database.js';
import { readMigrations } from '../../engine/register/migrate.js';
import type { Register } from '../../engine/register/register.js';
import { openRegister } from '../../engine/register/open-register.js';
import { root } from '../support/regulation.js';

const pgliteVersion = (JSON.parse(readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }).version;

export interface Backend {
  name: 'pglite' | 'postgres';
  /** the environment that makes openDatabase use a fresh database of this kind */
  fresh(): Promise<{ env: Record<string, string | undefined>; cleanup: () => Promise<void> }>;
}

async function pgliteTemplate(): Promise<string> {
  const key = createHash('sha256').update(pgliteVersion).update(readMigrations().map((m) => m.checksum).join()).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `tiaoli-register-template-${key}`);
  if (existsSync(join(dir, 'register', 'PG_VERSION'))) return dir;
  const building = mkdtempSync(join(tmpdir(), 'tiaoli-register-building-'));
  const db = await openDatabase(building, { env: { TIAOLI_DATA: building } });
  await db.close();
  rmSync(join(building, 'register.lock'), { recursive: true, force: true });
  try {
    renameSync(building, dir);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another test file made it first
  }
  return dir;
}

const pglite: Backend = {
  name: 'pglite',
  async fresh() {
    const template = await pgliteTemplate();
    const data = mkdtempSync(join(tmpdir(), 'tiaoli-register-'));
    cpSync(join(template, 'register'), join(data, 'register'), { recursive: true });
    return { env: { TIAOLI_DATA: data }, cleanup: async () => rmSync(data, { recursive: true, force: true }) };
  },
};

function postgres(url: string): Backend {
  return {
    name: 'postgres',
    async fresh() {
      const name = `tiaoli_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`); // a name made here, not from input
      await admin.end();
      const own = new URL(url);
      own.pathname = `/${name}`;
      const data = mkdtempSync(join(tmpdir(), 'tiaoli-register-key-')); // its key file
      return {
        env: { DATABASE_URL: own.toString(), TIAOLI_DATA: data },
        cleanup: async () => {
          const drop = new pg.Client({ connectionString: url });
          await drop.connect();
          try {
            // an autovacuum worker (the server's own role) may be in it after a bulk insert: it ends by itself shortly
            for (let attempt = 1; ; attempt++) {
              try {
                await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
                break;
              } catch (e) {
                if ((e as { code?: string }).code !== '42501' || attempt >= 40) throw e;
                await new Promise((resolve) => setTimeout(resolve, 250));
              }
            }
          } finally {
            await drop.end();
          }
          rmSync(data, { recursive: true, force: true });
        },
      };
    },
  };
}

/** PGlite always; the PostgreSQL server of DATABASE_URL when set. */
export const backends: Backend[] = [pglite, ...(process.env.DATABASE_URL ? [postgres(process.env.DATABASE_URL)] : [])];

/** A fresh register on `backend`, for one test: the register and a way to close and remove it. */
export async function freshRegister(backend: Backend, projectRoot = tmpdir()): Promise<{ register: Register; env: Record<string, string | undefined>; done: () => Promise<void> }> {
  const { env, cleanup } = await backend.fresh();
  const register = await openRegister(projectRoot, { env });
  return { register, env, done: async () => { await register.close(); await cleanup(); } };
}
