// The studio in Chromium, as policy staff use it, against `tiaoli serve` on a scratch copy
// of the project (the stories save files).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Browser, Page } from 'playwright-core';
import { startServer } from '../../engine/server/serve.js';
import { launchChromium } from '../support/browser.js';
import { field, openStudio, studioPage, studioPageOn, type StudioPage } from '../support/studio-page.js';
import { root } from '../support/regulation.js';
import { tiaoli } from '../support/cli.js';

let browser: Browser;
let dir: string;
let server: Awaited<ReturnType<typeof startServer>>;
let page: Page;
/** the file's one server over a copy no story changes, for the stories that save nothing */
let reading: Promise<StudioPage> | undefined;
let own = false;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await (await reading)?.server.close();
  await browser?.close();
});
afterEach(async () => {
  await page?.close();
  if (own) await server?.close();
});

/**
 * The studio for one story, on a new page (a browser context of its own: no draft is left by
 * another story): a story that saves files gets a server on a scratch copy of its own; one that
 * saves nothing shares the file's server, on a copy nothing changes.
 */
async function studio(kind: 'saves' | 'reads'): Promise<void> {
  own = kind === 'saves';
  if (own) ({ dir, server, page } = await studioPage(browser));
  else {
    reading ??= studioPage(browser).then(async (s) => (await s.page.close(), s));
    ({ dir, server } = await reading);
    page = await studioPageOn(browser);
  }
}

const fixtureName = (file: string): string => parse(readFileSync(join(root, file), 'utf8')).name;

async function open(hash: string): Promise<void> {
  await openStudio({ dir, server, page }, hash);
}

