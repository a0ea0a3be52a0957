// The server's embedded register runs its database in a thread of its own (pglite-thread.ts),
// so its own thread answers while a decision with its trace is stored. It must behave as the
// in-thread database does: statements and their rows (bytes, times), a transaction committed
// when its work resolves and rolled back when it throws, the database's errors with their code
// (a request id used twice: 23505; the append-only access log: 42501), several transactions
// asked for at once taken one after another, and a clean close.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../engine/register/database.js';
import { openDatabase } from '../../engine/register/open-database.js';
import { backends } from './backends.js';

describe('the embedded register in a thread of its own', () => {
  let db: Database;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await backends[0]!.fresh();
    cleanup = fresh.cleanup;
    db = await openDatabase(join(fresh.env.TIAOLI_DATA!, 'project'), { env: fresh.env, opener: { what: 'tiaoli serve', thread: true } });
    await db.exec('CREATE TABLE probe (id serial PRIMARY KEY, tag text UNIQUE, bytes bytea, at timestamptz DEFAULT now())');
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await cleanup?.();
  });

  it('answers statements with their rows: bytes as bytes, times as times', async () => {
    const bytes = randomBytes(100_000);
    await db.query('INSERT INTO probe (tag, bytes) VALUES ($1, $2)', ['a', bytes]);
    const [row] = await db.query<{ tag: string; bytes: Uint8Array; at: Date }>('SELECT tag, bytes, at FROM probe WHERE tag = $1', ['a']);
    expect(row!.tag).toBe('a');
    expect(Buffer.from(row!.bytes).equals(bytes)).toBe(true);
    expect(row!.at).toBeInstanceOf(Date);
  });

  it('commits a transaction whose work resolves, rolls back one whose work throws', async () => {
    expect(await db.transaction(async (tx) => {
      await tx.query('INSERT INTO probe (tag) VALUES ($1)', ['kept']);
      return 'done';
    })).toBe('done');
    await expect(db.transaction(async (tx) => {
      await tx.query('INSERT INTO probe (tag) VALUES ($1)', ['undone']);
      throw new Error('work failed');
    })).rejects.toThrow('work failed');
    const tags = (await db.query<{ tag: string }>('SELECT tag FROM probe ORDER BY id')).map((r) => r.tag);
    expect(tags).toEqual(['a', 'kept']);
  });

  it('gives the database\'s errors with their code, and a transaction that fails inside is rolled back', async () => {
    const duplicate = await db.query('INSERT INTO probe (tag) VALUES ($1)', ['a']).catch((e: unknown) => e);
    expect((duplicate as { code?: string }).code).toBe('23505');
    const inside = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO probe (tag) VALUES ($1)', ['before']);
      await tx.query('INSERT INTO probe (tag) VALUES ($1)', ['a']);
    }).catch((e: unknown) => e);
    expect((inside as { code?: string }).code).toBe('23505');
    expect(await db.query('SELECT 1 FROM probe WHERE tag = $1', ['before'])).toEqual([]);
    const log = await db.query('TRUNCATE register_access_log').catch((e: unknown) => e);
    expect((log as { code?: string }).code).toBe('42501');
  });

  it('takes transactions asked for at once one after another: a counter numbered without a gap', async () => {
    await db.exec('CREATE TABLE counter (n int NOT NULL); INSERT INTO counter VALUES (0)');
    const taken = await Promise.all(Array.from({ length: 20 }, () => db.transaction(async (tx) => {
      const [{ n }] = await tx.query<{ n: number }>('UPDATE counter SET n = n + 1 RETURNING n');
      await tx.query('INSERT INTO probe (tag) VALUES ($1)', [`n${n}`]);
      return n;
    })));
    expect(taken.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});
