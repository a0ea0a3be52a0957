// 推理 shows the reading a decision was made under (issue 22): a fixture decided under
// `readings: { endorsement-deadline: literal }` shows the literal reading as 采用的理解, says the
// case file chose it, and labels the default's reasons as the default's — never the window
// reading as if it had been applied.
import { describe, expect, it } from 'vitest';
import { openStudio, studioEachTest } from '../support/studio-page.js';

const studio = studioEachTest();
const literalFixture = 'test/cases/14-once-a-year/literal-request-first-day-of-next-period-endorse.yaml';
const windowFixture = 'test/cases/14-endorsement-deadline/window-request-on-first-day-of-window-endorse.yaml';

async function readingShown(fixture: string): Promise<{ reading: string | null; text: string }> {
  const { page } = studio.current;
  await openStudio(studio.current, `#/trace?${new URLSearchParams({ fixture, decision: 'permit' })}`);
  const interpretation = page.locator('[data-testid=trace-tree] > [data-testid=trace-interpretation-endorsement-deadline]');
  await interpretation.locator('summary').click();
  const used = interpretation.locator('[data-testid=reading-used]');
  await used.waitFor();
  return { reading: await used.getAttribute('data-reading'), text: await interpretation.innerText() };
}

describe('推理: the reading taken is the one the decision used', () => {
  it('a case under the literal reading shows the literal reading, chosen by the case file', async () => {
    const { reading, text } = await readingShown(literalFixture);
    expect(reading).toBe('literal');
    expect(text).toMatch(/采用的理解\s+literal 按字面读作最后期限/);
    expect(text).toContain('本案采用：案件文件的 readings 指定');
    // the default's text and reasons are still there, named as the default's
    expect(text).toMatch(/默认理解\s+/);
    expect(text).toContain('默认理解的理由');
  });

  it('a case under the default reading says so, and shows no other reading as taken', async () => {
    const { reading, text } = await readingShown(windowFixture); // names no reading of its own
    expect(reading).toBe('window');
    expect(text).toContain('本案采用：默认理解');
    expect(text).not.toMatch(/采用的理解\s+literal/);
  });
});