describe('policy staff change a date, see the impact, save', () => {
  it('the 条文 page shows, beside art. 11, where it is stricter than 《居住证暂行条例》 (上位法一致性审查)', async () => {
    await studio('reads');
    await open('#/articles');
    const findings = page.locator('[data-testid=conformance-11]');
    await findings.waitFor({ timeout: 60_000 });
    await expect(findings.locator('li[data-direction=stricter]').filter({ hasText: 'eligibility.halfYearOn' }).innerText()).resolves.toMatch(/严于上位法[\s\S]*《居住证暂行条例》第二条/);
  }, 120_000);

  it('moves the end of the in-force period to 2027-10-08: changed fixtures listed before saving; saved on disk; decide says in force', async () => {
    await studio('saves');
    await open('#/parameters');
    // which date each parameter's 生效日期 is compared with (issue 9 item 3)
    await expect(page.locator('[data-read-at="permit.issuedOn"]').first().innerText()).resolves.toContain('生效日期与之比较的日期：居住证签发之日');
    await expect(page.locator('[data-read-at="asOf"]').first().innerText()).resolves.toContain('决定日期（asOf）');
    const ruleset = await page.locator('[data-testid=ruleset]').innerText();
    await page.locator('[data-testid=value-inForceUntil-0]').fill('2027-10-08');

    // Before saving: the fixtures that now fail, and the decisions that change, by article.
    const failing = page.locator('[data-testid=failing]');
    await failing.getByText(fixtureName('test/cases/23-in-force/day-after-expiry-2022-10-09-not-in-force.yaml')).waitFor();
    await expect(failing.innerText()).resolves.toContain(fixtureName('test/cases/13-application/applied-day-after-measures-expired.yaml'));
    const changes = await page.locator('[data-testid=changes]').innerText();
    expect(changes).toContain('第二十三条');
    expect(changes).toMatch(/inForce\.value：false → true/);
    expect(changes).toMatch(/application\.outcome：notInForce（本办法不在有效期内） → issueOnSpot（当场制发居住证）/);
    expect(readFileSync(join(dir, 'rules/parameters/in-force.yaml'), 'utf8')).toContain('2017-10-09: 2022-10-08');
    await expect(page.locator('[data-testid=unsaved]').innerText()).resolves.toContain('1');

    await page.locator('[data-testid="file-parameters/in-force.yaml"] [data-testid=save]').click();
    await page.locator('[data-testid="file-parameters/in-force.yaml"] [data-testid=save-message]').filter({ hasText: '已保存' }).waitFor();
    await expect(page.locator('[data-testid=ruleset]').innerText()).resolves.not.toBe(ruleset);

    await page.reload();
    await page.locator('[data-testid=value-inForceUntil-0]').waitFor();
    await expect(page.locator('[data-testid=value-inForceUntil-0]').inputValue()).resolves.toBe('2027-10-08');
    const onDisk = readFileSync(join(dir, 'rules/parameters/in-force.yaml'), 'utf8');
    expect(onDisk).toContain('2017-10-09: 2027-10-08');
    expect(onDisk).toContain('# 第二十三条 本办法自 2017 年 10 月 9 日起施行'); // comments kept

    const case2023 = join(dir, 'case-2023.yaml');
    writeFileSync(case2023, 'asOf: 2023-03-01\nfacts:\n  person: { idNumber: "510104198806210574" }\n');
    const decided = tiaoli(['--rules', join(dir, 'rules'), 'decide', case2023, '--brief']);
    expect(decided.status).toBe(0);
    expect(JSON.parse(decided.stdout).decisions.inForce.value).toBe(true);
  });

  it('changes the number of photos from 2 to 1: the checklist and a one-photo fixture change, before saving', async () => {
    await studio('reads');
    await open('#/parameters');
    await page.locator('[data-testid=value-photoCount-0]').fill('1');
    const onePhoto = fixtureName('test/cases/12-materials/only-one-photo.yaml');
    await page.locator('[data-testid=failing]').getByText(onePhoto).waitFor();
    const changes = await page.locator('[data-testid=changes]').innerText();
    expect(changes).toContain(onePhoto);
    expect(changes).toMatch(/application\.outcome：notice（一次性书面告知需要补充的材料） → issueOnSpot（当场制发居住证）/);

    await open('#/counter?form=permit-application');
    await page.getByText('材料清单').click();
    await page.getByText('第十二条第一款：应交1张').waitFor();
    expect(readFileSync(join(dir, 'rules/parameters/materials.yaml'), 'utf8')).toContain('    2017-10-09: 2\n');
  });

  it('an invalid edit shows its error at the line and cannot be saved', async () => {
    await studio('reads');
    await open('#/editor?file=rules/articles/23-in-force.yaml');
    const text = readFileSync(join(dir, 'rules/articles/23-in-force.yaml'), 'utf8');
    const broken = text.replace('params.inForceUntil', 'params.inForceTill');
    const line = broken.split('\n').findIndex((l) => l.includes('inForceTill')) + 1;
    await page.locator('.cm-content').fill(broken);
    const problems = page.locator('[data-testid=problems]');
    await problems.getByText('参数 inForceTill 未定义').waitFor();
    await expect(problems.innerText()).resolves.toContain(`行 ${line}:`);
    await expect(page.locator('.cm-lint-marker-error').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('[data-testid=save]').isDisabled()).resolves.toBe(true);
    await expect(page.locator('[data-testid=save-state]').innerText()).resolves.toBe('有错误，不能保存');
    expect(readFileSync(join(dir, 'rules/articles/23-in-force.yaml'), 'utf8')).toBe(text);
  });

  it('will not overwrite a file changed on disk since it was loaded: shows both versions', async () => {
    await studio('saves');
    await open('#/parameters');
    await page.locator('[data-testid=value-photoCount-0]').fill('1');
    await page.locator('[data-testid=unsaved]').waitFor();
    const path = join(dir, 'rules/parameters/materials.yaml');
    const elsewhere = readFileSync(path, 'utf8').replace('label: 本人证件照张数', 'label: 本人证件照张数（他人修改）');
    writeFileSync(path, elsewhere);
    await page.locator('[data-testid="file-parameters/materials.yaml"] [data-testid=save]').click();
    const conflict = page.locator('[data-testid=conflict]');
    await conflict.getByText('文件在载入后已被他人修改').waitFor();
    await expect(conflict.innerText()).resolves.toContain('本人证件照张数（他人修改）');
    expect(readFileSync(path, 'utf8')).toBe(elsewhere);
    await conflict.getByRole('button', { name: '用我的版本覆盖' }).click();
    await page.locator('[data-testid="file-parameters/materials.yaml"] [data-testid=save-message]').filter({ hasText: '已保存' }).waitFor();
    expect(readFileSync(path, 'utf8')).toContain('    2017-10-09: 1\n');
  });

  it('keeps an unsaved draft across a reload', async () => {
    await studio('reads');
    await open('#/parameters');
    await page.locator('[data-testid=value-photoCount-0]').fill('3');
    await page.locator('[data-testid=unsaved]').waitFor();
    await page.reload();
    await page.locator('[data-testid=value-photoCount-0]').waitFor();
    await expect(page.locator('[data-testid=value-photoCount-0]').inputValue()).resolves.toBe('3');
    await expect(page.locator('[data-testid=unsaved]').innerText()).resolves.toContain('1');
  });
});

