// POST /api/fixtures/run: every fixture under test/cases/ against its expected decision.
import type { Hono } from 'hono';
import { runFixtures } from '../../project/fixtures/run-fixtures.js';
import type { ProjectStore } from '../project-store.js';

export function fixturesRoute(app: Hono, store: ProjectStore): void {
  app.post('/api/fixtures/run', async (c) => {
    const snapshot = await store.snapshot();
    if (!snapshot.regulation || !snapshot.decider) return c.json({ error: '规则有错误', problems: snapshot.problems }, 500);
    const decider = snapshot.decider;
    // The same files give the same results: worked out once per snapshot of the project.
    const answer = await store.remember(snapshot, 'fixtures', async () => {
      const fixtures = Object.entries(snapshot.files)
        .filter(([p]) => p.startsWith('test/cases/') && /\.ya?ml$/.test(p))
        .map(([name, file]) => ({ name, text: file.text }));
      const results = await runFixtures(decider, fixtures);
      const passed = results.filter((r) => r.passed).length;
      return { passed, failed: results.length - passed, results: results.map(({ document: _d, ...r }) => r) };
    });
    return c.json(answer);
  });
}
