// Who a person signed in by the office's identity provider is, here: the account an
// administrator linked to the value of the configured claim (loginClaim) at that provider
// (issuer). Nobody is let in by a claim alone: no link, no sign-in — roles such as 法制审核
// (who may unmask a citizen's ID number) are given by this register's administrator, where
// they are recorded, never by the provider. The provider's subject (sub, which OpenID Connect
// says is never reassigned) is pinned at the first sign-in: if the provider later gives the
// same claim value (a user name, an e-mail address) to someone else, that person is refused.
import type { Queryable } from '../register/database.js';
import { RegisterError } from '../register/database.js';

export interface OidcLink { accountId: number; login: string; issuer: string; claimValue: string; subject: string | null; linkedAt: string; lastSignIn: string | null }

export type Matched =
  | { ok: true; accountId: number }
  | { ok: false; reason: 'unlinked' | 'disabled' | 'other-subject' };

type Row = Record<string, unknown>;
const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string | Date).toISOString());
const linkOf = (r: Row): OidcLink => ({
  accountId: Number(r.account_id), login: String(r.login), issuer: String(r.issuer), claimValue: String(r.claim_value),
  subject: r.subject === null ? null : String(r.subject), linkedAt: iso(r.linked_at)!, lastSignIn: iso(r.last_sign_in),
});
const COLUMNS = 'l.account_id::int AS account_id, a.login, l.issuer, l.claim_value, l.subject, l.linked_at, l.last_sign_in';

/** A claim value as linked: one line, 1–255 characters, no control or direction characters. */
export function checkClaimValue(value: unknown): string {
  const v = typeof value === 'string' ? value.trim() : '';
  if (!v || v.length > 255) throw new RegisterError('统一身份认证的标识应是 1–255 个字符', 'sso');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/.test(v)) throw new RegisterError('统一身份认证的标识不能含有控制字符、换行或方向控制符', 'sso');
  return v;
}

export class OidcLinks {
  constructor(private readonly db: Queryable) {}

  async list(): Promise<OidcLink[]> {
    return (await this.db.query<Row>(`SELECT ${COLUMNS} FROM account_oidc_links l JOIN accounts a ON a.id = l.account_id ORDER BY a.login`)).map(linkOf);
  }

  /** Refuses a claim value already linked to another account than `accountId` (none yet: 0). */
  async checkFree(issuer: string, value: string, accountId = 0): Promise<void> {
    const [taken] = await this.db.query<Row>('SELECT a.login FROM account_oidc_links l JOIN accounts a ON a.id = l.account_id WHERE l.issuer = $1 AND l.claim_value = $2 AND l.account_id <> $3', [issuer, value, accountId]);
    if (taken) throw new RegisterError(`这个统一身份认证标识已链接到账户 ${String(taken.login)}：先 tiaoli accounts unlink ${String(taken.login)}`, 'sso', 409);
  }

  /** Links the account to a claim value at `issuer` (replacing its link; the subject is pinned anew at the next sign-in). */
  async link(accountId: number, issuer: string, claimValue: unknown): Promise<OidcLink> {
    const value = checkClaimValue(claimValue);
    await this.checkFree(issuer, value, accountId);
    await this.db.query(
      `INSERT INTO account_oidc_links (account_id, issuer, claim_value) VALUES ($1, $2, $3)
       ON CONFLICT (account_id) DO UPDATE SET issuer = EXCLUDED.issuer, claim_value = EXCLUDED.claim_value, subject = NULL, linked_at = now(), last_sign_in = NULL`,
      [accountId, issuer, value]);
    const [row] = await this.db.query<Row>(`SELECT ${COLUMNS} FROM account_oidc_links l JOIN accounts a ON a.id = l.account_id WHERE l.account_id = $1`, [accountId]);
    return linkOf(row!);
  }

  /** Removes the account's link; whether it had one. Its sessions are the caller's to end. */
  async unlink(accountId: number): Promise<boolean> {
    return (await this.db.query('DELETE FROM account_oidc_links WHERE account_id = $1 RETURNING account_id', [accountId])).length > 0;
  }

  /**
   * The account a provider's sign-in is, by the claim value an administrator linked; pins the
   * subject at the first sign-in and refuses another subject afterwards.
   */
  async match(issuer: string, claimValue: string, subject: string): Promise<Matched> {
    const [row] = await this.db.query<Row>(
      `SELECT l.account_id::int AS account_id, l.subject, a.disabled_at FROM account_oidc_links l JOIN accounts a ON a.id = l.account_id
        WHERE l.issuer = $1 AND l.claim_value = $2`, [issuer, claimValue]);
    if (!row) return { ok: false, reason: 'unlinked' };
    if (row.subject !== null && row.subject !== subject) return { ok: false, reason: 'other-subject' };
    if (row.disabled_at !== null && row.disabled_at !== undefined) return { ok: false, reason: 'disabled' };
    // the first sign-in pins the subject (only if nobody pinned another meanwhile)
    const [pinned] = await this.db.query<Row>(
      'UPDATE account_oidc_links SET subject = coalesce(subject, $2), last_sign_in = now() WHERE account_id = $1 AND (subject IS NULL OR subject = $2) RETURNING account_id',
      [row.account_id, subject]);
    return pinned ? { ok: true, accountId: Number(row.account_id) } : { ok: false, reason: 'other-subject' };
  }
}
