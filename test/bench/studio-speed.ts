// Speed as the studio's users feel it (issue 12 item 7), in headless Chromium against
// `tiaoli serve` on a scratch copy: how long until the first page can be used (and until its
// fixtures' coverage has filled in), until the counter's form can be filled, from a
// parameter's edit until its impact on the fixtures shows, and until its save says 已保存. Each is the median of three, with the machine's load; the
// figures are for the table in docs/speed.md. A measurement, not a test: `npm run bench:studio`
// (it needs `npm run build` first; `--json` prints one JSON line).
import { loadavg } from 'node:os';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { studioPage, type StudioPage } from '../support/studio-open.js';

let browser: Browser;
const measured: Record<string, number[]> = {};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Milliseconds from the start of the navigation until `selector` is on the page and enabled. */
async function usableAfter(studio: StudioPage, hash: string, selector: string): Promise<number> {
  const { page } = studio;
  await page.goto(`${studio.server.url}${hash}`, { waitUntil: 'commit' });
  await page.locator(selector).first().waitFor({ state: 'visible', timeout: 60_000 });
  await page.waitForFunction((s) => { const el = document.querySelector(s) as HTMLInputElement | null; return el && !el.disabled; }, selector);
  return page.evaluate(() => performance.now());
}

async function run(name: string, times: number, measure: (studio: StudioPage) => Promise<number>): Promise<number> {
  for (let i = 0; i < times; i += 1) {
    const studio = await studioPage(browser);
    try {
      (measured[name] ??= []).push(await measure(studio));
    } finally {
      await studio.page.close();
      await studio.server.close();
    }
  }
  return median(measured[name]);
}

async function main(): Promise<void> {
  browser = await launchChromium();
  const load = loadavg()[0];
  try {
    const first = await run('first usable page (条文)', 3, (s) => usableAfter(s, '#/articles', '[data-testid=coverage-summary]'));
    // the same page once the fixtures' results are in (what each paragraph's fixtures reach)
    await run('条文 with its fixtures\' coverage', 3, (s) => usableAfter(s, '#/articles', '[data-testid=coverage-summary][aria-busy=false]'));
    const counter = await run('counter form usable', 3, (s) => usableAfter(s, '#/counter', '[data-testid=jsonforms] input'));
    const save = await run('parameter save (click → 已保存)', 3, async (studio) => {
      const { page } = studio;
      await usableAfter(studio, '#/parameters', '[data-testid=value-photoCount-0]');
      // the page is idle (the fixtures' results in) before the edit, so the impact timed is the edit's own
      await page.waitForFunction(() => document.querySelector('[data-testid=regression]') && ![...document.querySelectorAll('.status .badge')].some((b) => /重算/.test(b.textContent ?? '')), undefined, { timeout: 120_000 });
      const edited = await page.evaluate(() => performance.now());
      await page.locator('[data-testid=value-photoCount-0]').fill('3');
      const scope = page.locator('[data-testid="file-parameters/materials.yaml"]');
      await scope.locator('[data-testid=save]:not([disabled])').waitFor();
      // as a person does: looks at the impact of the change (the rules rebuilt, the fixtures decided again), then saves
      await page.waitForFunction(() => ![...document.querySelectorAll('.status .badge')].some((b) => /重算/.test(b.textContent ?? '')) && /\d/.test(document.querySelector('[data-testid=regression] h4')?.textContent ?? ''), undefined, { timeout: 120_000 });
      (measured['parameter edit → its impact on the fixtures shown'] ??= []).push(await page.evaluate((t0) => performance.now() - t0, edited));
      return page.evaluate(async () => {
        const bar = document.querySelector('[data-testid="file-parameters/materials.yaml"]')!;
        const started = performance.now();
        (bar.querySelector('[data-testid=save]') as HTMLButtonElement).click();
        // no named function in here: tsx would wrap it in a helper the page does not have
        while (!bar.querySelector('[data-testid=save-message]')?.textContent?.includes('已保存')) await new Promise((r) => requestAnimationFrame(r));
        return performance.now() - started;
      });
    });
    const figures = Object.fromEntries(Object.entries(measured).map(([k, v]) => [k, { median: Math.round(median(v)), runs: v.map(Math.round) }]));
    const impact = median(measured['parameter edit → its impact on the fixtures shown']);
    if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify({ load1: load, firstUsablePage: Math.round(first), counterUsable: Math.round(counter), save: Math.round(save), impact: Math.round(impact), figures })}\n`);
    else {
      console.log(`load (1 min) at start: ${load.toFixed(2)}, at the end: ${loadavg()[0].toFixed(2)}`);
      for (const [k, v] of Object.entries(figures)) console.log(`${k}: median ${v.median} ms (${v.runs.join(', ')})`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
