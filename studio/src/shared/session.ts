// Who is using the studio, as the server says (GET /api/session): single-user mode on this
// machine (本机单人模式), or an account signed in with its roles, or nobody yet (the sign-in
// page). An API answer of 401 asking for sign-in (a session that expired or was ended) sends
// the studio back to the sign-in page.
import { useSyncExternalStore } from 'react';
import type { Role } from '../../../engine/accounts/roles.js';
import { call, onSignInNeeded } from './api.js';

export interface SessionAccount { id: number; login: string; name: string; roles: Role[] }

/** Single sign-on, when the server has it: the provider's name and where sign-in through it begins. */
export interface SessionSso { name: string; start: string }

export type SessionState =
  | { status: 'loading' }
  | { status: 'error'; error: string }
  | { status: 'ready'; mode: 'single' | 'accounts' | 'closed'; account: SessionAccount | null; roles: Role[]; sso?: SessionSso | null };

let state: SessionState = { status: 'loading' };
const listeners = new Set<() => void>();
const set = (next: SessionState): void => {
  state = next;
  listeners.forEach((l) => l());
};

export function useSession(): SessionState {
  return useSyncExternalStore((l) => (listeners.add(l), () => listeners.delete(l)), () => state);
}

export const currentSession = (): SessionState => state;

export async function loadSession(): Promise<void> {
  try {
    const { status, data } = await call('GET', 'api/session');
    if (status !== 200) throw new Error(data?.error ?? `HTTP ${status}`);
    set({ status: 'ready', mode: data.mode, account: data.account, roles: data.roles ?? [], sso: data.sso ?? null });
  } catch (e) {
    set({ status: 'error', error: (e as Error).message });
  }
}

/** Signs in; the error to show, or undefined when signed in. */
export async function signIn(login: string, password: string): Promise<string | undefined> {
  const { status, data } = await call('POST', 'api/session', { login, password });
  if (status !== 200) return data?.error ?? `HTTP ${status}`;
  set({ status: 'ready', mode: 'accounts', account: data.account, roles: data.account.roles });
  return undefined;
}

/**
 * Where the 使用单位统一身份认证登录 link goes: the server's start of single sign-on, asked to
 * bring the browser back to this page (without a ?token=, which the tab keeps already).
 */
export function ssoHref(sso: SessionSso, location: Location = window.location): string {
  const search = new URLSearchParams(location.search);
  search.delete('token');
  const query = search.toString();
  return `${sso.start}?returnTo=${encodeURIComponent(`${location.pathname}${query ? `?${query}` : ''}${location.hash}`)}`;
}

export async function signOut(): Promise<void> {
  await call('DELETE', 'api/session').catch(() => undefined);
  await loadSession();
}

/** Whether the person using the studio holds a role (single-user mode: the roles it has). */
export function hasRole(s: SessionState, role: Role): boolean {
  return s.status === 'ready' && s.roles.includes(role);
}

/** The name a record and a printed page give as 经办人: the signed-in person's; undefined in single-user mode (the desk's typed name). */
export function signedInName(s: SessionState): string | undefined {
  return s.status === 'ready' && s.mode === 'accounts' ? s.account?.name : undefined;
}

onSignInNeeded(() => {
  if (state.status === 'ready' && state.mode !== 'single') void loadSession();
});
