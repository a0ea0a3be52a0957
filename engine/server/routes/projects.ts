// GET /api/projects: the projects this server serves (its own at /, the others at /p/<id>/),
// for the studio's project picker.
//   200 { current: id, projects: [{ id, title, href }] }
import type { Hono } from 'hono';
import type { ProjectLink } from '../project-mounts.js';

export interface ProjectList { current: string; list: () => readonly ProjectLink[] }

export function projectsRoute(app: Hono, projects: ProjectList | undefined): void {
  app.get('/api/projects', (c) => c.json({ current: projects?.current ?? '', projects: projects?.list() ?? [] }));
}
