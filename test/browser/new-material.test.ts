// Issue 8, item 4 in the studio: policy staff add 单位集体宿舍证明 as an address proof of
// art. 12 ¶2 with one action on the 参数 page. Before saving, the counter's checklist
// offers it and a case handing in only that proof is decided without addressProof
// missing (the counter used to fall back to "请填写表单": the case schema kept its own
// list of codes); after saving, the file on disk holds the one edit and `tiaoli` agrees.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer } from '../../engine/server/serve.js';
import { launchChromium } from '../support/browser.js';
import { field, openStudio, studioPage } from '../support/studio-page.js';
import { tiaoli } from '../support/cli.js';

let browser: Browser;
let dir: string;
let server: Awaited<ReturnType<typeof startServer>>;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  ({ dir, server, page } = await studioPage(browser));
});
afterAll(async () => {
  await page?.close();
  await server?.close();
  await browser?.close();
});


async function open(hash: string): Promise<void> {
  await openStudio({ dir, server, page }, hash);
}

describe('a new material, added on the 参数 page', () => {
  it('reaches the checklist and the counter before saving, and is one edit of one file after', async () => {
    const file = join(dir, 'rules/parameters/materials.yaml');
    const before = readFileSync(file, 'utf8');
    await open('#/parameters');
    const add = page.locator('[data-testid=add-code-addressProofs]');
    await add.locator('[data-testid=new-code-addressProofs]').fill('dormitoryCertificate');
    await add.locator('[data-testid=new-label-addressProofs]').fill('单位集体宿舍证明');
    await add.getByRole('button', { name: '加入清单' }).click();
    // the list now offers it, ticked
    const ticked = page.locator('[data-testid=value-addressProofs-0] label', { hasText: '单位集体宿舍证明' }).locator('input');
    await ticked.waitFor();
    await expect(ticked.isChecked()).resolves.toBe(true);
    await expect(page.locator('[data-testid=unsaved]').innerText()).resolves.toContain('1');
    expect(readFileSync(file, 'utf8')).toBe(before); // not saved yet

    // the counter: the checklist has it in the address-proof group, and a case with only it is decided
    await open('#/counter?form=permit-application');
    const form = page.locator('[data-testid=jsonforms]');
    const control = (path: string) => form.locator(`[id="#/properties/${path}-input"]`);
    await control('acceptedOn').fill('2019-09-16');
    await field(form, '姓名').fill('张伟');
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
    await page.getByText('居住地住址证明，任交一种（第十二条第二款）').waitFor();
    await field(form, '居民身份证').fill('1');
    await field(form, '证件照').fill('2');
    await field(form, '劳动合同').fill('1');
    await page.locator('[data-testid=value-application-missing]').filter({ hasText: /^居住地住址证明$/ }).waitFor();
    await field(form, '单位集体宿舍证明').fill('1');
    await page.locator('[data-testid=value-application-outcome]').filter({ hasText: '当场制发居住证' }).waitFor();
    await expect(page.locator('[data-testid=value-application-missing]').innerText()).resolves.toBe('无');

    // save: one file changed, by one edit
    await open('#/parameters');
    await page.locator('[data-testid="file-parameters/materials.yaml"] [data-testid=save]').click();
    await page.locator('[data-testid="file-parameters/materials.yaml"] [data-testid=save-message]').filter({ hasText: '已保存' }).waitFor();
    // exactly the one edit: the name beside the other address proofs, the code at the end of the list
    expect(readFileSync(file, 'utf8')).toBe(before
      .replace('    accommodationCertificate: 住宿证明\n', '    accommodationCertificate: 住宿证明\n    dormitoryCertificate: 单位集体宿舍证明\n')
      .replace('accommodationCertificate]', 'accommodationCertificate, dormitoryCertificate]'));

    // and the command line, on the saved project: lint clean, the case decided the same way
    const lint = tiaoli(['lint', '--rules', join(dir, 'rules'), '--forms', join(dir, 'forms')]);
    expect(lint.status, lint.stderr).toBe(0);
    const input = join(dir, 'dormitory-only.json');
    writeFileSync(input, JSON.stringify({
      asOf: '2019-09-16',
      facts: {
        person: { idNumber: '510104198806210574' },
        hukou: { county: '510104' },
        residence: { county: '530302', township: '寥廓街道', townshipKind: 'street', arrivedOn: '2019-02-25', registeredOn: '2019-02-27' },
        grounds: { employment: true },
        application: { materials: { idCard: 1, photo: 2, dormitoryCertificate: 1, laborContract: 1 } },
      },
    }));
    const decided = tiaoli(['--rules', join(dir, 'rules'), 'decide', input, '--brief']);
    expect(decided.status, decided.stderr).toBe(0);
    expect(JSON.parse(decided.stdout).decisions.application).toMatchObject({ outcome: 'issueOnSpot', missing: [] });
  });
});
