// Signed-in sessions: a random value in an httpOnly cookie, known to the database only by its
// SHA-256. A session ends when its holder signs out, when an administrator disables the
// account or changes its roles or password, after IDLE_MINUTES without a request, and
// IDLE… or ABSOLUTE_HOURS after it began, whichever is first. A new value is made at every
// sign-in (a value planted before it — session fixation — signs nobody in).
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../register/database.js';
import { cleanRoles, type Role } from './roles.js';

export const IDLE_MINUTES = 30;
export const ABSOLUTE_HOURS = 12;
/** last_seen is written at most this often (not on every request) */
const TOUCH_SECONDS = 60;

export interface SignedIn { accountId: number; login: string; name: string; roles: Role[] }

const hashOf = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export class Sessions {
  constructor(private readonly db: Queryable) {}

  /** A new session for the account; the value for its cookie (never stored). */
  async begin(accountId: number): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.db.query('INSERT INTO account_sessions (token_hash, account_id) VALUES ($1, $2)', [hashOf(token), accountId]);
    return token;
  }

  /** Who a cookie's value signs in, if its session is live and its account enabled. */
  async check(token: string | undefined): Promise<SignedIn | undefined> {
    if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const [row] = await this.db.query<Record<string, unknown>>(
      `SELECT a.id::int AS id, a.login, a.display_name, a.roles, s.last_seen < now() - $2 * interval '1 second' AS stale
         FROM account_sessions s JOIN accounts a ON a.id = s.account_id
        WHERE s.token_hash = $1 AND s.ended_at IS NULL AND a.disabled_at IS NULL
          AND s.last_seen > now() - $3 * interval '1 minute' AND s.created_at > now() - $4 * interval '1 hour'`,
      [hashOf(token), TOUCH_SECONDS, IDLE_MINUTES, ABSOLUTE_HOURS]);
    if (!row) return undefined;
    if (row.stale) await this.db.query('UPDATE account_sessions SET last_seen = now() WHERE token_hash = $1', [hashOf(token)]);
    return { accountId: Number(row.id), login: String(row.login), name: String(row.display_name), roles: cleanRoles(row.roles) ?? [] };
  }

  async end(token: string | undefined): Promise<void> {
    if (token) await this.db.query('UPDATE account_sessions SET ended_at = now() WHERE token_hash = $1 AND ended_at IS NULL', [hashOf(token)]);
  }
}
