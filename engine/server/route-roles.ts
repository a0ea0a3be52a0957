// Which roles may call which API route: one table, checked before any route runs
// (middleware/auth.ts). A route that is not in the table is not served at all, so a route
// added without deciding who may call it answers 404 until it is added here; the route/role
// matrix test (test/accounts/route-roles.test.ts) calls every route with every role.
import { ROLES, type Role } from '../accounts/roles.js';

/** 'public': reachable without signing in (the session itself); otherwise the roles, any one of which suffices. */
export type Allowed = 'public' | readonly Role[];

export interface RouteRule {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  allowed: Allowed;
  what: string;
  /**
   * A page the browser navigates to (single sign-on: to the identity provider and back from
   * it), which cannot carry the studio's secret, token or JSON: the route binds the request to
   * its browser itself (a cookie the sign-in began with, routes/session-oidc.ts).
   */
  navigation?: true;
}

const ANY = ROLES;

export const ROUTE_ROLES: readonly RouteRule[] = [
  { method: 'GET', path: '/api/session', allowed: 'public', what: '是否已登录、以谁的身份' },
  { method: 'POST', path: '/api/session', allowed: 'public', what: '登录' },
  { method: 'DELETE', path: '/api/session', allowed: 'public', what: '退出' },
  { method: 'GET', path: '/api/session/oidc/start', allowed: 'public', navigation: true, what: '转到单位统一身份认证登录' },
  { method: 'GET', path: '/api/session/oidc/callback', allowed: 'public', navigation: true, what: '从单位统一身份认证回来（完成登录）' },
  { method: 'GET', path: '/api/project', allowed: ANY, what: '读取规则与表单' },
  { method: 'GET', path: '/api/project/fixtures', allowed: ANY, what: '夹具的结果' },
  { method: 'GET', path: '/api/project/superiors', allowed: ANY, what: '上位法项目的规则与文书模板（只读）' },
  { method: 'GET', path: '/api/project/conformance', allowed: ANY, what: '上位法一致性审查的结果（条文页逐条显示）' },
  { method: 'GET', path: '/api/projects', allowed: ANY, what: '本服务器上的项目（切换项目）' },
  { method: 'GET', path: '/api/divisions', allowed: ANY, what: '行政区划' },
  { method: 'POST', path: '/api/decide', allowed: ANY, what: '对一个案件作出决定（不登记）' },
  { method: 'POST', path: '/api/check', allowed: ['policy', 'legal', 'admin'], what: '检查修改后的文件' },
  { method: 'POST', path: '/api/fixtures/run', allowed: ['policy', 'legal'], what: '按修改后的规则运行夹具' },
  // forms/offices.yaml: admin only (routes/files.ts); every other file: policy and legal review
  { method: 'PUT', path: '/api/files', allowed: ['policy', 'legal', 'admin'], what: '保存文件' },
  { method: 'POST', path: '/api/files', allowed: ['policy', 'legal', 'admin'], what: '新建文件' },
  { method: 'GET', path: '/api/successors', allowed: ['policy', 'legal'], what: '本办法的后续版本（草案与已发布的）' },
  { method: 'POST', path: '/api/successors', allowed: ['policy', 'legal'], what: '从现行版本起草后续版本' },
  { method: 'GET', path: '/api/successors/:id', allowed: ['policy', 'legal'], what: '后续版本与被取代版本逐条对照及其影响' },
  // 法制审核 publishes (roles.ts): from its first day, the counter decides under the published version
  { method: 'POST', path: '/api/successors/:id/publish', allowed: ['legal'], what: '发布后续版本' },
  { method: 'POST', path: '/api/register/decisions', allowed: ['counter'], what: '登记决定' },
  { method: 'POST', path: '/api/register/search', allowed: ['counter', 'legal'], what: '查询台账（遮盖）' },
  { method: 'GET', path: '/api/register/decisions/:id', allowed: ['counter', 'legal'], what: '一条登记（遮盖），供推理与重印' },
  { method: 'POST', path: '/api/register/decisions/:id/unmask', allowed: ['legal'], what: '查看完整身份号码与电话（写明理由，记入查阅记录）' },
  { method: 'GET', path: '/api/register/access-log', allowed: ['legal'], what: '查阅记录' },
  { method: 'POST', path: '/api/register/replay', allowed: ['policy', 'legal'], what: '按修改后的规则重放台账' },
  { method: 'GET', path: '/api/register/replay', allowed: ['policy', 'legal'], what: '重放台账的进度' },
  { method: 'POST', path: '/api/register/replay/cancel', allowed: ['policy', 'legal'], what: '取消正在进行的重放' },
  { method: 'GET', path: '/api/accounts', allowed: ['admin'], what: '账户列表' },
  { method: 'POST', path: '/api/accounts', allowed: ['admin'], what: '新建账户' },
  { method: 'PUT', path: '/api/accounts/:id', allowed: ['admin'], what: '停用、启用账户，改角色或密码' },
];

/** The files only an administrator saves (offices: who issues documents, under which numbers). */
export const ADMIN_FILES: ReadonlySet<string> = new Set(['forms/offices.yaml']);

function matches(pattern: string, path: string): boolean {
  const want = pattern.split('/');
  const got = path.split('/');
  return want.length === got.length && want.every((w, i) => (w.startsWith(':') ? got[i] !== '' : w === got[i]));
}

/** The rule for a request (HEAD as GET), or undefined: not an API route anyone may call. */
export function routeRule(method: string, path: string): RouteRule | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  return ROUTE_ROLES.find((r) => r.method === m && matches(r.path, path));
}
