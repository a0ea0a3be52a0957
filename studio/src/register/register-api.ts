// The register's API as the studio calls it (engine/server/routes/register.ts). Searches are
// POSTs, so an ID number searched for never stands in a URL.
import type { CaseInput, DecisionDocument } from '../../../engine/explain/decider.js';
import type { RegisterEntry, RegisterFilter, StoredDecision } from '../../../engine/register/register.js';
import type { ReplaySummary } from '../../../engine/register/replay.js';
import type { AccessLogEntry } from '../../../engine/accounts/access-log.js';
import { call } from '../shared/api.js';

export type { RegisterEntry, StoredDecision, ReplaySummary, AccessLogEntry };

export class RegisterCallError extends Error {
  /** superseded: a replay a newer one replaced (its answer is not wanted) */
  constructor(message: string, readonly field?: string, readonly superseded = false) {
    super(message);
  }
}

async function answer<T>(method: string, path: string, body?: unknown): Promise<T> {
  const { status, data } = await call(method, path, body);
  if (status >= 400) throw new RegisterCallError(data?.error ?? `HTTP ${status}`, data?.field, data?.superseded === true);
  return data as T;
}

/**
 * Stores a decision. `operator`: single-user mode only (the desk's typed name); signed in, the server
 * records the signed-in person. `requestId` is made once per store and sent again with a retry (the first record is the answer).
 */
export const recordDecision = (body: { case: CaseInput; officeId?: string; operator?: string; form?: string; requestId: string; officeConfirmed?: boolean }) =>
  answer<RegisterEntry & { officeName: string; operatorAccount: number | null }>('POST', 'api/register/decisions', body);

export const searchRegister = (filter: RegisterFilter) => answer<{ entries: RegisterEntry[] }>('POST', 'api/register/search', filter);

/** A stored decision as the server shows it: `masked` (every role), or in full after an unmasking. */
export type ShownDecision = StoredDecision & { document: DecisionDocument; masked: boolean; operatorAccount: number | null };

export const fetchStored = (id: number) => answer<ShownDecision>('GET', `api/register/decisions/${id}`);

/** 法制审核: the record in full; the server writes the reason to the access log first. */
export const unmaskStored = (id: number, reason: string) => answer<ShownDecision>('POST', `api/register/decisions/${id}/unmask`, { reason });

export const fetchAccessLog = () => answer<{ entries: AccessLogEntry[] }>('GET', 'api/register/access-log');

export const replayRegister = (changes: Record<string, string>) => answer<ReplaySummary>('POST', 'api/register/replay', { changes });
