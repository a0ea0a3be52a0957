// 计算各读法的影响 runs in a worker: the page shows how far it is (n / total) and keeps
// rendering while it runs, and 取消 ends it. (It ran on the page itself and froze it.)
import { describe, expect, it } from 'vitest';
import { openStudio, studioEachTest } from '../support/studio-page.js';

const studio = studioEachTest();

describe('the readings\' impact', () => {
  it('shows its progress while the page keeps answering, and is cancelled', async () => {
    const { page } = studio.current;
    await openStudio(studio.current, '#/articles');
    await page.getByTestId('reading-impact-run').click();
    const progress = page.getByTestId('reading-impact-progress');
    const done = async () => Number(/已决定 (\d+) \/ \d+/.exec(await progress.innerText())?.[1] ?? 0);
    await expect.poll(done, { timeout: 60_000 }).toBeGreaterThan(0);
    const first = await done();
    // the page renders the worker's later reports while the run goes on
    await expect.poll(done, { timeout: 60_000 }).toBeGreaterThan(first);
    await page.getByTestId('reading-impact-cancel').click();
    await page.getByTestId('reading-impact-note').filter({ hasText: '已取消' }).waitFor();
    expect(await progress.count()).toBe(0);
    await page.getByTestId('reading-impact-run').waitFor(); // it can be asked for again
  });
});
