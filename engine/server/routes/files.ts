// PUT|POST /api/files?path=…  { text, baseVersion }: saves one file if it is allowed there,
// still the version the editor loaded (else 409 with what is on disk now) and valid (else
// 422 with the problems at file:line:column). The store checks, locks and writes.
import { posix } from 'node:path';
import type { Hono } from 'hono';
import { principalOf } from '../access.js';
import { ADMIN_FILES } from '../route-roles.js';
import type { ProjectStore } from '../project-store.js';
import { field, fieldError, jsonObject } from './json-body.js';
import { draftsPublished, INSTRUMENTS_PATH } from '../../project/successors/start-successor.js';

export function filesRoute(app: Hono, store: ProjectStore): void {
  app.on(['PUT', 'POST'], '/api/files', async (c) => {
    const path = c.req.query('path');
    if (typeof path !== 'string' || path === '') return c.json({ error: '缺少 path 参数' }, 400);
    // the offices file is the administrator's (who issues documents, under which numbers); the
    // rules, forms and fixtures are policy staff's and legal review's (single-user mode: all)
    const principal = principalOf(c);
    const adminFile = ADMIN_FILES.has(posix.normalize(path.replace(/\\/g, '/')));
    if (principal.kind === 'account' && !principal.roles.some((r) => (adminFile ? r === 'admin' : r === 'policy' || r === 'legal'))) {
      return c.json({ error: adminFile ? `没有权限：${path} 只有管理员能保存` : '没有权限：规则、表单和夹具由政策或法制审核人员保存' }, 403);
    }
    const body = await jsonObject(c);
    if (!body.ok) return body.response;
    const text = field(body.value, 'text');
    if (typeof text !== 'string') return fieldError(c, 'text', '字符串（文件内容）');
    // a successor draft is published by legal review alone (roles.ts), whether by its button or by editing the list
    if (posix.normalize(path) === INSTRUMENTS_PATH && !principal.roles.includes('legal')) {
      const onDisk = (await store.snapshot()).files[INSTRUMENTS_PATH]?.text;
      const published = onDisk === undefined ? [] : draftsPublished(onDisk, text);
      if (published.length) return c.json({ error: `没有权限：发布后续版本（${published.join('、')}）需要法制审核角色` }, 403);
    }
    const base = field(body.value, 'baseVersion') ?? null;
    if (base !== null && typeof base !== 'string') return fieldError(c, 'baseVersion', '字符串或 null');
    const outcome = await store.save(path, text, base);
    switch (outcome.kind) {
      case 'saved':
        return c.json({ path: outcome.path, version: outcome.version, ruleset: outcome.ruleset });
      case 'conflict':
        return c.json({ error: '文件在载入后已被修改', path: outcome.path, current: outcome.current }, 409);
      case 'invalid':
        return c.json({ error: '有错误，未保存', problems: outcome.problems }, 422);
      case 'refused':
        return c.json({ error: outcome.message }, 400);
    }
  });
}
