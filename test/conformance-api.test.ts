// The 条文 page's conformance findings come from GET /api/project/conformance: the report
// `tiaoli conformance` makes, for the saved rules, each class with the local articles it is shown
// beside.
import { describe, expect, it } from 'vitest';
import { scratchServer, studioFetch } from './support/studio-server.js';

const scratch = scratchServer();

describe('GET /api/project/conformance', () => {
  it('lists the half year counted from registration as stricter, beside art. 11, against the 条例\'s art. 2', async () => {
    const res = await studioFetch(scratch.server, 'api/project/conformance');
    expect(res.status).toBe(200);
    const { report } = await res.json();
    expect(report.superior).toEqual({ id: 'national-2016', title: '居住证暂行条例' });
    const halfYear = report.classes.find((c: { local: string; direction: string }) => c.local === 'eligibility.halfYearOn' && c.direction === 'stricter');
    expect(halfYear.localArticles.map((a: string) => a.split('.')[0])).toContain('11');
    expect(halfYear.superiorArticles).toEqual(['2']);
    expect(halfYear.count).toBeGreaterThan(100);
  }, 120_000);
});
