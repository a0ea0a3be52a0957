// Every API request is checked against the route table (route-roles.ts) before its route
// runs: a route not in the table is not served; a public one (the session's own) runs as it
// is; any other needs a principal (a signed-in session, or single-user mode) holding one of
// the roles the table names. Runs after the same-origin check, so a cross-site page never
// gets this far.
import type { MiddlewareHandler } from 'hono';
import { roleNames } from '../../accounts/roles.js';
import { AccessControl, setPrincipal } from '../access.js';
import { routeRule } from '../route-roles.js';

export function authCheck(access: AccessControl): MiddlewareHandler {
  return async (c, next) => {
    const rule = routeRule(c.req.method, c.req.path);
    if (!rule) return c.json({ error: `没有这个接口：${c.req.method} ${c.req.path.slice(0, 200)}` }, 404);
    if (rule.allowed === 'public') return next();
    let mode;
    try {
      mode = await access.mode();
    } catch (e) {
      console.error(`[tiaoli] 无法核对账户：台账打不开（${(e as { code?: string }).code ?? (e as Error).name}）`);
      return c.json({ error: `无法核对账户：台账打不开。${e instanceof Error && e.name === 'RegisterError' ? e.message : ''}` }, 503);
    }
    if (mode === 'closed') {
      return c.json({ error: '服务器不在本机地址上，必须先建立账户：在服务器上运行 tiaoli accounts add --login 账户名 --name 姓名 --roles admin（密码从标准输入读取），再登录', signIn: true }, 401);
    }
    const principal = await access.principal(c, mode);
    if (!principal) return c.json({ error: '请先登录（会话不存在、已过期或已结束）', signIn: true }, 401);
    if (!rule.allowed.some((r) => principal.roles.includes(r))) {
      const yours = principal.roles.length ? roleNames(principal.roles) : '无';
      return c.json({ error: `没有权限：${rule.what}需要以下角色之一：${roleNames(rule.allowed)}（你的角色：${yours}${principal.kind === 'single' ? '，本机单人模式' : ''}）` }, 403);
    }
    setPrincipal(c, principal);
    await next();
  };
}
