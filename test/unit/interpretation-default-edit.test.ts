// "设为默认理解" edits only the interpretation's `default:` value; comments and the rest stay.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { setInterpretationDefault } from '../../studio/src/articles/interpretation-yaml.js';

const file = readFileSync('rules/interpretations/endorsement-deadline.yaml', 'utf8');

describe('setInterpretationDefault', () => {
  it('changes the default line and nothing else', () => {
    const edited = setInterpretationDefault(file, 'literal');
    expect(parse(edited).default).toBe('literal');
    expect(edited.split('\n').filter((l, n) => l !== file.split('\n')[n])).toEqual(['default: literal']);
  });

  it('keeps a comment after the value', () => {
    const text = 'id: x\ndefault: a # 曾经的默认\nalternatives:\n  - id: a\n    reading: 甲\n  - id: b\n    reading: 乙\n';
    expect(setInterpretationDefault(text, 'b')).toBe(text.replace('default: a', 'default: b'));
  });

  it('appends default when the file has none', () => {
    const text = 'id: x\nalternatives:\n  - id: a\n    reading: 甲\n  - id: b\n    reading: 乙';
    expect(parse(setInterpretationDefault(text, 'b')).default).toBe('b');
  });

  it('refuses a reading the file does not name, a hostile id and a broken file, in Chinese', () => {
    expect(() => setInterpretationDefault(file, 'earliest')).toThrow(/没有读法 earliest/);
    expect(() => setInterpretationDefault(file, 'literal\nreasoning: x')).toThrow(/不能写入文件/);
    expect(() => setInterpretationDefault(file, 'constructor')).toThrow(/没有读法/);
    expect(() => setInterpretationDefault('id: [', 'a')).toThrow(/YAML 语法错误/);
  });
});
