// The next version of the project's text (successor drafts):
//   GET  /api/successors               the versions that follow the project's own text, drafts too
//   POST /api/successors               { id, title, from, until }: start a draft from the current version
//   GET  /api/successors/:id           the draft against the version it replaces: articles and impact
//   POST /api/successors/:id/publish   publish it (法制审核): from its first day, cases are decided under it
// Who may call which: route-roles.ts. Files are written only by the store (checked, locked, atomic).
import type { Hono } from 'hono';
import type { ProjectStore } from '../project-store.js';
import { readSpec } from '../../project/successors/start-successor.js';
import { listSuccessors, successorReport } from '../../project/successors/successor-report.js';
import { field, jsonObject } from './json-body.js';

/** population cases drawn for a draft's impact: enough to show each change, few enough to answer at once */
const IMPACT_SIZE = 1000;

export function successorsRoute(app: Hono, store: ProjectStore): void {
  const texts = async (): Promise<{ files: Record<string, string>; snapshot: Awaited<ReturnType<ProjectStore['snapshot']>> }> => {
    const snapshot = await store.snapshot();
    return { snapshot, files: Object.fromEntries(Object.entries(snapshot.files).map(([p, f]) => [p, f.text])) };
  };

  app.get('/api/successors', async (c) => {
    const { snapshot, files } = await texts();
    if (!snapshot.regulation) return c.json({ error: '本项目的规则有错误，无法列出后续版本' }, 409);
    return c.json({ successors: listSuccessors(files, snapshot.regulation) });
  });

  app.post('/api/successors', async (c) => {
    const body = await jsonObject(c);
    if (!body.ok) return body.response;
    const read = readSpec({ id: field(body.value, 'id'), title: field(body.value, 'title'), from: field(body.value, 'from'), until: field(body.value, 'until') });
    if (!read.spec) return c.json({ error: '草案的编号、名称或日期有误', fields: read.errors }, 422);
    const outcome = await store.startSuccessor(read.spec);
    switch (outcome.kind) {
      case 'started':
        return c.json({ id: outcome.id, files: outcome.files });
      case 'rejected':
        return c.json({ error: outcome.errors.map((e) => e.message).join('；'), fields: outcome.errors }, 422);
      case 'invalid':
        return c.json({ error: '草案有错误，未保存', problems: outcome.problems }, 422);
      case 'conflict':
        return c.json({ error: '文件在起草时被修改，请重试', path: outcome.path }, 409);
      case 'refused':
        return c.json({ error: outcome.message }, 400);
      case 'saved':
        return c.json({ error: '意外的结果' }, 500);
    }
  });

  app.get('/api/successors/:id', async (c) => {
    const { snapshot, files } = await texts();
    if (!snapshot.regulation) return c.json({ error: '本项目的规则有错误，无法比较' }, 409);
    const id = c.req.param('id');
    const answer = await store.remember(snapshot, `successor:${id}`, () => successorReport(files, snapshot.regulation!, id, IMPACT_SIZE));
    if ('error' in answer) return c.json({ error: answer.error }, 404);
    return c.json(answer.report);
  });

  app.post('/api/successors/:id/publish', async (c) => {
    const outcome = await store.publishSuccessor(c.req.param('id'));
    switch (outcome.kind) {
      case 'saved':
        return c.json({ id: c.req.param('id'), published: true, ruleset: outcome.ruleset });
      case 'rejected':
        return c.json({ error: outcome.message }, 422);
      case 'invalid':
        return c.json({ error: '发布后有错误，未保存', problems: outcome.problems }, 422);
      case 'conflict':
        return c.json({ error: '文件在发布时被修改，请重试', path: outcome.path }, 409);
      case 'refused':
        return c.json({ error: outcome.message }, 400);
    }
  });
}
