// The register of a project, opened once and shared: the server opens it at the first request
// that needs it (so a studio that never stores a decision never starts a database) and closes
// it when it stops. A failed open is said to every caller and tried again at the next one.
import { join, resolve } from 'node:path';
import { RegisterError, type Database } from './database.js';
import { dataFolder, openDatabase, registerExists, type Where } from './open-database.js';
import { Register } from './register.js';
import { loadKeys } from './register-key.js';
import { passwordCost } from './password-cost.js';
import { checkKeys, sealPlainRecords } from './seal-records.js';

/**
 * The register with its keys (from TIAOLI_REGISTER_KEY or the data folder's key file) and the
 * office's password cost (TIAOLI_PASSWORD_COST); records stored in plain text before are sealed.
 */
export async function openRegister(projectRoot: string, where: Where = {}): Promise<Register> {
  const env = where.env ?? process.env;
  const cost = passwordCost(env);
  const db: Database = await openDatabase(projectRoot, where);
  try {
    const register = new Register(db, loadKeys(dataFolder(projectRoot, env), env), cost);
    await checkKeys(register);
    await sealPlainRecords(register);
    return register;
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
}

export class RegisterAccess {
  private opening?: Promise<Register>;
  private closed = false;
  private readonly closing: Array<() => Promise<void>> = [];

  /** `exists`: whether there is a register yet; reading (search, replay) never makes one, only storing does */
  constructor(private readonly open: () => Promise<Register>, private readonly exists: () => boolean = () => true) {}

  /** The register for reading, or undefined while none has been made (nothing stored yet). */
  async peek(): Promise<Register | undefined> {
    if (!this.opening && !this.exists()) return undefined;
    return this.get();
  }

  get(): Promise<Register> {
    if (this.closed) return Promise.reject(new Error('台账已关闭'));
    this.opening ??= this.open().catch((e: unknown) => {
      this.opening = undefined;
      throw e;
    });
    return this.opening;
  }

  /**
   * Opens (and if need be makes) the register now, in the background, so the first store does
   * not wait for it; a failure is said on stderr and the first use tries again.
   */
  prepare(name = '台账'): void {
    if (this.closed) return;
    this.get().catch((e: unknown) => console.error(`[tiaoli] ${name}未能在启动时打开（首次登记时再试）：${(e as Error).message}`));
  }

  /** Work to end before the register closes (a replay running, say). */
  whenClosing(end: () => Promise<void>): void {
    this.closing.push(end);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.closing.map((end) => end().catch(() => undefined)));
    const opening = this.opening;
    this.opening = undefined;
    if (opening) await (await opening.catch(() => undefined))?.close();
  }
}

/** How the server opens an embedded register: named so to another process, its database in a thread of its own (pglite-thread.ts). */
const SERVER = { what: 'tiaoli serve', thread: true } as const;

/** The register of a project folder, as the server uses it (DATABASE_URL, or its data folder). */
export function projectRegister(projectRoot: string): RegisterAccess {
  return new RegisterAccess(() => openRegister(projectRoot, { opener: SERVER }), () => registerExists(projectRoot));
}

/** A served-beside project's id (its folder's name, server/project-mounts.ts): safe in a variable's name and a path. */
const MOUNT_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The variable naming a served-beside project's PostgreSQL database: DATABASE_URL_<ID>, ID in capitals, "-" as "_". */
export function mountUrlVariable(id: string): string {
  if (!MOUNT_ID.test(id)) throw new RegisterError(`项目 id 只能由小写字母、数字和连字符组成（现为 ${JSON.stringify(id.slice(0, 70))}）`, 'id');
  return `DATABASE_URL_${id.toUpperCase().replace(/-/g, '_')}`;
}

/** Whether two PostgreSQL addresses name one database: host, port and database compared, not user or password. */
export function sameDatabase(a: string, b: string): boolean {
  const where = (raw: string): string => {
    try {
      const u = new URL(raw.trim());
      const user = decodeURIComponent(u.username);
      const db = decodeURIComponent(u.pathname.replace(/^\//, '')) || user; // PostgreSQL's default database is the user's name
      return `${u.hostname.toLowerCase()}:${u.port || '5432'}/${db}`;
    } catch {
      return raw.trim();
    }
  };
  return where(a) === where(b);
}

/**
 * The register of a project served beside another (/p/<id>/): a register of its own, never the
 * served project's (its decisions are under another regulation) nor another served-beside
 * project's. DATABASE_URL names the served project's PostgreSQL database; this one is
 * DATABASE_URL_<ID>, else the embedded register in its own data folder (<project>/.tiaoli, or
 * $TIAOLI_DATA/projects/<id> when TIAOLI_DATA moves the served project's). A variable naming a
 * database another project uses, or no PostgreSQL address at all, is refused by its name at
 * every use (the server goes on serving the other projects); nothing falls back to another database.
 * `siblings`: the ids of the other served-beside projects.
 */
export function mountedRegister(projectRoot: string, id: string, siblings: string[] = [], env: Record<string, string | undefined> = process.env): RegisterAccess {
  const variable = mountUrlVariable(id);
  const read = (name: string): string | undefined => (Object.hasOwn(env, name) ? env[name]?.trim() || undefined : undefined);
  const own = read(variable);
  const data = env.TIAOLI_DATA?.trim() ? join(resolve(env.TIAOLI_DATA), 'projects', id) : '';
  const mountEnv = { ...env, DATABASE_URL: own, TIAOLI_DATA: data };
  const clash = own === undefined ? undefined : [
    ['DATABASE_URL', read('DATABASE_URL')] as const,
    ...siblings.filter((s) => s !== id && MOUNT_ID.test(s)).map((s) => [mountUrlVariable(s), read(mountUrlVariable(s))] as const),
  ].find(([, url]) => url !== undefined && sameDatabase(url, own));
  const open = clash
    ? () => Promise.reject(new RegisterError(`${variable} 与 ${clash[0]} 指向同一个数据库：每个项目的台账要有自己的数据库（其中的决定出自不同的规定），请为 ${variable} 另建一个数据库，或不设它（台账存放在该项目自己的数据目录中）`, variable, 503))
    : () => openRegister(projectRoot, { env: mountEnv, urlVariable: variable, opener: SERVER });
  return new RegisterAccess(open, () => registerExists(projectRoot, mountEnv));
}
