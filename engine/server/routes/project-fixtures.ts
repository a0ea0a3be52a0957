// GET /api/project/fixtures: every fixture of the project as it is on disk, decided (with the
// rules that fired, not the whole trace), and the name of the snapshot they were decided in.
// Worked out once per snapshot; the studio asks for them after GET /api/project and takes
// them only when the snapshot is the one its files came from.
import type { Hono } from 'hono';
import type { ProjectStore } from '../project-store.js';
import { snapshotFixtures, snapshotName } from '../snapshot-fixtures.js';

export function projectFixturesRoute(app: Hono, store: ProjectStore): void {
  app.get('/api/project/fixtures', async (c) => {
    const snapshot = await store.snapshot();
    const name = await snapshotName(store, snapshot);
    const results = snapshotFixtures(store, snapshot);
    if (!results) return c.json({ error: '规则有错误', snapshot: name, problems: snapshot.problems }, 500);
    let body: string;
    try {
      body = await store.remember(snapshot, 'fixtures.json', async () => JSON.stringify({ snapshot: name, fixtures: await results }));
    } catch (e) {
      if (store.closed) return c.json({ error: '服务器正在关闭' }, 503);
      throw e;
    }
    return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' });
  });
}
