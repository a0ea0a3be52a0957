// sameCity, sameCounty, inProvince: relations between two places by their GB/T 2260 codes, a
// former code (530321 马龙县) read as the current one (530304 马龙区) first, as currentDivision does.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inProvinceFn, sameCityFn, sameCountyFn, sameDivisionFn } from '../../engine/core/derived/functions/divisions.js';
import { derivedFunctions } from '../../engine/core/derived/registry.js';
import { loadRegulation } from '../../engine/model/load-regulation.js';
import { qujing, rulesCopy } from '../support/regulation.js';

const successions = qujing().regulation.parameters.countySuccessions.values.at(-1)!.value as unknown[];

describe('relations between divisions', () => {
  it('sameCounty reads a former code as its successor, a township by its county part', () => {
    expect(sameCountyFn.compute({ code: '530321', otherCode: '530304', successions })).toBe(true);
    expect(sameCountyFn.compute({ code: '530321', otherCode: '530304' })).toBe(false); // no table: codes as written
    expect(sameCountyFn.compute({ code: '530321101', otherCode: '530304', successions })).toBe(true);
    expect(sameCountyFn.compute({ code: '530302', otherCode: '530303', successions })).toBe(false);
  });

  it('sameCity compares the city part: two Qujing counties are one city, Kunming is another', () => {
    expect(sameCityFn.compute({ code: '530302', otherCode: '530381', successions })).toBe(true);
    expect(sameCityFn.compute({ code: '530328', otherCode: '530303', successions })).toBe(true);
    expect(sameCityFn.compute({ code: '530302', otherCode: '530102', successions })).toBe(false);
  });

  it('inProvince takes a province as 2 or 6 digits', () => {
    expect(inProvinceFn.compute({ code: '530321', province: '530000', successions })).toBe(true);
    expect(inProvinceFn.compute({ code: '530321', province: '53' })).toBe(true);
    expect(inProvinceFn.compute({ code: '330106', province: '530000' })).toBe(false);
  });

  it('cannot tell (undefined) when a code is absent or not a code, and never throws', () => {
    expect(sameCityFn.compute({ code: undefined, otherCode: '530302' })).toBeUndefined();
    expect(sameCountyFn.compute({ code: '5303', otherCode: '530302' })).toBeUndefined();
    expect(inProvinceFn.compute({ code: '530302', province: '云南' })).toBeUndefined();
    fc.assert(fc.property(fc.anything(), fc.anything(), fc.anything(), (code, otherCode, table) => {
      const r = sameCityFn.compute({ code, otherCode, successions: table });
      expect(r === undefined || typeof r === 'boolean').toBe(true);
    }), { numRuns: 300 });
  });

  it('sameDivision is unchanged, and every function is listed to the rule writer', () => {
    expect(sameDivisionFn.compute({ code: '530302001', otherCode: '530302001' })).toBe(true);
    for (const name of ['addDays', 'addMonths', 'addYears', 'sameCity', 'sameCounty', 'inProvince', 'sameDivision']) expect(derivedFunctions.has(name)).toBe(true);
  });

  it('a derived fact may use them; a misspelt function name is reported with the near one and the list', () => {
    const copy = rulesCopy();
    copy.edit('articles/01-04-general-provisions.yaml', '  hukouInQujing:\n', [
      '  sameCountyNow:',
      '    label: 户籍地与居住地同一县（市、区）',
      '    function: sameCounty',
      '    args: { code: { fact: hukou.county }, otherCode: { fact: residence.county }, successions: { fact: params.countySuccessions } }',
      '  sameCityNow:',
      '    label: 户籍地与居住地同一市',
      '    function: sameCty',
      '    args: { code: { fact: hukou.county }, otherCode: { fact: residence.county } }',
      '  hukouInQujing:',
      '',
    ].join('\n'));
    const { problems } = loadRegulation(copy.dir);
    expect(problems.map((p) => p.code)).toEqual(['ref.unknownFunction']);
    expect(problems[0].message).toContain('未知的函数 sameCty（是否应为 sameCity？）');
    expect(problems[0].message).toContain('addYears');
    expect(problems[0].location.line).toBe(copy.read('articles/01-04-general-provisions.yaml').split('\n').findIndex((l) => l.includes('sameCty')) + 1);
  });
});
