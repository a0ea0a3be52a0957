// The embedded register's database in a thread of its own (pglite-thread.ts): PGlite runs
// PostgreSQL as WebAssembly, and every statement runs to its end on the thread that called it
// — storing a decision with its trace holds a thread for tens of milliseconds, more on a busy
// machine. Here, not on the server's thread, which keeps answering meanwhile. It answers each
// message from the server's thread: a statement (in a transaction or not), a transaction begun,
// committed or rolled back, the database closed.
import { parentPort, workerData } from 'node:worker_threads';
import type { PGlite, Transaction } from '@electric-sql/pglite';

export type ToDatabase =
  | { id: number; op: 'query'; sql: string; params: unknown[]; tx?: number }
  | { id: number; op: 'exec'; sql: string; tx?: number }
  | { id: number; op: 'begin' }
  | { id: number; op: 'end'; tx: number; commit: boolean }
  | { id: number; op: 'close' };

/** An error as it crosses threads: its message and the fields callers read (code, detail …). */
export interface ErrorShape { message: string; fields: Record<string, string | number> }

export type FromDatabase =
  | { type: 'ready' }
  | { type: 'failed'; error: ErrorShape }
  | { id: number; ok: true; rows?: unknown[]; tx?: number }
  | { id: number; ok: false; error: ErrorShape };

export function errorShape(e: unknown): ErrorShape {
  const fields: Record<string, string | number> = {};
  if (e && typeof e === 'object') {
    for (const [k, v] of Object.entries(e)) if (typeof v === 'string' || typeof v === 'number') fields[k] = v;
  }
  return { message: (e as Error)?.message ?? String(e), fields };
}

/** Thrown inside a transaction's callback to roll it back when the server's thread says so. */
class RolledBack extends Error {}

if (parentPort) {
  const port = parentPort;
  const { dir } = workerData as { dir: string };
  const open: Map<number, { tx: Transaction; end: (commit: boolean) => void; done: Promise<void> }> = new Map();
  let nextTx = 0;
  let db: PGlite | undefined;
  const answer = (m: FromDatabase) => port.postMessage(m);
  const runner = (tx?: number): Pick<PGlite, 'query' | 'exec'> => {
    if (tx === undefined) return db!;
    const t = open.get(tx);
    if (!t) throw new Error(`没有编号为 ${tx} 的事务`);
    return t.tx;
  };
  port.on('message', (m: ToDatabase) => {
    void (async () => {
      try {
        switch (m.op) {
          case 'query': answer({ id: m.id, ok: true, rows: (await runner(m.tx).query(m.sql, m.params)).rows }); break;
          case 'exec': await runner(m.tx).exec(m.sql); answer({ id: m.id, ok: true }); break;
          case 'begin': {
            const id = ++nextTx;
            let entered!: () => void;
            const inside = new Promise<void>((resolve) => (entered = resolve));
            // PGlite holds the database for the transaction until its callback settles: commit when told to, roll back by throwing
            const done = db!.transaction(async (tx) => {
              let end!: (commit: boolean) => void;
              const ended = new Promise<boolean>((resolve) => (end = resolve));
              open.set(id, { tx, end, done: Promise.resolve() });
              entered();
              if (!(await ended)) throw new RolledBack();
            }).then(() => undefined, (e: unknown) => {
              if (!(e instanceof RolledBack)) throw e;
            });
            done.catch(() => undefined);
            await Promise.race([inside, done]);
            const t = open.get(id);
            if (!t) throw new Error('事务没有开始');
            t.done = done;
            answer({ id: m.id, ok: true, tx: id });
            break;
          }
          case 'end': {
            const t = open.get(m.tx);
            if (!t) throw new Error(`没有编号为 ${m.tx} 的事务`);
            t.end(m.commit);
            try {
              await t.done;
            } finally {
              open.delete(m.tx);
            }
            answer({ id: m.id, ok: true });
            break;
          }
          case 'close':
            await db?.close();
            answer({ id: m.id, ok: true });
            break;
        }
      } catch (e) {
        answer({ id: m.id, ok: false, error: errorShape(e) });
      }
    })();
  });
  void (async () => {
    try {
      const { PGlite } = await import('@electric-sql/pglite');
      db = await PGlite.create(dir);
      answer({ type: 'ready' });
    } catch (e) {
      answer({ type: 'failed', error: errorShape(e) });
    }
  })();
}
