// The 台账 record of an issued permit, on a phone: it offers only the pages its decision owes
// (the slip, never the one-time notice or the refusal, whose templates have nothing to say for
// it — one of them replaced the record with an error), and the page does not scroll sideways.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer } from '../../engine/server/serve.js';
import { openRegister, RegisterAccess } from '../../engine/register/open-register.js';
import { launchChromium } from '../support/browser.js';
import { openStudio } from '../support/studio-page.js';
import { projectCopy } from '../support/project-copy.js';
import { root } from '../support/regulation.js';
import { backends } from '../register/backends.js';
import { application, complete, OFFICES } from '../register/cases.js';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  browser = await launchChromium();
  const fresh = await backends[0].fresh();
  cleanup = fresh.cleanup;
  dir = projectCopy();
  writeFileSync(join(dir, 'forms', 'offices.yaml'), OFFICES);
  server = await startServer({ root: dir, port: 0, host: '127.0.0.1', studio: join(root, 'studio', 'dist'), register: new RegisterAccess(() => openRegister(dir, { env: fresh.env })) });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await cleanup?.();
});

describe('a 台账 record', () => {
  it('of an issued permit offers its 受理通知书 and 受理回执 only (never a notice or a refusal), and fits a phone', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    page.on('pageerror', (e) => {
      throw e;
    });
    await openStudio({ dir, server, page }, '#/register');
    const recorded = await page.evaluate(async (body) => {
      const res = await fetch('api/register/decisions', { method: 'POST', headers: { 'content-type': 'application/json', 'x-tiaoli-session': document.querySelector<HTMLMetaElement>('meta[name="tiaoli-session"]')!.content }, body: JSON.stringify(body) });
      return { status: res.status, data: await res.json() as { id: number } };
    }, { case: application('张伟', '510104198806210574', complete), officeId: 'test-office', operator: '王警官', form: 'permit-application', requestId: 'a'.repeat(32) });
    expect(recorded.status).toBe(201);
    await openStudio({ dir, server, page }, `#/register?id=${recorded.data.id}`);
    await page.getByTestId('register-record').waitFor();
    const offered = await page.locator('[data-testid^=reprint-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(offered).toEqual(['reprint-acceptance', 'reprint-slip']);
    // no sideways scrolling: nothing is wider than the phone's screen
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await page.close();
  });
});
