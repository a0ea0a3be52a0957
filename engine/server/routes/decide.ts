// POST /api/decide { case }: the decision document for one case, by the project's rules as
// they are on disk now. A case that is invalid or cannot be evaluated is the client's: 422.
import type { Hono } from 'hono';
import { checkCase } from '../../model/case/validate-case.js';
import type { ProjectStore } from '../project-store.js';
import { field, jsonObject } from './json-body.js';

export function decideRoute(app: Hono, store: ProjectStore): void {
  app.post('/api/decide', async (c) => {
    const body = await jsonObject(c);
    if (!body.ok) return body.response;
    const snapshot = await store.snapshot();
    if (!snapshot.regulation || !snapshot.decider) return c.json({ error: '规则有错误', problems: snapshot.problems }, 500);
    const checked = checkCase(snapshot.regulation, field(body.value, 'case'));
    if (!checked.case) return c.json({ error: '案件无效', problems: checked.problems }, 422);
    try {
      return c.json(await snapshot.decider.decide(checked.case));
    } catch (e) {
      return c.json({ error: `无法决定：${(e as Error).message}` }, 422);
    }
  });
}