describe('counter staff and legal reviewers', () => {
  it('fills the application form, sees the decision as they type, and traces it to the articles', async () => {
    await studio('saves');
    await open('#/counter?form=permit-application');
    const form = page.locator('[data-testid=jsonforms]');
    const control = (path: string) => form.locator(`[id="#/properties/${path}-input"]`);
    await control('acceptedOn').fill('2019-09-16');
    await field(form, '姓名').fill('张伟');
    await field(form, '公民身份号码').fill('510104198806210575');
    await page.locator('[data-testid=counter-decision]').getByText('公民身份号码校验码错误：应为 4，实为 5').first().waitFor();
    await field(form, '公民身份号码').fill('510104198806210574');
    await page.getByText('户籍与居住地').click();
    await field(form, '县（市、区）行政区划代码').fill('510104');
    await control('residence/properties/county').selectOption('530302');
    await control('residence/properties/township').fill('寥廓街道');
    await control('residence/properties/townshipKind').selectOption('street');
    await field(form, '到达居住地之日').fill('2019-02-25');
    await field(form, '暂住登记之日').fill('2019-02-27');
    await field(form, '有合法稳定就业').check();
    await page.getByText('材料清单').click();
    await field(form, '居民身份证').fill('1');
    await field(form, '证件照').fill('1');
    await field(form, '房屋租赁合同').fill('1');
    await field(form, '劳动合同').fill('1');
    const outcome = page.locator('[data-testid=value-application-outcome]');
    // one photo of the two art. 12 asks for: a written notice, naming the photo alone
    await page.locator('[data-testid=value-application-missing]').filter({ hasText: /^本人证件照$/ }).waitFor();
    await outcome.filter({ hasText: '一次性书面告知' }).waitFor();

    // the notice, in a sandboxed frame over the counter (test/browser/print-sandbox.test.ts)
    await page.locator('[data-testid=print-notice]').click();
    const notice = page.frameLocator('[data-testid=print-frame]');
    await expect(notice.locator('h1').innerText()).resolves.toContain('一次性书面告知书');
    await expect(notice.locator('body').innerText()).resolves.toContain('应交 2，已交 1');
    await page.locator('[data-testid=print-close]').click();

    await field(form, '证件照').fill('2');
    // at once: the older decision (a notice) is not shown while the new one is worked out
    await expect(page.locator('[data-testid=counter-decision]').innerText()).resolves.not.toContain('一次性书面告知');
    await outcome.filter({ hasText: '当场制发居住证' }).waitFor();

    // Save the case as a fixture: review the decision, tick the values verified against the
    // articles as expectations. Nothing is ticked for the clerk (issue 12 item 6).
    await page.locator('[data-testid=save-as-fixture]').click();
    const creator = page.locator('[data-testid=new-fixture]');
    await creator.locator('code', { hasText: 'application.outcome' }).waitFor();
    await expect(creator.locator('input[type=checkbox]:checked').count()).resolves.toBe(0);
    await expect(page.locator('[data-testid=create-fixture]').isDisabled()).resolves.toBe(true);
    const tick = (field: string) => creator.locator('label').filter({ has: page.locator('code', { hasText: new RegExp(`^${field.replace('.', '\\.')}$`) }) }).locator('input').check();
    for (const verified of ['application.outcome', 'application.missing', 'eligibility.halfYearOn']) await tick(verified);
    await page.locator('[data-testid=fixture-name]').fill('外省务工人员材料齐全，当场发证（窗口录入）');
    await page.locator('[data-testid=fixture-file]').fill('counter-complete-application');
    await page.locator('[data-testid=create-fixture]').click();
    // said where it was saved, with a link to it; the page stays
    const savedNote = page.locator('[data-testid=fixture-saved]');
    await savedNote.filter({ hasText: '已保存' }).waitFor();
    await expect(savedNote.innerText()).resolves.toContain('test/cases/13-application/counter-complete-application.yaml');
    await savedNote.getByRole('link', { name: '查看推理' }).click();
    await page.locator('[data-testid=trace-tree]').waitFor();
    const saved = parse(readFileSync(join(dir, 'test/cases/13-application/counter-complete-application.yaml'), 'utf8'));
    expect(saved).toMatchObject({ name: '外省务工人员材料齐全，当场发证（窗口录入）', asOf: '2019-09-16' });
    expect(saved.expect).toEqual({ 'application.outcome': 'issueOnSpot', 'application.missing': [], 'eligibility.halfYearOn': '2019-08-27' });
    expect(saved.facts.person).toMatchObject({ name: '张伟', idNumber: '510104198806210574' });
    expect(tiaoli(['test', join(dir, 'test/cases/13-application/counter-complete-application.yaml')]).stdout).toMatch(/1 passed, 0 failed/);

    await open('#/counter?form=permit-application');
    await page.locator('[data-testid=value-application-outcome]').filter({ hasText: '当场制发居住证' }).waitFor();
    await page.locator('[data-testid=decision-application] a').click();
    const tree = page.locator('[data-testid=trace-tree]');
    await tree.getByText('符合办理条件且材料齐全的，当场制发居住证').waitFor();
    await tree.getByRole('button', { name: '第十三条' }).first().click();
    await page.getByRole('dialog').getByText('对符合居住证办理条件，且材料齐全的').waitFor();
  });
});
