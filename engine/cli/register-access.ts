// How a register command reaches the register. A PostgreSQL server (DATABASE_URL) is shared:
// the command opens it itself. The embedded register has one owner: while `tiaoli serve` runs
// (its note in the data folder, server.json), the command goes through that server's API; when
// none runs, the command opens the register itself, owning it until it ends — and when another
// command owns it, waits for it, saying so, then says who holds it.
import { randomUUID } from 'node:crypto';
import { dataFolder } from '../register/open-database.js';
import { openRegister } from '../register/open-register.js';
import type { Register } from '../register/register.js';
import { readServerNote, type ServerNote } from '../server/server-note.js';
import { serveRoot, type ProjectOptions } from './rules-dir.js';

/** How long a command waits for another command that owns the embedded register: TIAOLI_REGISTER_WAIT seconds, 60 by default. */
function waitForOwner(env: Record<string, string | undefined> = process.env): number {
  const seconds = Number(env.TIAOLI_REGISTER_WAIT);
  return env.TIAOLI_REGISTER_WAIT?.trim() && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 60_000;
}

export const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** The server to go through, when the register is the embedded one and a server owns it. */
export function runningServer(options: ProjectOptions, env: Record<string, string | undefined> = process.env): ServerNote | undefined {
  if (env.DATABASE_URL?.trim()) return undefined;
  return readServerNote(dataFolder(serveRoot({ project: options.project }), env));
}

/** `work` on the register this command opens and owns until `work` ends. */
export async function withRegister<T>(options: ProjectOptions, what: string, work: (register: Register) => Promise<T>): Promise<T> {
  const register = await openRegister(serveRoot({ project: options.project }), { opener: { what, wait: waitForOwner(), onWait: say } });
  try {
    return await work(register);
  } finally {
    await register.close();
  }
}

export class ServerAnswerError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

/** One call to the running server's API, as the studio makes it (its session secret, its token). */
export async function callServer<T>(server: ServerNote, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-tiaoli-session': server.session };
  if (server.apiToken) headers.authorization = `Bearer ${server.apiToken}`;
  let res: Response;
  try {
    res = await fetch(new URL(path, server.url), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ServerAnswerError(`无法连接正在运行的 tiaoli serve（进程 ${server.pid}，${server.url}）：${(e as Error).message}`, 0);
  }
  const data = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok) throw new ServerAnswerError(`tiaoli serve（进程 ${server.pid}）答复：${data.error ?? `HTTP ${res.status}`}`, res.status);
  return data as T;
}

/** A store through the server, its request id sent again with each retry: a lost answer never makes a second record. */
export async function storeThroughServer<T>(server: ServerNote, body: Record<string, unknown>): Promise<T> {
  const requestId = randomUUID();
  for (let attempt = 1; ; attempt++) {
    try {
      return await callServer<T>(server, 'POST', 'api/register/decisions', { ...body, requestId });
    } catch (e) {
      // no answer (the connection dropped): the same request again; an answer that refuses is final
      if (!(e instanceof ServerAnswerError) || e.status !== 0 || attempt >= 3) throw e;
    }
  }
}
