// The accounts API as the studio's 账户 page calls it (engine/server/routes/accounts.ts; 管理员 only).
import type { Account } from '../../../engine/accounts/accounts.js';
import type { Role } from '../../../engine/accounts/roles.js';
import { call } from '../shared/api.js';

export type { Account };

async function answer<T>(method: string, path: string, body?: unknown): Promise<T> {
  const { status, data } = await call(method, path, body);
  if (status >= 400) throw new Error(data?.error ?? `HTTP ${status}`);
  return data as T;
}

export const listAccounts = () => answer<{ accounts: Account[] }>('GET', 'api/accounts');
export const addAccount = (a: { login: string; name: string; roles: Role[]; password: string }) => answer<{ account: Account }>('POST', 'api/accounts', a);
export const changeAccount = (id: number, change: { disabled?: boolean; roles?: Role[]; password?: string }) => answer<{ account: Account }>('PUT', `api/accounts/${id}`, change);
