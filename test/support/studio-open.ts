// A studio to look at: the real server on a scratch copy of the project and a Chinese page in
// Chromium that fails on any page error. Free of vitest, so the speed bench uses it too.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startServer } from '../../engine/server/serve.js';
import { projectCopy } from './project-copy.js';
import { root } from './regulation.js';

export interface StudioPage {
  dir: string;
  server: Awaited<ReturnType<typeof startServer>>;
  page: Page;
}

export async function studioPage(browser: Browser): Promise<StudioPage> {
  const dir = projectCopy();
  const server = await startServer({ root: dir, port: 0, host: '127.0.0.1', studio: join(root, 'studio', 'dist') });
  return { dir, server, page: await studioPageOn(browser) };
}

/** A new Chinese page (in a browser context of its own) for a studio already served, failing on any page error. */
export async function studioPageOn(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
  page.on('pageerror', (e) => {
    throw e;
  });
  return page;
}
