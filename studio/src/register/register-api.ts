// The register's API as the studio calls it (engine/server/routes/register.ts). Searches are
// POSTs, so an ID number searched for never stands in a URL.
import type { CaseInput, DecisionDocument } from '../../../engine/explain/decider.js';
import type { RegisterEntry, RegisterFilter, StoredDecision } from '../../../engine/register/register.js';
import type { ReplaySummary } from '../../../engine/register/replay.js';
import { call } from '../shared/api.js';

export type { RegisterEntry, StoredDecision, ReplaySummary };

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

/** Stores a decision; `requestId` made once per store and sent again with a retry (the first record is the answer). */
export const recordDecision = (body: { case: CaseInput; officeId?: string; operator: string; form?: string; requestId: string }) =>
  answer<RegisterEntry & { officeName: string }>('POST', 'api/register/decisions', body);

export const searchRegister = (filter: RegisterFilter) => answer<{ entries: RegisterEntry[] }>('POST', 'api/register/search', filter);

export const fetchStored = (id: number) => answer<StoredDecision & { document: DecisionDocument }>('GET', `api/register/decisions/${id}`);

export const replayRegister = (changes: Record<string, string>) => answer<ReplaySummary>('POST', 'api/register/replay', { changes });
