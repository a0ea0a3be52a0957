// The whole counter story with the keyboard only (issue 12): the skip link, the service,
// the three sections of the form as tabs (arrow keys, Home/End), a decision, an article
// opened and closed with Escape (focus back where it was), the printed notice, and the case
// saved as a fixture. No mouse click anywhere; every control reached with Tab.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import type { Browser, Page } from 'playwright-core';
import { startServer } from '../../engine/server/serve.js';
import { launchChromium } from '../support/browser.js';
import { projectCopy } from '../support/project-copy.js';
import { root } from '../support/regulation.js';
import { openIn } from '../support/studio-walk.js';

// each story walks several pages in a real Chromium, on 2 shared cores
vi.setConfig({ testTimeout: 240_000 });

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let dir: string;
let page: Page;
/** The order Chromium's date field shows its parts in (its own locale's, whatever the page's). */
let dateOrder: string[];

/** Finds the order by typing into a date field on a page of its own: each part set in turn. */
async function dateFieldOrder(): Promise<string[]> {
  const probe = await browser.newPage();
  await probe.setContent('<input type="date" value="2000-01-01">');
  await probe.focus('input');
  const order: string[] = [];
  for (const digit of ['3', '4', '5']) {
    const before = (await probe.inputValue('input')).split('-');
    await probe.keyboard.type(digit.padStart(2, '0')); // a month or a day moves on after two digits
    const after = (await probe.inputValue('input')).split('-');
    order.push(['year', 'month', 'day'][after.findIndex((x, i) => x !== before[i])]);
    if (order.at(-1) === 'year') await probe.keyboard.press('ArrowRight'); // a year takes up to 6 digits
  }
  await probe.close();
  return order;
}

