// Accounts, for 管理员 (route-roles.ts):
//   GET  /api/accounts: every account (never a password hash);
//   POST /api/accounts { login, name, roles, password }: a new account;
//   PUT  /api/accounts/:id { disabled?, roles?, password? }: disable (its sessions end at
//        once) or enable, change roles or set a new password (its sessions end too).
// The last enabled administrator can be neither disabled nor lose the role: nobody could
// manage accounts any more but through the command line.
import type { Context, Hono } from 'hono';
import { Accounts, type Account } from '../../accounts/accounts.js';
import { cleanRoles } from '../../accounts/roles.js';
import { RegisterError } from '../../register/database.js';
import type { AccessControl } from '../access.js';
import { field, jsonObject } from './json-body.js';

function failure(c: Context, e: unknown): Response {
  if (e instanceof RegisterError) return c.json({ error: e.message, field: e.field }, e.status);
  console.error(`[tiaoli] 账户出错（${(e as { code?: string }).code ?? 'unknown'}）`);
  return c.json({ error: '账户出错，请重试' }, 500);
}

const enabledAdmins = (list: Account[]): Account[] => list.filter((a) => !a.disabled && a.roles.includes('admin'));

export function accountsRoute(app: Hono, access: AccessControl): void {
  app.get('/api/accounts', async (c) => {
    try {
      return c.json({ accounts: await (await access.accounts()).list() });
    } catch (e) {
      return failure(c, e);
    }
  });

  app.post('/api/accounts', async (c) => {
    const body = await jsonObject(c);
    if (!body.ok) return body.response;
    const get = (name: string) => field(body.value, name);
    try {
      const account = await (await access.accounts()).add({ login: get('login'), name: get('name'), roles: get('roles'), password: get('password') });
      return c.json({ account }, 201);
    } catch (e) {
      return failure(c, e);
    }
  });

  app.put('/api/accounts/:id', async (c) => {
    const raw = c.req.param('id');
    if (!/^\d{1,15}$/.test(raw)) return c.json({ error: '账户号必须是正整数' }, 400);
    const id = Number(raw);
    const body = await jsonObject(c);
    if (!body.ok) return body.response;
    const disabled = field(body.value, 'disabled');
    const roles = field(body.value, 'roles');
    const password = field(body.value, 'password');
    if (disabled !== undefined && typeof disabled !== 'boolean') return c.json({ error: '字段 disabled 必须是 true 或 false', field: 'disabled' }, 400);
    try {
      const accounts: Accounts = await access.accounts();
      const account = await accounts.get(id);
      if (!account) return c.json({ error: `没有第 ${id} 号账户` }, 404);
      const losesAdmin = account.roles.includes('admin') && !account.disabled
        && (disabled === true || (roles !== undefined && !(cleanRoles(roles) ?? ['admin']).includes('admin')));
      if (losesAdmin && enabledAdmins(await accounts.list()).length <= 1) {
        return c.json({ error: '这是唯一一个启用的管理员账户：先给另一个账户管理员角色，再停用它或去掉它的管理员角色', field: disabled === true ? 'disabled' : 'roles' }, 409);
      }
      let now = account;
      if (roles !== undefined) now = await accounts.setRoles(id, roles);
      if (password !== undefined) now = await accounts.setPassword(id, password);
      if (disabled !== undefined) now = await accounts.setDisabled(id, disabled);
      return c.json({ account: now });
    } catch (e) {
      return failure(c, e);
    }
  });
}
