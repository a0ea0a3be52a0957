// Hostile drafts and searches on the pages issue 12's editing slice changed: a parameter
// file being typed may hold anything (an alias bomb, a key named __proto__, a value of the
// wrong shape), and the trace's search box takes any text. Nothing throws into the page,
// nothing is executed, and an edit either keeps the file's meaning or says why not.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readParameterValues, setListCode, setParameterValue, addCodeToParameter } from '../../studio/src/parameters/parameter-yaml.js';
import { caseGroups } from '../../studio/src/trace/case-groups.js';

const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n');

describe('hostile drafts on the 参数 page', () => {
  it('an alias bomb in a parameter\'s values reads as "not readable", without expanding it', () => {
    const text = `${bomb}\nphotoCount:\n  values:\n    2017-10-09: *i\n`;
    expect(readParameterValues(text, 'photoCount')).toBeUndefined();
  });

  it('a parameter or a date named __proto__ is a name like any other', () => {
    const text = '__proto__:\n  values:\n    __proto__: [a, b]\n';
    expect(readParameterValues(text, '__proto__')).toEqual([{ from: '__proto__', value: ['a', 'b'] }]);
    const after = setListCode(text, '__proto__', '__proto__', 'a', false);
    expect(after).toBe('__proto__:\n  values:\n    __proto__: [b]\n');
    expect(({} as Record<string, unknown>).b).toBeUndefined();
  });

  it('a value typed as YAML syntax is written as text, never as structure', () => {
    const text = 'name:\n  values:\n    2017-10-09: plain\n';
    const after = setParameterValue(text, 'name', '2017-10-09', 'x: [1, 2] # &a *a !!js/function');
    expect(parse(after).name.values['2017-10-09']).toBe('x: [1, 2] # &a *a !!js/function');
    expect(after.split('\n').length).toBe(text.split('\n').length);
  });

  it('a code that is not a plain name is refused with a reason', () => {
    const text = 'list:\n  codes: materials\n  values:\n    2017-10-09: [a]\n';
    expect(() => addCodeToParameter(text, 'list', '__proto__', 'x')).toThrow(/只能由字母/);
    expect(() => addCodeToParameter(text, 'list', 'a: b', 'x')).toThrow(/只能由字母/);
  });

  it('a broken file is not edited: the edit says to fix it in the rule editor', () => {
    expect(() => setParameterValue('name:\n  values: [\n', 'name', '2017-10-09', 1)).toThrow(/YAML 语法错误/);
  });
});

describe('hostile searches on the trace page', () => {
  it('regular-expression characters and very long text are searched as plain text', () => {
    const fixtures = [{ file: 'test/cases/13-application/a.yaml', name: '材料齐全 (a+)+$', passed: true, mismatches: [] }];
    expect(caseGroups(fixtures, '(a+)+$', '其他')[0].cases).toHaveLength(1);
    expect(caseGroups(fixtures, `${'a'.repeat(100_000)}!`, '其他')).toEqual([]);
    expect(caseGroups([{ file: 'test/cases/__proto__/x.yaml', passed: true, mismatches: [] }], '', '其他')[0].label).toBe('其他');
  });
});
