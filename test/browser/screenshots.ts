// npm run screenshots: each page of the studio, as its users see it, into
// studio/screenshots/ (for the README and docs/studio.md): at 1280×720 (1-… to 8-…, 8 the trace in English)
// and on a phone at 390×844 (phone-…). Runs on a scratch copy of the project.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../../engine/server/serve.js';
import { launchChromium } from '../support/browser.js';
import { projectCopy } from '../support/project-copy.js';
import { root } from '../support/regulation.js';
import { clickSection, fillApplication, openIn } from '../support/studio-walk.js';

const out = join(root, 'studio', 'screenshots');
mkdirSync(out, { recursive: true });
const dir = projectCopy();
const server = await startServer({ root: dir, port: 0, host: '127.0.0.1', studio: join(root, 'studio', 'dist') });
const browser = await launchChromium(['--lang=zh-CN']); // dates as 年/月/日, as a Chinese desktop shows them
const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN' });
const open = async (hash: string) => {
  await page.goto(`${server.url}${hash}`);
  await page.locator('[data-testid=ruleset]').filter({ hasText: /[0-9a-f]{16}/ }).waitFor();
  await page.waitForTimeout(600);
};
const shot = (name: string) => page.screenshot({ path: join(out, `${name}.png`) });

await open('#/articles');
await page.locator('[data-testid=article-10]').scrollIntoViewIfNeeded();
await page.evaluate(() => window.scrollBy(0, -60));
await shot('1-articles');

await open('#/parameters');
await page.locator('[data-testid=value-inForceUntil-0]').fill('2027-10-08');
await page.locator('[data-testid=failing] li').first().waitFor();
await page.locator('[data-testid="file-parameters/in-force.yaml"]').scrollIntoViewIfNeeded();
await shot('2-parameters-and-regression');

// the impact on a generated year: photoCount 2 → 1 turns some notices into permits issued on the spot
await page.locator('[data-testid="file-parameters/in-force.yaml"]').getByRole('button', { name: '放弃修改' }).click();
await page.locator('[data-testid=population-size]').fill('5000');
await page.locator('[data-testid=population-generate]').click();
await page.locator('[data-testid=population-result][data-changed="0"]').waitFor({ timeout: 120_000 });
await page.locator('[data-testid=value-photoCount-0]').fill('1');
await page.locator('[data-testid=population-result]:not([data-changed="0"])').waitFor({ timeout: 120_000 });
await page.locator('[data-testid=population-impact] svg').first().waitFor();
await page.waitForTimeout(400);
await page.locator('[data-testid=population-impact]').evaluate((e) => e.scrollIntoView({ block: 'start' }));
await shot('2-population-impact');

await open('#/editor?file=rules/articles/23-in-force.yaml');
const text = readFileSync(join(dir, 'rules/articles/23-in-force.yaml'), 'utf8');
await page.locator('.cm-content').fill(text.replace('params.inForceUntil', 'params.inForceTill'));
await page.locator('[data-testid=problems]').getByText('inForceTill').waitFor();
await shot('3-rule-editor-error');
await page.getByRole('button', { name: '放弃修改' }).click();
await page.locator('[data-testid="file-parameters/in-force.yaml"]').count();

await open('#/counter?form=permit-application');
const form = page.locator('[data-testid=jsonforms]');
// JSON Forms numbers an id again (name2-input) when a form was shown before in the page
const control = (path: string) => form.locator(`[id^="#/properties/${path}"][id$="-input"]`).first();
await control('acceptedOn').fill('2020-11-02');
await control('applicant/properties/name').fill('李娜');
await control('applicant/properties/idNumber').fill('53230120010115002X');
await page.getByText('户籍与居住地').click();
await control('hukou/properties/county').fill('532301');
await control('residence/properties/county').selectOption('530302');
// the township from the division dataset, which gives its kind (街道)
await page.locator('[data-testid="division-residence.townshipCode"]').selectOption({ label: '白石江街道' });
await control('residence/properties/arrivedOn').fill('2020-03-01');
await control('residence/properties/registeredOn').fill('2020-03-03');
await control('grounds/properties/study').check();
await page.getByText('材料清单').click();
await control('materials/properties/idCard').fill('1');
await control('materials/properties/photo').fill('1');
await control('materials/properties/accommodationCertificate').fill('1');
await page.locator('[data-testid=value-application-outcome]').filter({ hasText: '一次性书面告知' }).waitFor();
await page.waitForTimeout(400);
await shot('4-counter');
// the printed page opens in a sandboxed frame over the counter
await page.locator('[data-testid=print-notice]').click();
await page.frameLocator('[data-testid=print-frame]').locator('h1').waitFor();
await shot('5-printed-notice');
await page.locator('[data-testid=print-close]').click();

await page.locator('[data-testid=decision-application] a').click();
await page.locator('[data-testid=trace-tree]').waitFor();
await page.waitForTimeout(300);
await shot('6-why');

await page.goto(`${server.url}#/fixtures?new=1`);
await page.locator('[data-testid=new-fixture] code').first().waitFor();
await page.locator('[data-testid=fixture-name]').fill('在校学生只交1张证件照、未交就读证明，一次性书面告知');
await page.locator('[data-testid=fixture-file]').fill('student-one-photo-no-study-proof');
await shot('7-new-fixture');

// the trace in English: the law's words stay as written, the studio's are English
await openIn(page, server.url, '#/counter?form=permit-application', 'en');
await fillApplication(page, clickSection(page));
await page.locator('[data-testid=decision-application] a').click();
await page.locator('[data-testid=trace-tree]').waitFor();
await page.waitForTimeout(300);
await shot('8-why-english');
await page.evaluate(() => localStorage.setItem('tiaoli.language', 'zh'));

// every page on a phone: the pages in a menu, nothing wider than the screen
const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' });
const phoneShot = (name: string) => phone.screenshot({ path: join(out, `phone-${name}.png`) });
const onPhone = async (hash: string) => {
  await openIn(phone, server.url, hash, 'zh');
  await phone.waitForTimeout(600);
};
await onPhone('#/articles');
await phoneShot('1-articles');
await phone.getByRole('button', { name: '菜单' }).click();
await phoneShot('1-menu');
await onPhone('#/parameters');
await phoneShot('2-parameters');
await onPhone('#/editor?file=rules/articles/23-in-force.yaml');
await phoneShot('3-rule-editor');
await onPhone('#/counter?form=permit-application');
await fillApplication(phone, clickSection(phone));
await phone.waitForTimeout(400);
await phoneShot('4-counter');
await phone.locator('[data-testid=counter-decision]').scrollIntoViewIfNeeded();
await phoneShot('4-counter-decision');
await onPhone('#/fixtures');
await phoneShot('5-fixtures');
await onPhone('#/trace');
await phone.locator('[data-testid=trace-tree]').waitFor();
await phoneShot('6-why');

await browser.close();
await server.close();
console.log(`screenshots in ${out}`);
