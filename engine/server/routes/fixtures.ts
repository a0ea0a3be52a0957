// POST /api/fixtures/run: every fixture under test/cases/ against its expected decision.
import type { Hono } from 'hono';
import type { ProjectStore } from '../project-store.js';
import { snapshotFixtures } from '../snapshot-fixtures.js';

export function fixturesRoute(app: Hono, store: ProjectStore): void {
  app.post('/api/fixtures/run', async (c) => {
    const snapshot = await store.snapshot();
    // The same files give the same results: worked out once per snapshot of the project (the
    // studio's first page asks for the same run).
    const run = snapshotFixtures(store, snapshot);
    if (!run) return c.json({ error: '规则有错误', problems: snapshot.problems }, 500);
    const answer = await store.remember(snapshot, 'fixtures', async () => {
      const results = await run;
      const passed = results.filter((r) => r.passed).length;
      return { passed, failed: results.length - passed, results: results.map(({ document: _d, ...r }) => r) };
    });
    return c.json(answer);
  });
}
