// The embedded register's database run in a worker thread (pglite-worker.ts), for the server:
// its thread then only sends statements and awaits their answers, so GET / and the studio's
// other requests are answered while a decision is stored or a replay reads its pages. The same
// Database as in-thread PGlite (database.ts): statements, transactions (committed when the
// work resolves, rolled back when it throws), errors with their code.
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../core/start-worker.js';
import type { Queryable } from './database.js';
import type { ErrorShape, FromDatabase, ToDatabase } from './pglite-worker.js';

/** An error from the database's thread, with the fields it had there (code, detail …). */
function rebuilt(shape: ErrorShape): Error {
  return Object.assign(new Error(shape.message), shape.fields);
}

type Ask = { [K in ToDatabase['op']]: Omit<Extract<ToDatabase, { op: K }>, 'id'> }[ToDatabase['op']];

export interface ThreadDatabase extends Queryable {
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function pgliteInThread(dir: string): Promise<ThreadDatabase> {
  const worker: Worker = startWorker('pglite-worker', import.meta.url, { dir });
  const waiting = new Map<number, { resolve: (m: Extract<FromDatabase, { id: number }>) => void; reject: (e: Error) => void }>();
  let next = 0;
  let gone: Error | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: FromDatabase) => {
      if ('type' in m) {
        if (m.type === 'ready') resolve();
        else reject(rebuilt(m.error));
        return;
      }
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      w?.resolve(m);
    });
    const end = (e: Error) => {
      gone ??= e;
      reject(e);
      for (const w of waiting.values()) w.reject(e);
      waiting.clear();
    };
    worker.on('error', (e) => end(new Error(`台账数据库的线程出错：${e.message.split('\n')[0]}`)));
    worker.on('exit', () => end(new Error('台账数据库的线程已结束')));
  });
  try {
    await ready;
  } catch (e) {
    await worker.terminate();
    throw e;
  }
  const ask = (message: Ask): Promise<Extract<FromDatabase, { id: number }>> => {
    if (gone) return Promise.reject(gone);
    const id = ++next;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage({ ...message, id } as ToDatabase);
    }).then((m) => {
      const answer = m as Extract<FromDatabase, { id: number }>;
      if (!answer.ok) throw rebuilt(answer.error);
      return answer;
    });
  };
  const queryable = (tx?: number): Queryable => ({
    async query<T>(sql: string, params: unknown[] = []) {
      return ((await ask({ op: 'query', sql, params, tx })) as { rows?: unknown[] }).rows as T[];
    },
    async exec(sql: string) {
      await ask({ op: 'exec', sql, tx });
    },
  });
  return {
    ...queryable(),
    async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      const { tx } = (await ask({ op: 'begin' })) as { tx?: number };
      let result: T;
      try {
        result = await work(queryable(tx));
      } catch (e) {
        await ask({ op: 'end', tx: tx!, commit: false }).catch(() => undefined);
        throw e;
      }
      await ask({ op: 'end', tx: tx!, commit: true });
      return result;
    },
    async close() {
      try {
        if (!gone) await ask({ op: 'close' });
      } finally {
        worker.removeAllListeners('exit');
        gone ??= new Error('台账已关闭');
        await worker.terminate();
      }
    },
  };
}
