// A printed page as a PDF, through the same Chromium the studio's pages are checked in
// (Debian's, driven by playwright-core): A4 as the page's own @page rule says. Node only.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

const executable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** $CHROMIUM (or $CHROMIUM_PATH), else the first Chromium on PATH; a message when there is none. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): { path: string } | { error: string } {
  const named = env.CHROMIUM || env.CHROMIUM_PATH;
  if (named) return executable(named) ? { path: named } : { error: `CHROMIUM=${named} 不是可执行文件` };
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of NAMES) if (executable(join(dir, name))) return { path: join(dir, name) };
  }
  return { error: `找不到 Chromium（PATH 上没有 ${NAMES.join('、')}；可用环境变量 CHROMIUM 指明）` };
}

export class PdfError extends Error {}

/** The page's HTML (already carrying its CSP) printed to PDF bytes; scripts off, no requests leave. */
export async function printPdf(html: string): Promise<Buffer> {
  const found = chromiumPath();
  if ('error' in found) throw new PdfError(found.error);
  // loaded only when a PDF is asked for: playwright-core takes longer to load than an HTML page to print
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: found.path,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort()); // nothing but the page itself
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  } finally {
    await browser.close();
  }
}
