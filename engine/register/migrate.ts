// The register's schema is plain SQL files in migrations/ (001_….sql, 002_….sql …), applied in
// the order of their names and recorded in tiaoli_migrations with a checksum. All of it runs in
// one transaction under an advisory lock, so two processes starting at once against one
// server apply each file once; a file changed after it was applied is refused by name.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RegisterError, type Database } from './database.js';

export const MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');

/** The lock every tiaoli process takes before migrating one database ('tiaoli' as an integer). */
const MIGRATION_LOCK = 0x7469616f6c69;

export interface Migration { name: string; sql: string; checksum: string }

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((name) => /^\d{3}_[a-z0-9_-]+\.sql$/.test(name))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** Applies the migrations not yet applied; the names it applied. */
export async function migrate(db: Database, migrations = readMigrations()): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS tiaoli_migrations (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const rows = await tx.query<{ name: string; checksum: string }>('SELECT name, checksum FROM tiaoli_migrations');
    const applied = new Map(rows.map((r) => [r.name, r.checksum]));
    const done: string[] = [];
    for (const m of migrations) {
      const checksum = applied.get(m.name);
      if (checksum !== undefined) {
        if (checksum !== m.checksum) throw new RegisterError(`迁移文件 ${m.name} 在应用到台账之后被修改过；已应用的迁移不能再改，请把改动写成一个新的迁移文件`, m.name, 503);
        continue;
      }
      await tx.exec(m.sql);
      await tx.query('INSERT INTO tiaoli_migrations (name, checksum) VALUES ($1, $2)', [m.name, m.checksum]);
      done.push(m.name);
    }
    return done;
  });
}
