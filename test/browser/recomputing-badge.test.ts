// The header says 正在重算… while the rules are rebuilt after an edit (issue 22), and a person
// can read it: it was white on light grey (rgb 255,255,255 on 238,241,245), a contrast of 1.1.
import { describe, expect, it } from 'vitest';
import { openStudio, studioEachTest } from '../support/studio-page.js';

const studio = studioEachTest();

/** WCAG 2 contrast ratio of two "rgb(r, g, b)" colours. */
function contrast(a: string, b: string): number {
  const luminance = (rgb: string) => {
    const [r, g, bl] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number).map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('正在重算 in the header', () => {
  it('shows while an edited parameter is rebuilt, readable (WCAG AA: 4.5 or more)', async () => {
    const { page } = studio.current;
    await openStudio(studio.current, '#/parameters');
    // the badge's colours read in the same turn that finds it on the page: the rebuild can end
    // (and the badge go) between finding it and reading it in two steps
    const shown = page.waitForFunction(() => {
      const badge = [...document.querySelectorAll('.app-header .status .badge')].find((el) => el.textContent?.includes('正在重算'));
      if (!badge) return null;
      const style = getComputedStyle(badge);
      return { color: style.color, background: style.backgroundColor };
    });
    await page.locator('[data-testid=value-photoCount-0]').fill('3');
    const colours = (await (await shown).jsonValue())!;
    expect(contrast(colours.color, colours.background)).toBeGreaterThanOrEqual(4.5);
  });
});
