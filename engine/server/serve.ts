// `tiaoli serve`: one Node process that serves the built studio and its API (the Hono app
// of app.ts). It binds to loopback; bound elsewhere, the API demands a token, never empty.
import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp } from './app.js';
import { findProjectMounts, MOUNT_PATH, regulationTitle, type ProjectLink } from './project-mounts.js';
import { isLoopback, ownHosts } from './middleware/host-check.js';
import { adapterError } from './middleware/errors.js';
import { newSecret } from './middleware/secret.js';
import { ProjectStore } from './project-store.js';
import { snapshotFixtures } from './snapshot-fixtures.js';
import { projectBody } from './routes/project.js';
import { oidcStatus, type OidcStatus } from '../accounts/oidc-config.js';
import { OidcClient } from '../accounts/oidc-client.js';
import { mountedRedirectUri } from './routes/session-oidc.js';

/** How long after the start the server decides the fixtures when no studio has asked yet. */
const FIXTURES_AFTER_MS = 5000;
import { mountedRegister, projectRegister, type RegisterAccess } from '../register/open-register.js';
import { dataFolder } from '../register/open-database.js';
import { localUrl, writeServerNote } from './server-note.js';

export { isLoopback } from './middleware/host-check.js';

export interface ServeOptions {
  root: string;
  port: number;
  host: string;
  token?: string;
  studio: string;
  /** more Host names to answer to (e.g. a LAN name), beyond the bound host's own */
  hosts?: string[];
  /** the decision register (default: the project's, from DATABASE_URL or its data folder), opened at first use */
  register?: RegisterAccess;
  /** where to leave the note the command line finds this server by (default: the project's data folder) */
  dataFolder?: string;
  /** single sign-on (default: as TIAOLI_OIDC and TIAOLI_OIDC_CLIENT_SECRET configure it) */
  oidc?: OidcStatus;
  /**
   * Open (make, the first time) each project's register once the first page's answer is ready,
   * off the request path, so the first 登记 does not wait for it (`tiaoli serve` does; a test's
   * server, whose register is seldom used, need not).
   */
  openRegisterAtStart?: boolean;
}

export interface Started {
  url: string;
  token?: string;
  /** this start's session secret (the studio page gets it in index.html; scripts send it as X-Tiaoli-Session) */
  session: string;
  /** the Node server (e.g. to watch requests and answers) */
  server: Server;
  /** single sign-on, when configured: the provider's name and this server's callback URL */
  sso?: { name: string; redirectUri: string };
  close: () => Promise<void>;
}

/**
 * The token the API will demand: none on loopback unless given; beyond loopback the given one
 * or a random one. An empty token would switch authentication off, so it is refused.
 */
export function tokenFor(host: string, given: string | undefined): string | undefined {
  if (given !== undefined && given.trim() === '') {
    throw new Error(isLoopback(host)
      ? '访问令牌不能为空：去掉 --token / TIAOLI_TOKEN，或给一个非空的令牌'
      : `绑定到非本机地址 ${host} 时必须有访问令牌，且不能为空：去掉 --token / TIAOLI_TOKEN 以自动生成一个随机令牌，或给一个非空的令牌`);
  }
  return isLoopback(host) ? given : (given ?? newSecret());
}

