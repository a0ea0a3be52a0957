// The accounts of the people who use the studio, kept in the register's database (migration
// 010_accounts.sql): a login, the name the register records them by, roles, an argon2id
// password hash. Signing in is slowed after failures: five wrong passwords in a row lock the
// account for a minute, then 2, 4 … up to an hour, without the password being tried.
import type { Queryable } from '../register/database.js';
import { RegisterError } from '../register/database.js';
import { cleanRoles, type Role } from './roles.js';
import { hashPassword, OWASP_COST, passwordProblem, verifyPassword, type PasswordCost } from './password.js';

export interface Account {
  id: number;
  login: string;
  /** the name records and printed pages give (经办人) */
  name: string;
  roles: Role[];
  disabled: boolean;
  hasPassword: boolean;
  createdAt: string;
}

export const LOGIN = /^[a-z0-9][a-z0-9._-]{1,39}$/;
const FREE_TRIES = 5;
const MAX_LOCK_MINUTES = 60;

const COLUMNS = 'id::int AS id, login, display_name, roles, disabled_at, password_hash IS NOT NULL AS has_password, created_at';
type Row = Record<string, unknown>;

function accountOf(r: Row): Account {
  return {
    id: Number(r.id), login: String(r.login), name: String(r.display_name), roles: cleanRoles(r.roles) ?? [],
    disabled: r.disabled_at !== null && r.disabled_at !== undefined, hasPassword: Boolean(r.has_password),
    createdAt: new Date(r.created_at as string | Date).toISOString(),
  };
}

/** A login as stored: lower case; or a RegisterError naming the field. */
export function checkLogin(login: unknown): string {
  const l = typeof login === 'string' ? login.trim().toLowerCase() : '';
  if (!LOGIN.test(l)) throw new RegisterError('账户名要由 2–40 个小写字母、数字、点、连字符或下划线组成，以字母或数字开头', 'login');
  return l;
}

/** A display name as stored: one line, 1–50 characters. */
export function checkName(name: unknown): string {
  const n = typeof name === 'string' ? name.trim() : '';
  if (!n) throw new RegisterError('缺少姓名：登记和打印的文书以它记经办人', 'name');
  if (n.length > 50) throw new RegisterError('姓名过长（最多 50 个字）', 'name');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(n)) throw new RegisterError('姓名不能含有控制字符、换行或方向控制符', 'name');
  return n;
}

function checkRoles(roles: unknown): Role[] {
  const clean = cleanRoles(roles);
  if (!clean) throw new RegisterError('角色只能是 counter（窗口）、policy（政策）、legal（法制审核）、admin（管理员）', 'roles');
  return clean;
}

export type SignIn = { ok: true; account: Account } | { ok: false; lockedUntil?: string; disabled?: boolean };

export class Accounts {
  /** `cost`: what new passwords are hashed with (the office's TIAOLI_PASSWORD_COST, see Register) */
  constructor(private readonly db: Queryable, private readonly cost: PasswordCost = OWASP_COST) {}

  async count(): Promise<number> {
    const [{ n }] = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts');
    return n;
  }

  async list(): Promise<Account[]> {
    return (await this.db.query<Row>(`SELECT ${COLUMNS} FROM accounts ORDER BY id`)).map(accountOf);
  }

  async get(id: number): Promise<Account | undefined> {
    if (!Number.isSafeInteger(id) || id < 1) return undefined;
    const [row] = await this.db.query<Row>(`SELECT ${COLUMNS} FROM accounts WHERE id = $1`, [id]);
    return row ? accountOf(row) : undefined;
  }

  async byLogin(login: string): Promise<Account | undefined> {
    const [row] = await this.db.query<Row>(`SELECT ${COLUMNS} FROM accounts WHERE login = $1`, [login.trim().toLowerCase()]);
    return row ? accountOf(row) : undefined;
  }

