// The reading switch (推理 and 条文): a case decided again under the other reading shows that
// reading's dates and says it was named for this decision; making it the default is an edit of
// the interpretation's file whose impact on the fixtures shows before the same save writes it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStudio, studioEachTest } from '../support/studio-page.js';

const studio = studioEachTest();
const windowFixture = 'test/cases/14-endorsement-deadline/window-request-on-first-day-of-window-endorse.yaml';

describe('the reading switch', () => {
  it('推理 decides the case under the other reading, shown as such, and back', async () => {
    const { page } = studio.current;
    await openStudio(studio.current, `#/trace?${new URLSearchParams({ fixture: windowFixture, decision: 'permit' })}`);
    const tree = page.locator('[data-testid=trace-tree]');
    const endorseBy = tree.locator('.decision-values > div').filter({ hasText: 'permit.endorseBy' }).locator('dd');
    await expect.poll(() => endorseBy.innerText()).toBe('2020-03-30'); // window: until expiry
    const interpretation = tree.locator('> [data-testid=trace-interpretation-endorsement-deadline]');
    await interpretation.locator('summary').click();
    await interpretation.getByRole('button', { name: '按另一种理解决定本案：literal' }).click();
    await page.locator('[data-testid=trace-switched]').filter({ hasText: 'endorsement-deadline = literal' }).waitFor();
    expect(await endorseBy.innerText()).toBe('2020-03-02'); // literal: the 30th day before expiry
    await interpretation.evaluate((d) => { (d as HTMLDetailsElement).open = true; });
    const used = interpretation.locator('[data-testid=reading-used]').first();
    expect(await used.getAttribute('data-reading')).toBe('literal');
    expect(await used.innerText()).toContain('本次决定指定');
    await page.getByRole('button', { name: '按案件文件和默认理解决定本案' }).first().click();
    await expect.poll(() => page.locator('[data-testid=trace-switched]').count()).toBe(0);
    await expect.poll(() => endorseBy.innerText()).toBe('2020-03-30');
  });

  it('条文 makes the other reading the default: a draft with its impact, saved by the save bar', async () => {
    const { page, dir } = studio.current;
    await openStudio(studio.current, '#/articles?interpretation=endorsement-deadline');
    const panel = page.locator('[data-testid=interpretation-panel]');
    await panel.getByRole('button', { name: '设为默认理解：literal' }).click();
    const draft = panel.locator('[data-testid=default-draft]');
    await draft.filter({ hasText: '默认理解由 window 改为 literal（草稿，尚未保存）' }).waitFor();
    const impact = await draft.locator('[data-testid=default-draft-impact]').innerText();
    const [, changed, failing] = /中 (\d+) 个的决定改变，(\d+) 个不通过/.exec(impact) ?? [];
    expect(Number(changed)).toBeGreaterThan(0); // the window fixtures decide otherwise
    expect(Number(failing)).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'rules/interpretations/endorsement-deadline.yaml'), 'utf8')).toContain('default: window'); // nothing written yet
    await draft.getByTestId('save').click();
    expect(await draft.getByTestId('save-message').innerText()).toBe('已保存');
    await draft.filter({ hasText: '默认理解：literal（与已保存的文件相同）' }).waitFor();
    expect(readFileSync(join(dir, 'rules/interpretations/endorsement-deadline.yaml'), 'utf8')).toContain('default: literal');
  });
});
