// The smaller things issue 12 (item 6) lists, as a reviewer and policy staff meet them: the
// trace's case picker grouped by article with a search; an interpretation opened from the
// articles as rendered text with an edit link, not raw YAML; the header keeping the last
// good title and ruleset while a file has errors; and no decision shown from rules older
// than the ones being edited (a "recomputing" note instead).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openStudio, studioEachTest } from '../support/studio-page.js';
import { versionOf } from '../../engine/server/project-files.js';

const studios = studioEachTest();

describe('the trace: cases by article, searched', () => {
  it('groups the cases by the article they test, and the search narrows them', async () => {
    const { page } = studios.current;
    await openStudio(studios.current, '#/trace');
    const picker = page.locator('[data-testid=trace-case]');
    await picker.locator('optgroup').first().waitFor({ state: 'attached' });
    const groups = await picker.locator('optgroup').evaluateAll((gs) => gs.map((g) => g.getAttribute('label') ?? ''));
    expect(groups.some((g) => g.startsWith('第十三条'))).toBe(true);
    expect(groups.some((g) => g.startsWith('第二十三条'))).toBe(true);
    // the regulation's order: 第二条 before 第十条 before 第二十三条
    const at = (prefix: string) => groups.findIndex((g) => g.startsWith(prefix));
    expect(at('第二条')).toBeLessThan(at('第十条'));
    expect(at('第十条')).toBeLessThan(at('第二十三条'));
    const all = await picker.locator('optgroup option').count();
    await page.locator('[data-testid=trace-search]').fill('代为申领');
    const found = await picker.locator('optgroup option').allInnerTexts();
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(all);
    for (const name of found) expect(name).toContain('代为申领');
    await picker.selectOption({ label: found[0] });
    await page.locator('[data-testid=trace-tree]').waitFor();
  });
});

describe('interpretations are read as text', () => {
  it('an interpretation link on the articles opens its question, reading, other readings, reasons and sources, with an edit link', async () => {
    const { page } = studios.current;
    await openStudio(studios.current, '#/articles');
    const agents = parse(readFileSync(join(studios.current.dir, 'rules/interpretations/agents.yaml'), 'utf8'));
    await page.locator('[data-testid="paragraph-12.3"] a.chip.interp', { hasText: agents.title }).first().click();
    const panel = page.locator('[data-testid=interpretation-panel]');
    await panel.waitFor();
    const text = await panel.innerText();
    for (const part of [agents.question, agents.reading, agents.alternatives[0].reading, agents.reasoning, agents.sources[0]]) expect(text).toContain(part);
    expect(await page.locator('.cm-editor').count()).toBe(0); // not the YAML editor
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await page.locator('[data-testid="paragraph-12.3"] a.chip.interp', { hasText: agents.title }).first().click();
    await panel.getByRole('link', { name: '编辑这条解释' }).click();
    await page.locator('.cm-editor').waitFor();
    expect(decodeURIComponent(page.url())).toContain('file=rules/interpretations/agents.yaml');
  });
});

describe('while the rules are being edited', () => {
  it('the header keeps the last good title and ruleset while a file has errors', async () => {
    const { page } = studios.current;
    await openStudio(studios.current, '#/editor?file=rules/parameters/in-force.yaml');
    const ruleset = await page.locator('[data-testid=ruleset]').innerText();
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('\nbroken: ['); // one edit: every text typed on the way is broken too
    await page.locator('[data-testid=problems] li').first().waitFor();
    await expect(page.locator('.regulation-title').innerText()).resolves.toBe('《曲靖市居住证管理实施办法》');
    await expect(page.locator('[data-testid=ruleset]').innerText()).resolves.toBe(ruleset);
  });

  it('shows "recomputing", never the decision of the older rules, until the edited rules have decided', async () => {
    const { page, dir } = studios.current;
    // an unsaved edit waiting in the browser: three photos instead of two (art. 12 ¶1)
    const file = 'rules/parameters/materials.yaml';
    const saved = readFileSync(join(dir, file), 'utf8');
    const draft = saved.replace('    2017-10-09: 2\n', '    2017-10-09: 3\n');
    await page.addInitScript(([path, text, base]) => {
      localStorage.setItem('tiaoli.drafts', JSON.stringify({ [path]: { text, baseVersion: base } }));
      // every decision the trace shows, from the first moment
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => {
        const shown = document.querySelector('[data-testid=trace-tree] .decision-values') as HTMLElement | null;
        if (shown && seen.at(-1) !== shown.innerText) seen.push(shown.innerText);
      }).observe(document, { subtree: true, childList: true, characterData: true });
    }, [file, draft, versionOf(saved)] as const);
    await openStudio(studios.current, '#/trace?fixture=test/cases/13-application/complete-materials-issue-on-spot.yaml&decision=application');
    await page.locator('[data-testid=trace-tree] .decision-values').filter({ hasText: '一次性书面告知' }).waitFor();
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen.length).toBeGreaterThan(0);
    for (const shown of seen) expect(shown).not.toContain('当场制发居住证');
  });
});
