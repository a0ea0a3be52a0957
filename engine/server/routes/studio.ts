// The built studio (studio/dist): assets as files, index.html with the session secret for
// `/`, `/index.html` and any other GET that is not a file (the studio routes by #hash).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { withSession } from './session-page.js';
import { STUDIO_CSP } from '../middleware/headers.js';

export function studioRoutes(app: Hono, studio: string, session: string): void {
  const index = async (c: Context) => {
    let html: string;
    try {
      html = await readFile(join(studio, 'index.html'), 'utf8');
    } catch {
      return c.text('工作室尚未构建：请先运行 npm run build', 503);
    }
    c.header('cache-control', 'no-store'); // it holds this start's session secret
    c.header('content-security-policy', STUDIO_CSP);
    return c.html(withSession(html, session));
  };
  app.get('/', index);
  app.get('/index.html', index);
  // made when the studio is there (it may be built after the server started)
  let assets: MiddlewareHandler | undefined;
  app.use('/*', async (c, next) => {
    assets ??= existsSync(studio) ? serveStatic({
      root: studio,
      onFound: (path, c) => {
        c.header('cache-control', /[/\\]assets[/\\]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }) : undefined;
    return assets ? assets(c, next) : next();
  });
  app.get('/*', (c) => (c.req.path.startsWith('/api/') ? c.notFound() : index(c)));
}
