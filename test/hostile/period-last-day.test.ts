// The argument that moves an endorsement period's last day past rest days (民法典 art. 203),
// given wrongly in YAML: left out, a string for the boolean, an integer parameter, a reading
// or a parameter history with a non-boolean value. Each is a lint problem at its line, never
// a silent default (a missing argument would otherwise leave the permit's status unknown).
import { describe, expect, it } from 'vitest';
import { loadRegulation } from '../../engine/model/load-regulation.js';
import { rulesCopy } from '../support/regulation.js';

const ARTICLE = 'articles/14-validity-and-endorsement.yaml';
const ARG = '      lastDayMovesPastRestDays: { fact: params.endorsementLastDayMovesPastRestDays }\n';

function problemsAfter(edit: (copy: ReturnType<typeof rulesCopy>) => void) {
  const copy = rulesCopy();
  edit(copy);
  return loadRegulation(copy.dir).problems;
}

describe('lastDayMovesPastRestDays given wrongly', () => {
  it('left out of a call: ref.missingArgument at the call', () => {
    const problems = problemsAfter((c) => c.edit(ARTICLE, ARG, ''));
    const p = problems.find((x) => x.code === 'ref.missingArgument');
    expect(p?.message).toContain('lastDayMovesPastRestDays');
    expect(p?.location.file).toContain('14-validity-and-endorsement.yaml');
  });

  it.each([
    ['a string', '"yes"'],
    ['a number', '1'],
    ['an integer parameter', '{ fact: params.endorsementClosesDays }'],
    ['a list', '[true]'],
  ])('%s instead of a boolean: derived.argumentType at its line', (_what, value) => {
    const problems = problemsAfter((c) => c.edit(ARTICLE, ARG, `      lastDayMovesPastRestDays: ${value}\n`));
    const p = problems.find((x) => x.code === 'derived.argumentType');
    expect(p?.message).toContain('lastDayMovesPastRestDays');
    expect(p?.location).toMatchObject({ file: expect.stringContaining('14-validity-and-endorsement.yaml'), line: 24 });
  });

  it.each(['"true"', '1', 'null', '[false]', '"__proto__"'])('a reading setting it to %s: reading.valueType at the reading', (value) => {
    const problems = problemsAfter((c) => c.edit('interpretations/civil-code-periods.yaml', 'parameters: { endorsementLastDayMovesPastRestDays: false }', `parameters: { endorsementLastDayMovesPastRestDays: ${value} }`));
    const p = problems.find((x) => x.code === 'reading.valueType');
    expect(p?.message).toContain('endorsementLastDayMovesPastRestDays');
    expect(p?.location).toMatchObject({ file: expect.stringContaining('civil-code-periods.yaml'), line: 18 });
  });

  it('a parameter history with a non-boolean value: param.valueType at the value', () => {
    const problems = problemsAfter((c) => c.edit('parameters/endorsement.yaml', /(endorsementLastDayMovesPastRestDays:[^]*? {4}2017-10-09: )true\n/, '$1"是"\n'));
    const p = problems.find((x) => x.code === 'param.valueType');
    expect(p?.message).toContain('endorsementLastDayMovesPastRestDays');
    expect(p?.location.file).toContain('endorsement.yaml');
  });
});
