// The studio's server as a Hono app: the same app runs under `tiaoli serve` and inside
// Vite's dev server, and answers `app.request()` in tests without a port.
//
// Order matters: every request is first checked for a Host that names this server (DNS
// rebinding), then API requests for the token (beyond loopback), the session secret and
// same-origin/JSON (cross-site requests), a bounded body, and who is asking with which roles
// (route-roles.ts: a route not in that table is not served); only then do routes run.
// Single sign-on's two navigation routes (to the identity provider and back) skip the token,
// secret and JSON checks, which a navigating browser cannot pass, and bind themselves to the
// browser that began the sign-in instead (routes/session-oidc.ts).
import { Hono } from 'hono';
import { hostCheck } from './middleware/host-check.js';
import { sameOrigin } from './middleware/same-origin.js';
import { tokenCheck } from './middleware/token.js';
import { limitBody, MAX_BODY } from './middleware/body-limit.js';
import { notFound, onError } from './middleware/errors.js';
import { securityHeaders } from './middleware/headers.js';
import type { ProjectStore } from './project-store.js';
import { projectRoute } from './routes/project.js';
import { projectFixturesRoute } from './routes/project-fixtures.js';
import { filesRoute } from './routes/files.js';
import { checkRoute } from './routes/check.js';
import { decideRoute } from './routes/decide.js';
import { fixturesRoute } from './routes/fixtures.js';
import { studioRoutes } from './routes/studio.js';
import { registerRoute } from './routes/register.js';
import { projectRegister, type RegisterAccess } from '../register/open-register.js';
import { divisionsRoute } from './routes/divisions.js';
import { sessionRoute } from './routes/session.js';
import { accountsRoute } from './routes/accounts.js';
import { authCheck } from './middleware/auth.js';
import { sessionOidcRoute, type OidcRouteOptions } from './routes/session-oidc.js';
import { routeRule } from './route-roles.js';
import type { MiddlewareHandler } from 'hono';
import { AccessControl, SESSION_COOKIE } from './access.js';
import { projectsRoute, type ProjectList } from './routes/projects.js';
import { successorsRoute } from './routes/successors.js';
import { conformanceRoute } from './routes/conformance.js';

export interface AppOptions {
  store: ProjectStore;
  /** the per-start secret the studio page receives in index.html */
  session: string;
  /** the Host header values that name this server (read per request: a port may be known late) */
  hosts: () => ReadonlySet<string>;
  /** when set (always beyond loopback), every API request needs it as a Bearer token */
  token?: string;
  /** the built studio to serve; absent under Vite, which serves the studio itself */
  studio?: string;
  maxBody?: number;
  /** the decision register, opened at its first use (default: the project's own, never closed) */
  register?: RegisterAccess;
  /**
   * Whether single-user mode (本机单人模式) is possible: bound to loopback only and answering to
   * no other name. Even then it ends as soon as the register has an account (access.ts).
   */
  singleUser: boolean;
  /** the projects served beside this one, for the studio's picker (project-mounts.ts) */
  projects?: ProjectList;
  /** the session cookie's name: each project mounted beside another has its own */
  cookieName?: string;
  /** single sign-on through the office's identity provider, when configured (TIAOLI_OIDC) */
  oidc?: OidcRouteOptions;
}

/**
 * The secret, token and JSON checks, except for the pages a browser navigates to on its way
 * to and back from the identity provider (route-roles.ts `navigation`), which cannot carry
 * them and check their own binding instead.
 */
function exceptNavigation(check: MiddlewareHandler): MiddlewareHandler {
  return (c, next) => (routeRule(c.req.method, c.req.path)?.navigation ? next() : check(c, next));
}

export function createApp(options: AppOptions): Hono {
  if (options.token !== undefined && options.token === '') throw new Error('访问令牌不能为空');
  const app = new Hono();
  app.onError(onError);
  app.notFound(notFound);
  app.use('*', securityHeaders);
  app.use('*', hostCheck(options.hosts));
  if (options.token !== undefined) app.use('/api/*', exceptNavigation(tokenCheck(options.token)));
  app.use('/api/*', exceptNavigation(sameOrigin(options.session)));
  app.use('/api/*', limitBody(options.maxBody ?? MAX_BODY));
  const register = options.register ?? projectRegister(options.store.root);
  const access = new AccessControl(register, options.singleUser, options.cookieName ?? SESSION_COOKIE);
  app.use('/api/*', authCheck(access));
  sessionRoute(app, access, options.oidc?.client.name);
  sessionOidcRoute(app, access, options.oidc);
  accountsRoute(app, access);
  projectRoute(app, options.store);
  projectFixturesRoute(app, options.store);
  filesRoute(app, options.store);
  checkRoute(app, options.store);
  decideRoute(app, options.store);
  fixturesRoute(app, options.store);
  registerRoute(app, options.store, register);
  divisionsRoute(app, options.store);
  successorsRoute(app, options.store);
  conformanceRoute(app, options.store);
  projectsRoute(app, options.projects);
  if (options.studio) studioRoutes(app, options.studio, options.session);
  return app;
}