export async function startServer(options: ServeOptions): Promise<Started> {
  const token = tokenFor(options.host, options.token);
  const sso = options.oidc ?? oidcStatus();
  if (sso.kind === 'refused') throw new Error(sso.message);
  const oidcClient = sso.kind === 'on' ? new OidcClient(sso) : undefined;
  const session = newSecret();
  const store = new ProjectStore(options.root);
  const register = options.register ?? projectRegister(store.root);
  let hosts: ReadonlySet<string> = new Set();
  // single-user mode only where nobody else can reach the server: loopback, and no other name
  const singleUser = isLoopback(options.host) && !(options.hosts ?? []).some((h) => h.trim());
  // the projects beside this one (<root>/projects/<id>), each a whole app of its own at /p/<id>/
  const mounts = findProjectMounts(store.root);
  const links: ProjectLink[] = [{ id: '', title: regulationTitle(store.root) ?? store.root, href: '/' }, ...mounts.map(({ id, title, href }) => ({ id, title, href }))];
  const app = createApp({ store, session, token, studio: options.studio, hosts: () => hosts, register, singleUser, projects: { current: '', list: () => links },
    oidc: oidcClient && sso.kind === 'on' ? { client: oidcClient, redirectUri: sso.config.redirectUri } : undefined });
  const mounted = new Map(mounts.map((m) => {
    const mountStore = new ProjectStore(m.dir);
    const mountRegister = mountedRegister(mountStore.root, m.id, mounts.map((other) => other.id));
    const mountApp = createApp({
      store: mountStore, session, token, studio: options.studio, hosts: () => hosts, register: mountRegister, singleUser,
      projects: { current: m.id, list: () => links }, cookieName: `tiaoli_session_${m.id.replace(/-/g, '_')}`,
      oidc: oidcClient && sso.kind === 'on' ? { client: oidcClient, redirectUri: mountedRedirectUri(sso.config.redirectUri, m.id) } : undefined,
    });
    return [m.id, { app: mountApp, store: mountStore, register: mountRegister }] as const;
  }));
  const server = createServer(getRequestListener((request) => dispatch(request, app, mounted), { errorHandler: adapterError }));
  // a client that never finishes its headers or body does not hold a connection for long;
  // malformed HTTP (a bad request line, oversize headers) Node answers itself with 400/431
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    await store.close();
    await register.close();
    for (const m of mounted.values()) {
      await m.store.close();
      await m.register.close();
    }
    throw e;
  }
  server.on('error', (e) => console.error(`[tiaoli] 服务器错误：${e.message}`));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  hosts = ownHosts(options.host, port, options.hosts);
  // the first studio page asks for the checked project at once: check it (and write its
  // answer) now. Its fixtures are decided when a page asks for the project, or a few seconds
  // after the start, whichever comes first: a studio opened at once gets its first page
  // before the fixtures' turn, one opened later finds them decided.
  const checked = store.snapshot().then((snapshot) => projectBody(store, snapshot)).catch(() => undefined);
  if (options.openRegisterAtStart) {
    void checked.then(() => {
      register.prepare();
      for (const [id, m] of mounted) m.register.prepare(`项目 ${id} 的台账`);
    });
  }
  setTimeout(() => void store.snapshot().then((snapshot) => snapshotFixtures(store, snapshot)).catch(() => undefined), FIXTURES_AFTER_MS).unref();
  const shown = options.host.includes(':') && !options.host.startsWith('[') ? `[${options.host}]` : options.host;
  // the command line's register commands go through this server while it runs (it owns the register)
  let removeNote = (): void => undefined;
  try {
    removeNote = writeServerNote(options.dataFolder ?? dataFolder(store.root), { url: localUrl(options.host, port), session, apiToken: token });
  } catch (e) {
    console.error(`[tiaoli] 无法在数据目录写下服务器地址（命令行的 register 命令将不能经由本服务器）：${(e as Error).message}`);
  }
  return {
    url: `http://${shown}:${port}/`,
    token,
    session,
    server,
    sso: sso.kind === 'on' ? { name: sso.config.name, redirectUri: sso.config.redirectUri } : undefined,
    close: async () => {
      removeNote();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      await store.close();
      await register.close().catch(() => undefined);
      for (const m of mounted.values()) {
        await m.store.close();
        await m.register.close().catch(() => undefined);
      }
    },
  };
}

/**
 * A request for /p/<id>/… goes to that project's app with the prefix taken off (its pages and
 * API are the studio's own, found by relative paths); /p/<id> alone is sent to /p/<id>/; an
 * unknown id is 404; everything else is this project's.
 */
function dispatch(request: Request, app: Hono, mounted: ReadonlyMap<string, { app: Hono }>): Response | Promise<Response> {
  const url = new URL(request.url);
  const match = MOUNT_PATH.exec(url.pathname);
  if (!match) return app.fetch(request);
  const target = mounted.get(match[1]!);
  if (!target) return app.fetch(request);
  if (match[2] === undefined) return new Response(null, { status: 308, headers: { location: `/p/${match[1]}/${url.search}` } });
  url.pathname = match[2];
  const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : request.body;
  return target.app.fetch(new Request(url, { method: request.method, headers: request.headers, body, duplex: 'half', signal: request.signal } as RequestInit));
}