  /** `passwordless`: an account that signs in only through the office's identity provider (oidc-links.ts) */
  async add(input: { login: unknown; name: unknown; roles: unknown; password: unknown }, options: { passwordless?: boolean } = {}): Promise<Account> {
    const login = checkLogin(input.login);
    const name = checkName(input.name);
    const roles = checkRoles(input.roles);
    const problem = options.passwordless ? undefined : passwordProblem(input.password);
    if (problem) throw new RegisterError(problem, 'password');
    if (await this.byLogin(login)) throw new RegisterError(`已有账户 ${login}`, 'login', 409);
    const hash = options.passwordless ? null : await hashPassword(input.password as string, this.cost);
    const [row] = await this.db.query<Row>(
      `INSERT INTO accounts (login, display_name, roles, password_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (login) DO NOTHING RETURNING ${COLUMNS}`,
      [login, name, roles, hash]);
    if (!row) throw new RegisterError(`已有账户 ${login}`, 'login', 409);
    return accountOf(row);
  }

  /** New roles; the account's sessions end (what they were signed in for has changed). */
  async setRoles(id: number, roles: unknown): Promise<Account> {
    const clean = checkRoles(roles);
    const [row] = await this.db.query<Row>(`UPDATE accounts SET roles = $2 WHERE id = $1 RETURNING ${COLUMNS}`, [id, clean]);
    if (!row) throw new RegisterError(`没有第 ${id} 号账户`, 'id', 404);
    await this.endSessions(id);
    return accountOf(row);
  }

  /** A new password; every session of the account ends, and a lock from failed tries is lifted. */
  async setPassword(id: number, password: unknown): Promise<Account> {
    const problem = passwordProblem(password);
    if (problem) throw new RegisterError(problem, 'password');
    const hash = await hashPassword(password as string, this.cost);
    const [row] = await this.db.query<Row>(`UPDATE accounts SET password_hash = $2, failed_count = 0, locked_until = NULL WHERE id = $1 RETURNING ${COLUMNS}`, [id, hash]);
    if (!row) throw new RegisterError(`没有第 ${id} 号账户`, 'id', 404);
    await this.endSessions(id);
    return accountOf(row);
  }

  /** Disabled: it can no longer sign in, and its sessions end now. Enabled again: it can. */
  async setDisabled(id: number, disabled: boolean): Promise<Account> {
    const [row] = await this.db.query<Row>(
      `UPDATE accounts SET disabled_at = CASE WHEN $2::boolean THEN coalesce(disabled_at, now()) ELSE NULL END WHERE id = $1 RETURNING ${COLUMNS}`, [id, disabled]);
    if (!row) throw new RegisterError(`没有第 ${id} 号账户`, 'id', 404);
    if (disabled) await this.endSessions(id);
    return accountOf(row);
  }

  async endSessions(id: number): Promise<void> {
    await this.db.query('UPDATE account_sessions SET ended_at = now() WHERE account_id = $1 AND ended_at IS NULL', [id]);
  }

  /** Checks a login and password, counting failures; a locked account's password is not even tried. */
  async signIn(login: unknown, password: unknown): Promise<SignIn> {
    const l = typeof login === 'string' ? login.trim().toLowerCase() : '';
    const [row] = LOGIN.test(l)
      ? await this.db.query<Row>(`SELECT ${COLUMNS}, password_hash, locked_until > now() AS locked, locked_until FROM accounts WHERE login = $1`, [l])
      : [];
    if (row?.locked) return { ok: false, lockedUntil: new Date(row.locked_until as string | Date).toISOString() };
    const right = await verifyPassword(typeof password === 'string' ? password : '', (row?.password_hash as string | null) ?? null, this.cost);
    if (!row) return { ok: false };
    if (!right) {
      await this.db.query(
        `UPDATE accounts SET failed_count = failed_count + 1,
           locked_until = CASE WHEN failed_count + 1 >= $2 THEN now() + least(power(2, failed_count + 1 - $2), $3) * interval '1 minute' ELSE locked_until END
         WHERE id = $1`, [row.id, FREE_TRIES, MAX_LOCK_MINUTES]);
      return { ok: false };
    }
    await this.db.query('UPDATE accounts SET failed_count = 0, locked_until = NULL WHERE id = $1', [row.id]);
    const account = accountOf(row);
    return account.disabled ? { ok: false, disabled: true } : { ok: true, account };
  }
}
