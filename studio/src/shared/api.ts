// The server's JSON API. Every request carries this start's session secret, which the
// server put into index.html (a page on another origin cannot read it), and JSON. Bound to a
// non-loopback address, the server also wants the token it printed at start; the studio
// takes it from ?token= once and keeps it for the session.
import type { Regulation } from '../../../engine/model/model.js';
import type { Office } from '../../../engine/project/offices/office-model.js';
import type { FixtureResult } from '../../../engine/project/fixtures/run-fixtures.js';
import type { ShippedForms } from './model-parts.js';

export interface ProjectFile { text: string; version: string }
export interface ApiProblem { code: string; message: string; location: { file: string; line: number; column: number } }
/**
 * `problems`: the server's check of the files on disk, among them what only the disk can tell
 * (encoding, links, size); `checked`: the rules that check built (absent when it could not);
 * `snapshot`: names these files, as the fixtures' results name the files they were decided from.
 */
import type { SuperiorProjectFiles } from '../../../engine/project/instruments/instruments-from-files.js';

export interface ProjectResponse {
  files: Record<string, ProjectFile>;
  ruleset: string | null;
  title: string;
  problems?: ApiProblem[];
  snapshot?: string;
  checked?: { regulation?: Regulation; forms?: ShippedForms; offices?: Array<[string, Office]>; warnings?: ApiProblem[] };
}
/** Every fixture of the project on disk, decided by the server, and the snapshot it was decided in. */
export interface ProjectFixtures { snapshot: string; fixtures: FixtureResult[] }
const TOKEN_KEY = 'tiaoli.token';
const SESSION_META = 'meta[name="tiaoli-session"]';

function session(): string {
  return document.querySelector<HTMLMetaElement>(SESSION_META)?.content ?? '';
}

function token(): string | null {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) sessionStorage.setItem(TOKEN_KEY, fromUrl);
  return sessionStorage.getItem(TOKEN_KEY);
}

const signInNeeded = new Set<() => void>();
/** Called when an API answer says the session is gone (401 asking for sign-in): the session store listens. */
export function onSignInNeeded(listener: () => void): void {
  signInNeeded.add(listener);
}

export async function call(method: string, path: string, body?: unknown): Promise<{ status: number; data: any }> {
  const t = token();
  const res = await fetch(path, {
    method,
    headers: { 'content-type': 'application/json', 'x-tiaoli-session': session(), ...(t ? { authorization: `Bearer ${t}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({ error: res.statusText }));
  if (res.status === 401 && data?.signIn === true && path !== 'api/session') signInNeeded.forEach((l) => l());
  return { status: res.status, data };
}

export async function fetchProject(): Promise<ProjectResponse> {
  const { status, data } = await call('GET', 'api/project');
  if (status !== 200) throw new Error(data.error ?? `HTTP ${status}`);
  return data;
}

/** The superior instruments' projects (rules/instruments.yaml), read-only: the browser decides under them as the server does. */
export async function fetchProjectSuperiors(): Promise<SuperiorProjectFiles[]> {
  const { status, data } = await call('GET', 'api/project/superiors');
  if (status !== 200 || !Array.isArray(data?.superiors)) throw new Error(data?.error ?? `HTTP ${status}`);
  return data.superiors;
}

export async function fetchProjectFixtures(): Promise<ProjectFixtures> {
  const { status, data } = await call('GET', 'api/project/fixtures');
  if (status !== 200 || typeof data?.snapshot !== 'string' || !Array.isArray(data.fixtures)) throw new Error(data?.error ?? `HTTP ${status}`);
  return data;
}

export type SaveResult =
  | { kind: 'saved'; version: string; ruleset: string | null }
  | { kind: 'conflict'; current: ProjectFile | null }
  | { kind: 'invalid'; problems: ApiProblem[] }
  | { kind: 'error'; message: string };

export async function saveFile(path: string, text: string, baseVersion: string | null): Promise<SaveResult> {
  try {
    const { status, data } = await call(baseVersion === null ? 'POST' : 'PUT', `api/files?path=${encodeURIComponent(path)}`, { text, baseVersion });
    if (status === 200) return { kind: 'saved', version: data.version, ruleset: data.ruleset };
    if (status === 409) return { kind: 'conflict', current: data.current };
    if (status === 422) return { kind: 'invalid', problems: data.problems };
    return { kind: 'error', message: data.error ?? `HTTP ${status}` };
  } catch (e) {
    return { kind: 'error', message: (e as Error).message };
  }
}

/**
 * Asks the server to check a draft now (POST /api/check), so that saving it later finds the
 * check done: a save then only writes. Nothing is shown from the answer; a failure is quiet
 * (the save checks again).
 */
export function precheckOnServer(path: string, text: string): void {
  void call('POST', 'api/check', { files: { [path]: text } }).catch(() => undefined);
}

/** The divisions directly under a code (none: the top level), from the server's division dataset. */
export async function fetchDivisions(parent: string): Promise<any> {
  const { status, data } = await call('GET', `api/divisions?parent=${encodeURIComponent(parent)}`);
  if (status !== 200) throw new Error(data.error ?? `HTTP ${status}`);
  return data;
}
