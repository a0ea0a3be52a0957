// The built studio (studio/dist): assets as files, index.html with the session secret for
// `/`, `/index.html` and any other GET that is not a file (the studio routes by #hash).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context, Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { withSession } from './session-page.js';

export function studioRoutes(app: Hono, studio: string, session: string): void {
  const index = async (c: Context) => {
    let html: string;
    try {
      html = await readFile(join(studio, 'index.html'), 'utf8');
    } catch {
      return c.text('工作室尚未构建：请先运行 npm run build', 503);
    }
    c.header('cache-control', 'no-store'); // it holds this start's session secret
    return c.html(withSession(html, session));
  };
  app.get('/', index);
  app.get('/index.html', index);
  app.use('/*', serveStatic({
    root: studio,
    onFound: (path, c) => {
      c.header('cache-control', /[/\\]assets[/\\]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  }));
  app.get('/*', (c) => (c.req.path.startsWith('/api/') ? c.notFound() : index(c)));
}
