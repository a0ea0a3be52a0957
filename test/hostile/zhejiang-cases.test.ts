// Hostile case lines for the zhejiang-2016 project, in one batch (`decide --jsonl`): a prototype
// name as a fact, a count below the schema's minimum, a prototype name as an enum value and as a
// material code, an impossible date. Each is refused with a message naming its field, in Chinese,
// and the valid line after them is still decided.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tiaoli } from '../support/cli.js';
import { root } from '../support/regulation.js';

const project = join(root, 'projects/zhejiang-2016');

const lines = [
  '{"asOf":"2017-01-01","facts":{"__proto__":{"polluted":true}}}',
  '{"asOf":"2017-01-01","facts":{"report":{"party":"employer","persons":0}}}',
  '{"asOf":"2017-01-01","facts":{"lodging":{"kind":"constructor"}}}',
  '{"asOf":"2017-02-30","facts":{}}',
  '{"asOf":"2017-01-01","facts":{"application":{"materials":{"toString":1}}}}',
  '{"asOf":"2017-03-10","facts":{"residence":{"inProvince":true,"awayFromHukouArea":true,"registeredOn":"2016-09-10"},'
    + '"grounds":{"employment":true},"application":{"materials":{"idCard":1,"photo":1,"laborContract":1}}}}',
];

describe('hostile cases on the zhejiang-2016 project', () => {
  it('refuses each bad line at its field and decides the good one', () => {
    const r = tiaoli(['decide', '--jsonl', '--brief', '--project', project], lines.join('\n') + '\n');
    expect(r.status).toBe(1);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { error?: string; decisions?: Record<string, Record<string, unknown>> });
    expect(out).toHaveLength(lines.length);
    expect(out[0]!.error).toMatch(/第 1 行：facts\.__proto__：没有这一项/);
    expect(out[1]!.error).toMatch(/第 2 行：facts\.report\.persons：不得小于 1/);
    expect(out[2]!.error).toMatch(/第 3 行：facts\.lodging\.kind：应为以下之一/);
    expect(out[3]!.error).toMatch(/第 4 行：asOf：应为真实存在的日期/);
    expect(out[4]!.error).toMatch(/第 5 行：facts\.application\.materials\.toString：未知的名称/);
    expect(out[5]!.decisions!.application).toMatchObject({ outcome: 'accept', issueBy: '2017-03-27' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