beforeAll(async () => {
  browser = await launchChromium();
  dir = projectCopy();
  server = await startServer({ root: dir, port: 0, host: '127.0.0.1', studio: join(root, 'studio', 'dist') });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  dateOrder = await dateFieldOrder();
  page.on('pageerror', (e) => {
    throw e;
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** What has the focus: its id, role, test id, text. */
const focused = (p: Page) => p.evaluate(() => {
  const e = document.activeElement as HTMLElement | null;
  return { id: e?.id ?? '', role: e?.getAttribute('role') ?? '', testid: e?.dataset.testid ?? '', text: e?.textContent?.trim() ?? '', tag: e?.tagName.toLowerCase() ?? '', className: e?.className ?? '' };
});

/** Presses Tab (or Shift+Tab) until the focus is on what `is` accepts: the control is reachable. */
async function tabTo(is: (f: Awaited<ReturnType<typeof focused>>) => boolean, back = false, limit = 120): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (is(await focused(page))) return;
  }
  throw new Error(`not reached with ${back ? 'Shift+Tab' : 'Tab'}; focus on ${JSON.stringify(await focused(page))}`);
}

const fieldAt = (path: string) => (f: { id: string }) => f.id.startsWith(`#/properties/${path}`) && f.id.endsWith('-input');

/** Tabs to a form field and types into it; a date (YYYY-MM-DD) is typed in the order the browser's date field shows its parts. */
async function type(path: string, text: string): Promise<void> {
  await tabTo(fieldAt(path));
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!date) return page.keyboard.type(text);
  const parts: Record<string, string> = { year: date[1], month: date[2], day: date[3] };
  for (const part of dateOrder) {
    await page.keyboard.type(parts[part]);
    if (part === 'year') await page.keyboard.press('ArrowRight'); // a year field takes up to 6 digits
  }
  await expect(page.evaluate(() => (document.activeElement as HTMLInputElement).value)).resolves.toBe(text);
}

/** Tabs to a select and moves through it with the arrow keys until it shows `value`. */
async function choose(path: string, value: string): Promise<void> {
  await tabTo(fieldAt(path));
  for (let i = 0; i < 40; i++) {
    if ((await page.evaluate(() => (document.activeElement as HTMLSelectElement).value)) === value) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`${path}: no option ${value}`);
}

/** From inside a section, back to the tablist, then to another section with the arrow keys. */
async function section(key: 'ArrowRight' | 'ArrowLeft' | 'Home' | 'End', label: string): Promise<void> {
  await tabTo((f) => f.role === 'tab', true);
  await page.keyboard.press(key);
  const now = await focused(page);
  expect(now.role).toBe('tab');
  expect(now.text).toBe(label);
  await expect(page.locator('[role=tab][aria-selected=true]').innerText()).resolves.toBe(label);
}

describe('counter staff with the keyboard only', () => {
  it('fill the application, read an article, print the notice, save the case as a fixture', async () => {
    await openIn(page, server.url, '#/counter?form=permit-application', 'zh');
    // the skip link is the first stop and leads past the header
    await page.keyboard.press('Tab');
    await expect(focused(page)).resolves.toMatchObject({ text: '跳到正文' });
    await page.keyboard.press('Enter');
    await expect(focused(page)).resolves.toMatchObject({ id: 'main' });
    // a visible focus ring
    await tabTo((f) => f.testid === 'service');
    await expect(page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).resolves.not.toBe('none');

    await type('acceptedOn', '2020-11-02');
    await type('applicant/properties/name', '李娜');
    await type('applicant/properties/idNumber', '53230120010115002X');

    await section('ArrowRight', '户籍与居住地');
    await type('hukou/properties/county', '532301');
    await choose('residence/properties/county', '530302');
    // 白石江街道, from the county's list of townships (its name and kind follow)
    await choose('residence/properties/townshipCode', '530302003');
    await type('residence/properties/arrivedOn', '2020-03-01');
    await type('residence/properties/registeredOn', '2020-03-03');
    await tabTo(fieldAt('grounds/properties/study'));
    await page.keyboard.press('Space');

    // End, Home and back: the tabs go round with the arrow keys
    await section('End', '材料清单');
    await page.keyboard.press('ArrowRight');
    await expect(focused(page)).resolves.toMatchObject({ role: 'tab', text: '申领人' });
    await page.keyboard.press('ArrowLeft');
    await expect(focused(page)).resolves.toMatchObject({ role: 'tab', text: '材料清单' });
    await type('materials/properties/idCard', '1');
    await type('materials/properties/photo', '1');
    await type('materials/properties/accommodationCertificate', '1');
    // the student brought one photo of the two art. 12 asks for: a written notice
    await page.locator('[data-testid=value-application-outcome]').filter({ hasText: '一次性书面告知' }).waitFor();

    // an article of the decision: opened with Enter, closed with Escape, the focus back on it
    await tabTo((f) => f.className.includes('article-ref') && f.text.startsWith('第十二条'));
    const opener = (await focused(page)).text;
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=article-panel]').waitFor();
    await expect(page.evaluate(() => document.activeElement?.closest('[data-testid=article-panel]') !== null)).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=article-panel]').waitFor({ state: 'detached' });
    await expect(focused(page)).resolves.toMatchObject({ text: opener });

    // the notice, printed and closed with Escape
    await tabTo((f) => f.testid === 'print-notice');
    await page.keyboard.press('Enter');
    await page.frameLocator('[data-testid=print-frame]').locator('h1').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=print-preview]').waitFor({ state: 'detached' });
    // the focus is back on the button that opened it, not on <body>
    await expect(focused(page)).resolves.toMatchObject({ testid: 'print-notice' });

    // saved as a fixture
    await tabTo((f) => f.testid === 'save-as-fixture');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=new-fixture] code').first().waitFor();
    await tabTo((f) => f.testid === 'fixture-name');
    await page.keyboard.type('在校学生只交1张证件照，一次性书面告知（键盘录入）');
    await tabTo((f) => f.testid === 'fixture-file');
    await page.keyboard.type('keyboard-student-one-photo');
    // nothing is pre-ticked: the clerk ticks the outcome she checked against art. 13
    await tabTo((f) => f.testid === 'expect-application.outcome');
    await page.keyboard.press('Space');
    await tabTo((f) => f.testid === 'create-fixture');
    await page.keyboard.press('Enter');
    // said to be saved, where it stays (no jump to the trace)
    await page.locator('[data-testid=fixture-saved]').filter({ hasText: 'keyboard-student-one-photo.yaml' }).waitFor();
    const saved = parse(readFileSync(join(dir, 'test/cases/13-application/keyboard-student-one-photo.yaml'), 'utf8'));
    expect(saved).toMatchObject({ name: '在校学生只交1张证件照，一次性书面告知（键盘录入）', asOf: '2020-11-02' });
    expect(saved.facts.person).toMatchObject({ name: '李娜', idNumber: '53230120010115002X' });
    expect(saved.expect).toEqual({ 'application.outcome': 'notice' });
  });

  it('the agent section shows as soon as an agent is chosen, before the rest of the form', async () => {
    await openIn(page, server.url, '#/counter?form=permit-application', 'zh');
    const agent = page.getByText('代办人（第十二条第三款）');
    await expect(agent.isVisible()).resolves.toBe(false);
    await choose('via', 'guardian');
    await agent.waitFor();
    await tabTo(fieldAt('agent/properties/name'));
  });
});
