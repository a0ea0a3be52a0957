// The 参数 page writes each edit into the YAML file by changing only the lines edited:
// ticking one box must not turn `[a, b]` into `[ a, b ]` (or back) anywhere else, nor move
// a comment, nor re-quote a code. Each test diffs the file before and after.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  addCodeToParameter, addParameterValue, readParameterValues, removeParameterValue, setListCode, setParameterDate, setParameterValue,
} from '../../studio/src/parameters/parameter-yaml.js';
import { root } from '../support/regulation.js';

/** A line diff (longest common subsequence): `-n text` for a line gone from the old file, `+n text` for one new in the new file. */
function diff(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const common = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i -= 1) for (let j = b.length - 1; j >= 0; j -= 1) common[i][j] = a[i] === b[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) { i += 1; j += 1; } else if (i < a.length && (j === b.length || common[i + 1][j] >= common[i][j + 1])) { out.push(`-${i + 1} ${a[i]}`); i += 1; } else { out.push(`+${j + 1} ${b[j]}`); j += 1; }
  }
  return out;
}

const materials = readFileSync(join(root, 'rules/parameters/materials.yaml'), 'utf8');
const divisions = readFileSync(join(root, 'rules/parameters/divisions.yaml'), 'utf8');

// the same parameters written the other way: padded flow lists and maps, quoted codes, comments
const padded = `# 第十二条 申领材料（padded by hand）
addressProofs:
  label: 居住地住址证明   # the name as the form shows it
  article: "12.2"
  type: list
  codes: materials
  labels: { leaseContract: 房屋租赁合同, purchaseContract: 购房合同 }
  values:
    2017-10-09: [ 'leaseContract', "purchaseContract" ]   # as published
    2030-01-01: [ leaseContract ]
other:
  label: 另一个
  article: "12.2"
  type: list
  values:
    2017-10-09: [ a, b ]
`;

describe('参数 edits change only the lines edited', () => {
  it('ticking one box in a [a, b] list changes that line alone, in its own spacing', () => {
    const after = setListCode(materials, 'studyProofs', '2017-10-09', 'studentCard', false);
    expect(diff(materials, after)).toEqual(['-48     2017-10-09: [studentCard, enrollmentCertificate]', '+48     2017-10-09: [enrollmentCertificate]']);
    const back = setListCode(after, 'studyProofs', '2017-10-09', 'studentCard', true);
    expect(diff(materials, back)).toEqual(['-48     2017-10-09: [studentCard, enrollmentCertificate]', '+48     2017-10-09: [enrollmentCertificate, studentCard]']);
  });

  it('a padded [ a, b ] list stays padded, its quotes and comment kept; the other lines are untouched', () => {
    const after = setListCode(padded, 'addressProofs', '2017-10-09', 'leaseContract', false);
    expect(diff(padded, after)).toEqual([`-9     2017-10-09: [ 'leaseContract', "purchaseContract" ]   # as published`, '+9     2017-10-09: [ "purchaseContract" ]   # as published']);
    const added = setListCode(padded, 'other', '2017-10-09', 'c', true);
    expect(diff(padded, added)).toEqual(['-16     2017-10-09: [ a, b ]', '+16     2017-10-09: [ a, b, c ]']);
    expect(parse(added).addressProofs.labels).toEqual({ leaseContract: '房屋租赁合同', purchaseContract: '购房合同' });
  });

  it('a block list loses the unticked line with its comment, and a new code comes on a line of its own', () => {
    const after = setParameterValue(divisions, 'qujingCounties', '2017-10-09', ['530302', '530304', '530322', '530323', '530324', '530325', '530326', '530381']);
    expect(diff(divisions, after)).toEqual(['-14       - "530303" # 沾益区']);
    const added = setParameterValue(divisions, 'qujingCounties', '2017-10-09', ['530302', '530303', '530304', '530322', '530323', '530324', '530325', '530326', '530381', '530399']);
    expect(diff(divisions, added)).toEqual(['+22       - "530399"']);
  });

  it('a number, a date, a new dated value and its removal touch only their lines', () => {
    const photos = setParameterValue(materials, 'photoCount', '2017-10-09', 24);
    expect(diff(materials, photos)).toEqual(['-11     2017-10-09: 2', '+11     2017-10-09: 24']);
    const moved = setParameterDate(materials, 'photoCount', '2017-10-09', '2017-10-10');
    expect(diff(materials, moved)).toEqual(['-11     2017-10-09: 2', '+11     2017-10-10: 2']);
    const later = addParameterValue(materials, 'studyProofs', '2025-01-01', ['studentCard']);
    expect(diff(materials, later)).toEqual(['+49     2025-01-01: [studentCard]']);
    expect(removeParameterValue(later, 'studyProofs', '2025-01-01')).toBe(materials);
    const earlier = addParameterValue(padded, 'other', '2000-01-01', ['a']);
    expect(diff(padded, earlier)).toEqual(['+16     2000-01-01: [a]']);
  });

  it('a new code adds its label line and joins the latest value, nothing else', () => {
    const after = addCodeToParameter(materials, 'studyProofs', 'schoolLetter', '学校证明');
    expect(diff(materials, after)).toEqual([
      '+47     schoolLetter: 学校证明',
      '-48     2017-10-09: [studentCard, enrollmentCertificate]',
      '+49     2017-10-09: [studentCard, enrollmentCertificate, schoolLetter]',
    ]);
    const fresh = addCodeToParameter(padded, 'other', 'c', 'C 证明');
    expect(diff(padded, fresh)).toEqual(['+15   labels:', '+16     c: C 证明', '-16     2017-10-09: [ a, b ]', '+18     2017-10-09: [ a, b, c ]']);
  });

  it('what the page shows is what the file says now', () => {
    const after = setParameterValue(materials, 'photoCount', '2017-10-09', 24);
    expect(readParameterValues(after, 'photoCount')).toEqual([{ from: '2017-10-09', value: 24 }]);
    expect(readParameterValues('photoCount: [', 'photoCount')).toBeUndefined();
  });
});
