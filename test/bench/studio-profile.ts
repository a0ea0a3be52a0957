// Where the studio's time goes when a page opens (a measurement, not a test): every request the
// page makes with its start and end from navigation start, the studio's own marks, and the
// main thread's long tasks; with `--trace FILE` a Chromium performance trace of the load.
// `npx tsx test/bench/studio-profile.ts [#/articles] [--trace /tmp/trace.json]` after `npm run build`.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { launchChromium } from '../support/browser.js';
import { studioPage } from '../support/studio-open.js';

const hash = process.argv.find((a) => a.startsWith('#')) ?? '#/articles';
const selector = process.argv.includes('--counter') ? '[data-testid=jsonforms] input' : process.argv.includes('--edit') ? '[data-testid=value-photoCount-0]' : '[data-testid=coverage-summary]';
const traceAt = process.argv.indexOf('--trace');

async function main(): Promise<void> {
  const browser = await launchChromium();
  const studio = await studioPage(browser);
  const { page } = studio;
  try {
    const requests: Array<{ url: string; start: number; end: number; bytes: number }> = [];
    page.on('requestfinished', (r) => {
      void r.sizes().then((s) => {
        const t = r.timing();
        requests.push({ url: r.url().replace(studio.server.url, ''), start: Math.round(t.startTime), end: Math.round(t.startTime + t.responseEnd), bytes: s.responseBodySize });
      }).catch(() => undefined);
    });
    await page.addInitScript(() => {
      (window as unknown as { longTasks: Array<[number, number]> }).longTasks = [];
      const seen: Record<string, number> = {};
      (window as unknown as { seen: Record<string, number> }).seen = seen;
      new MutationObserver(() => {
        for (const s of ['[data-testid=coverage-summary]', '[data-testid=coverage-summary][aria-busy=false]', '[data-testid=jsonforms] input', 'main h1', '.app-header']) if (!(s in seen) && document.querySelector(s)) seen[s] = Math.round(performance.now());
      }).observe(document, { subtree: true, childList: true, attributes: true });
      new PerformanceObserver((l) => { for (const e of l.getEntries()) (window as unknown as { longTasks: Array<[number, number]> }).longTasks.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true });
    });
    if (traceAt > 0 && !process.argv.includes('--edit')) await browser.startTracing(page, { path: process.argv[traceAt + 1], screenshots: false, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'blink.user_timing'] });
    const nav0 = Date.now();
    await page.goto(`${studio.server.url}${hash}`, { waitUntil: 'commit' });
    await page.locator(selector).first().waitFor({ state: 'visible', timeout: 60_000 });
    await page.waitForFunction((s) => { const el = document.querySelector(s) as HTMLInputElement | null; return el && !el.disabled; }, selector);
    const usable = await page.evaluate(() => performance.now());
    await page.waitForTimeout(1500);
    if (process.argv.includes('--edit')) {
      // a parameter's edit until its impact on the fixtures shows (as the speed bench)
      await page.waitForFunction(() => document.querySelector('[data-testid=regression]') && ![...document.querySelectorAll('.status .badge')].some((b) => /重算/.test(b.textContent ?? '')), undefined, { timeout: 120_000 });
      await page.waitForFunction(() => performance.getEntriesByName('tiaoli:warm').length > 0, undefined, { timeout: 120_000 });
      await page.evaluate(() => { performance.clearMarks(); (window as unknown as { longTasks: unknown[] }).longTasks = []; document.addEventListener('input', () => performance.mark('tiaoli:edit'), { capture: true, once: true }); });
      if (traceAt > 0) await browser.startTracing(page, { path: process.argv[traceAt + 1].replace('.json', '-edit.json'), screenshots: false, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'blink.user_timing'] });
      await page.locator('[data-testid=value-photoCount-0]').fill('3');
      const shown = await page.waitForFunction(() => ![...document.querySelectorAll('.status .badge')].some((b) => /重算/.test(b.textContent ?? '')) && /\d/.test(document.querySelector('[data-testid=regression] h4')?.textContent ?? '') && performance.now(), undefined, { timeout: 120_000, polling: 'raf' });
      await page.evaluate((t) => performance.mark('tiaoli:impact-shown', { startTime: t }), (await shown.jsonValue()) as number);
      await page.waitForTimeout(500);
      if (traceAt > 0) await browser.stopTracing();
    }
    if (traceAt > 0 && !process.argv.includes('--edit')) await browser.stopTracing();
    const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]));
    const nav = await page.evaluate(() => { const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming; return { responseEnd: Math.round(n.responseEnd), domContentLoaded: Math.round(n.domContentLoadedEventEnd) }; });
    const resources = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => { const e = r as PerformanceResourceTiming; return [e.name.replace(location.origin, ''), Math.round(e.startTime), Math.round(e.responseEnd), e.encodedBodySize]; }));
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: Array<[number, number]> }).longTasks);
    const seen = await page.evaluate(() => (window as unknown as { seen: Record<string, number> }).seen);
    const out = { seen, load1: loadavg()[0], usable: Math.round(usable), nav, marks, resources, longTasks, wall: Date.now() - nav0, requests: requests.length };
    writeFileSync('/dev/stdout', `${JSON.stringify(out, null, 1)}\n`);
  } finally {
    await page.close();
    await studio.server.close();
    await browser.close();
  }
}
main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
