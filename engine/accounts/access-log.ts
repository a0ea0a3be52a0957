// The access log of unmasked personal data: every time a 法制审核 account sees a stored
// decision's full ID number and telephone, who, when, which record and why. Written in the
// same transaction as the reading (no unlogged unmasking); the database refuses to change or
// delete a row (triggers of 010_accounts.sql), so the log is append-only for everyone.
import { RegisterError, type Queryable } from '../register/database.js';
import type { SignedIn } from './sessions.js';

export const MIN_REASON = 2;
export const MAX_REASON = 500;

export interface AccessLogEntry {
  id: number; at: string;
  /** the signed-in account (the studio); null for the command line, which has none */
  accountId: number | null;
  /** the account's display name, or the operator the command line was given */
  accountName: string;
  /** where the unmasking happened; the command line's also names the operating-system account that ran it */
  via: 'studio' | 'command-line';
  osUser: string | null;
  decisionId: number; documentNumber: string; reason: string;
}

/** Who unmasked on the command line: the operator it requires, and the operating-system account that ran it. */
export interface CommandLineViewer { operator: string; osUser: string }

/** The reason as stored, or a RegisterError naming the field. */
export function checkReason(reason: unknown): string {
  const r = typeof reason === 'string' ? reason.trim() : '';
  if (r.length < MIN_REASON) throw new RegisterError(`请写明查看完整信息的理由（至少 ${MIN_REASON} 个字），它会记入查阅记录`, 'reason');
  if (r.length > MAX_REASON) throw new RegisterError(`理由过长（最多 ${MAX_REASON} 个字）`, 'reason');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(r)) throw new RegisterError('理由不能含有控制字符或方向控制符', 'reason');
  return r;
}

export async function appendAccess(tx: Queryable, who: SignedIn, decision: { id: number; documentNumber: string }, reason: string): Promise<void> {
  await tx.query('INSERT INTO register_access_log (account_id, account_name, decision_id, document_number, reason) VALUES ($1, $2, $3, $4, $5)',
    [who.accountId, who.name, decision.id, decision.documentNumber, reason]);
}

/** The command line's unmasking of `decisions`, one row each, written (and committed) before any is read. */
export async function appendCommandLineAccess(tx: Queryable, who: CommandLineViewer, decisions: Array<{ id: number; documentNumber: string }>, reason: string): Promise<void> {
  for (const d of decisions) {
    await tx.query("INSERT INTO register_access_log (account_id, account_name, via, os_user, decision_id, document_number, reason) VALUES (NULL, $1, 'command-line', $2, $3, $4, $5)",
      [who.operator, who.osUser, d.id, d.documentNumber, reason]);
  }
}

export async function readAccessLog(db: Queryable, limit = 500): Promise<AccessLogEntry[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id::int AS id, at, account_id::int AS account_id, account_name, via, os_user, decision_id::int AS decision_id, document_number, reason
       FROM register_access_log ORDER BY id DESC LIMIT $1`, [Math.min(Math.max(Math.floor(limit), 1), 5000)]);
  return rows.map((r) => ({
    id: Number(r.id), at: new Date(r.at as string | Date).toISOString(), accountId: r.account_id === null ? null : Number(r.account_id), accountName: String(r.account_name),
    via: r.via === 'command-line' ? 'command-line' : 'studio', osUser: typeof r.os_user === 'string' ? r.os_user : null,
    decisionId: Number(r.decision_id), documentNumber: String(r.document_number), reason: String(r.reason),
  }));
}
