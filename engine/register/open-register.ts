// The register of a project, opened once and shared: the server opens it at the first request
// that needs it (so a studio that never stores a decision never starts a database) and closes
// it when it stops. A failed open is said to every caller and tried again at the next one.
import type { Database } from './database.js';
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

/** The register of a project folder, as the server uses it (DATABASE_URL, or its data folder). */
export function projectRegister(projectRoot: string): RegisterAccess {
  return new RegisterAccess(() => openRegister(projectRoot), () => registerExists(projectRoot));
}

/**
 * The register of a project served beside another (/p/<id>/): a register of its own, never the
 * served project's (its decisions are under another regulation). DATABASE_URL names the served
 * project's PostgreSQL database; this one is DATABASE_URL_<ID> (ID in capitals, "-" as "_"),
 * else the embedded register in its own folder.
 */
export function mountedRegister(projectRoot: string, id: string): RegisterAccess {
  const own = process.env[`DATABASE_URL_${id.toUpperCase().replace(/-/g, '_')}`];
  const env = { ...process.env, DATABASE_URL: own };
  return new RegisterAccess(() => openRegister(projectRoot, { env }), () => registerExists(projectRoot, env));
}
