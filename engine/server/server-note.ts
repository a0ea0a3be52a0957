// Where the running server can be reached, for the command line's register commands: the
// server owns the embedded register, so `tiaoli register …` and `decide --record` go through
// it while it runs. A note in the data folder, `server.json`, made 0600 (it holds the session
// secret and the token): the server's process (checked alive as the owner lock checks it),
// its loopback address, its secret. Removed when the server stops; a note left by a killed
// server names a process that is gone and is ignored.
import { chmodSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { ownerAlive, processStart, type Owner } from '../core/owner-lock.js';
import { privateFolder } from '../register/private-files.js';

export const SERVER_NOTE = 'server.json';

export interface ServerNote {
  pid: number;
  /** the server's address on this machine (loopback when it is bound to every address) */
  url: string;
  /** the per-start session secret (X-Tiaoli-Session) and, beyond loopback, the API token */
  session: string;
  apiToken?: string;
}

/** The address a process on this machine reaches the server at. */
export function localUrl(host: string, port: number): string {
  const bound = host.replace(/^\[|\]$/g, '');
  const reach = bound === '0.0.0.0' ? '127.0.0.1' : bound === '::' ? '[::1]' : bound.includes(':') ? `[${bound}]` : bound;
  return `http://${reach}:${port}/`;
}

/** Writes the note; the function that removes it (if it is still this server's). */
export function writeServerNote(dataFolder: string, at: { url: string; session: string; apiToken?: string }): () => void {
  privateFolder(dataFolder);
  const path = join(dataFolder, SERVER_NOTE);
  const mine = randomBytes(12).toString('hex');
  const owner: Owner = { pid: process.pid, host: hostname(), started: processStart(process.pid), what: 'tiaoli serve', since: new Date().toISOString(), token: mine };
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ ...owner, url: at.url, session: at.session, apiToken: at.apiToken ?? null }), { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
  return () => {
    try {
      if ((JSON.parse(readFileSync(path, 'utf8')) as { token?: string }).token === mine) unlinkSync(path);
    } catch {
      // gone already
    }
  };
}

/** The running server of a data folder, if its process is alive on this machine. */
export function readServerNote(dataFolder: string): ServerNote | undefined {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(join(dataFolder, SERVER_NOTE), 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof raw.pid !== 'number' || typeof raw.host !== 'string' || typeof raw.url !== 'string' || typeof raw.session !== 'string') return undefined;
  const owner: Owner = { pid: raw.pid, host: raw.host, started: typeof raw.started === 'string' ? raw.started : null, what: 'tiaoli serve', since: String(raw.since ?? ''), token: String(raw.token ?? '') };
  if (owner.host !== hostname() || !ownerAlive(owner)) return undefined;
  return { pid: owner.pid, url: raw.url, session: raw.session, ...(typeof raw.apiToken === 'string' ? { apiToken: raw.apiToken } : {}) };
}
