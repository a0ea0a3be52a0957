// POST /api/check { files?: { path: text } }: the project's problems with those changes
// applied in memory (nothing is written).
import type { Hono } from 'hono';
import type { ProjectStore } from '../project-store.js';
import { field, fieldError, jsonObject } from './json-body.js';

export function checkRoute(app: Hono, store: ProjectStore): void {
  app.post('/api/check', async (c) => {
    const body = await jsonObject(c);
    if (!body.ok) return body.response;
    const files = field(body.value, 'files') ?? {};
    if (typeof files !== 'object' || files === null || Array.isArray(files)) return fieldError(c, 'files', '对象（路径 → 文本）');
    const changes: Record<string, string> = {};
    for (const [path, text] of Object.entries(files)) {
      if (typeof text !== 'string') return fieldError(c, `files[${JSON.stringify(path.slice(0, 200))}]`, '字符串');
      Object.defineProperty(changes, path, { value: text, enumerable: true, writable: true, configurable: true });
    }
    return c.json({ problems: await store.check(changes) });
  });
}
