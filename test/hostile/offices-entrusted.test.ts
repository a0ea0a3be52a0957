// forms/offices.yaml `entrustedBy` (受委托: the office in whose name a 派出所 acts) is input like
// any other: an id that is not an office of the file, a built-in name, the office itself, a
// chain of entrustments, or a value that is not text is refused at its line, never followed.
import { describe, expect, it } from 'vitest';
import { readOffices } from '../../engine/project/offices/read-offices.js';
import { formatProblem } from '../../engine/core/source-file.js';

const office = (id: string, extra = ''): string => [
  `  - id: ${id}`, '    name: 测试机关', '    county: "530302"', '    bureau: 测试分局', '    address: null', '    phone: null', '    hours: null',
  '    numberPrefix: 测', '    confirmed: false', '    reconsideration: { name: 测试区人民政府, address: null, basis: 第二十四条 }', ...(extra ? [`    entrustedBy: ${extra}`] : []),
].join('\n');
const file = (...offices: string[]): string => `offices:\n${offices.join('\n')}\ndocumentNumber: "{prefix}居〔{year}〕{seq}号"\n`;
const read = (text: string) => readOffices(text, 'forms/offices.yaml', new Set(['530302']));

describe('offices.yaml entrustedBy', () => {
  it('a 派出所 entrusted by a bureau of the file reads, with the bureau as the decider', () => {
    const r = read(file(office('test-bureau'), office('test-station', 'test-bureau')));
    expect(r.problems).toEqual([]);
    expect(r.offices.get('test-station')?.entrustedBy?.id).toBe('test-bureau');
  });
  it.each([
    ['an unknown id', 'test-nowhere', /test-nowhere 不是本文件中另一个办证机关的 id/],
    ['a built-in name', '__proto__', /entrustedBy 应是本文件中另一个办证机关的 id/],
    ['constructor', 'constructor', /entrustedBy 应是本文件中另一个办证机关的 id/],
    ['the office itself', 'test-station', /test-station 不是本文件中另一个办证机关的 id/],
    ['not text', '[a, b]', /entrustedBy 应是本文件中另一个办证机关的 id/],
    ['markup', '"<script>x</script>"', /entrustedBy 应是本文件中另一个办证机关的 id/],
  ])('%s is refused at its line', (_what, value, message) => {
    const r = read(file(office('test-bureau'), office('test-station', value)));
    expect(r.offices.has('test-station')).toBe(false);
    expect(r.problems.map(formatProblem).join('\n')).toMatch(new RegExp(`^forms/offices\\.yaml:2[0-9]:\\d+: .*${message.source}`, 'm'));
  });
  it('a chain (an entrusted office entrusting another) is refused', () => {
    const r = read(file(office('test-bureau'), office('test-station', 'test-bureau'), office('test-post', 'test-station')));
    expect(r.problems.map(formatProblem).join('\n')).toContain('test-station 本身也是受委托的机关');
    expect(r.offices.has('test-post')).toBe(false);
  });
});
