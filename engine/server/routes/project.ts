// GET /api/project: every editable file with its version, the ruleset hash and the title,
// from the store's checked snapshot (re-read only when files changed on disk).
import type { Hono } from 'hono';
import type { ProjectStore } from '../project-store.js';

export function projectRoute(app: Hono, store: ProjectStore): void {
  app.get('/api/project', async (c) => {
    const snapshot = await store.snapshot();
    // `problems`: every file that cannot be read or checked is listed with its error, so the
    // studio can show it while the rest of the project loads. Written out once per snapshot
    // (some 300 KB): every later load while nothing changed on disk sends the same text.
    const body = await store.remember(snapshot, 'project.json', () => JSON.stringify({ files: snapshot.files, ruleset: snapshot.ruleset, title: snapshot.title, problems: snapshot.problems }));
    return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' });
  });
}
