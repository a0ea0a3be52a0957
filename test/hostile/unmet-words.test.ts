// A rule's `unmet:` words (what a refusal prints for a condition not met) are input like any
// rule text: a key that is no fact of the rule's conditions, a built-in name, a value that is
// not text, or a fact left without words is refused at its line, never looked up on a prototype.
import { describe, expect, it } from 'vitest';
import { readRuleFiles, loadRegulationFiles } from '../../engine/model/load-regulation.js';
import { formatProblem } from '../../engine/core/source-file.js';
import { rulesDir } from '../support/regulation.js';

const FILE = 'articles/11-eligibility.yaml';
const original = readRuleFiles(rulesDir);
const WORDS = '      decisions.eligibility.grounds: 你没有申报';

function problemsAfter(from: string, to: string): string[] {
  const files = new Map(original);
  expect(original.get(FILE)).toContain(from);
  files.set(FILE, original.get(FILE)!.replace(from, to));
  return loadRegulationFiles('rules', files, 'rules').problems.map(formatProblem);
}

describe('rules[].unmet', () => {
  it.each([
    ['a fact the rule does not test', 'residence.county: 文字\n'],
    ['__proto__', '__proto__: 文字\n'],
    ['constructor', 'constructor: 文字\n'],
  ])('%s as a key is refused at its line', (_what, line) => {
    const problems = problemsAfter(WORDS, `      ${line}${WORDS}`);
    expect(problems.join('\n')).toMatch(/^rules\/articles\/11-eligibility\.yaml:\d+:\d+: .*不是本规则条件中的事实/m);
  });
  it('a value that is not text is refused', () => {
    const problems = problemsAfter(WORDS, '      decisions.eligibility.grounds: [1, 2]\n      x_: 你没有申报');
    expect(problems.join('\n')).toMatch(/11-eligibility\.yaml:\d+:\d+/);
  });
  it('a fact of the conditions without words is refused, naming it', () => {
    const problems = problemsAfter(WORDS, '      x_unused_: 你没有申报');
    expect(problems.join('\n')).toContain('unmet 缺少条件 decisions.eligibility.grounds 未满足时的说明');
  });
  it('a placeholder is only replaced, never evaluated', () => {
    const problems = problemsAfter(WORDS, '      decisions.eligibility.grounds: {{constructor.constructor}}{值}${1+1}');
    // YAML reads {{…}} as a map: refused as not text; nothing runs
    expect(problems.length).toBeGreaterThan(0);
  });
});
