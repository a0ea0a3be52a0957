// The `tiaoli` command line of CASES.md §4, run as a separate process.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tiaoli } from './support/cli.js';
import { rulesCopy } from './support/regulation.js';

const scratch = mkdtempSync(join(tmpdir(), 'tiaoli-cli-'));
function caseFile(name: string, text: string): string {
  const file = join(scratch, name);
  writeFileSync(file, text);
  return file;
}

const in2023 = `name: 2023年申领
asOf: 2023-03-01
facts:
  person: { idNumber: "510104198806210574" }
  hukou: { county: "510104" }
  residence: { county: "530302", arrivedOn: 2022-06-01, registeredOn: 2022-06-02 }
  grounds: { employment: true }
  application:
    materials: { idCard: 1, photo: 2, leaseContract: 1, laborContract: 1 }
`;

describe('tiaoli decide FILE', () => {
  it('prints the decision document', () => {
    const r = tiaoli(['decide', 'test/cases/13-application/complete-materials-issue-on-spot.yaml']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.ruleset).toMatch(/^[0-9a-f]{16}$/);
    expect(doc.decisions.application).toMatchObject({ outcome: 'issueOnSpot', missing: [], fee: 0 });
    expect(doc.decisions.application.because.length).toBeGreaterThan(3);
  });

  it('refuses an invalid case with exit 1 and a message naming the field and its line', () => {
    const file = caseFile('bad-id.yaml', 'asOf: 2019-07-10\nfacts:\n  person:\n    idNumber: "510104199003070016"\n');
    const r = tiaoli(['decide', file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bad-id.yaml:4:15: facts.person.idNumber：公民身份号码校验码错误');
  });

  it('names an impossible date, an unknown material and a missing asOf', () => {
    const file = caseFile('bad.yaml', 'facts:\n  residence: { arrivedOn: 2019-02-30 }\n  application:\n    materials: { passport: 1 }\n');
    const r = tiaoli(['decide', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('asOf：必填');
    expect(r.stderr).toContain('facts.residence.arrivedOn：应为真实存在的日期');
    expect(r.stderr).toContain('未知的名称 passport');
  });
});

describe('tiaoli decide on broken YAML', () => {
  it('names the line and column of the syntax error', () => {
    const file = caseFile('broken.yaml', 'asOf: 2019-07-10\nfacts:\n  person: { idNumber: "510104198806210574"\n');
    const r = tiaoli(['decide', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/broken\.yaml:\d+:\d+: YAML 语法错误/);
  });
});

describe('tiaoli decide --jsonl', () => {
  it('answers every line in order, broken lines with an error line, and exits 1', () => {
    const good = { asOf: '2019-09-16', facts: { hukou: { county: '510104' }, residence: { county: '530302', registeredOn: '2019-02-27' }, grounds: { housing: true } } };
    const lines = [JSON.stringify(good), '{"asOf": "2019-09-16", "facts": {', JSON.stringify({ ...good, asOf: '2019-13-01' }), '', JSON.stringify({ ...good, asOf: '2019-08-26' })];
    const r = tiaoli(['decide', '--jsonl', '--brief'], `${lines.join('\n')}\n`);
    expect(r.status).toBe(1);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(4);
    expect(out[0].decisions.eligibility).toMatchObject({ eligible: true, halfYearOn: '2019-08-27', articles: ['2', '11'] }); // art. 11, and art. 2 for 流动人口
    expect(out[0].decisions.eligibility.because).toBeUndefined(); // --brief: no trace
    expect(out[1].error).toMatch(/^第 2 行：不是有效的 JSON/);
    expect(out[2].error).toMatch(/^第 3 行：asOf：应为真实存在的日期/);
    expect(out[3].decisions.eligibility.eligible).toBe(false);
  });
});

describe('tiaoli test, lint, coverage', () => {
  it('test ends with the N passed, N failed line', () => {
    const r = tiaoli(['test', 'test/cases/10-registration']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n').pop()).toMatch(/^\d+ passed, 0 failed$/);
  });

  it('test shows a failure as expected vs actual with the reasoning', () => {
    const copy = rulesCopy();
    copy.edit('parameters/materials.yaml', '    2017-10-09: 2\n', '    2017-10-09: 1\n');
    const r = tiaoli(['--rules', copy.dir, 'test', 'test/cases/12-materials/only-one-photo.yaml']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('application.missing: 预期 ["photo"]，实际 []');
    expect(r.stdout).toContain('已交本人证件照张数〔derived.applicationPhotoHandedIn〕= 1 小于 本人证件照张数〔params.photoCount〕= 1 → 不成立');
    expect(r.stdout.trim().split('\n').pop()).toBe('0 passed, 1 failed');
  });

  it('lint is clean, and names file:line:column when a rule breaks', () => {
    expect(tiaoli(['lint']).status).toBe(0);
    const copy = rulesCopy();
    copy.edit('articles/23-in-force.yaml', 'params.inForceUntil', 'params.inForceTill');
    const r = tiaoli(['--rules', copy.dir, 'lint']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/23-in-force\.yaml:\d+:\d+: 参数 inForceTill 未定义/);
  });

  it('coverage reaches every decidable paragraph', () => {
    const r = tiaoli(['coverage', '--strict']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('第十条第一款');
    expect(r.stdout).not.toContain('未覆盖');
  });

  it('coverage flags a paragraph no fixture reaches', () => {
    const r = tiaoli(['coverage', '--strict', 'test/cases/02-floating']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/未覆盖：.*第十条第一款（无夹具）/);
  });
});

describe('policy staff change a date in YAML only', () => {
  it('moving the end of the in-force period from 2022-10-08 to 2027-10-08 changes a 2023 case', () => {
    const file = caseFile('in-2023.yaml', in2023);
    // under the reading that keeps the measures' own answer outside their term (v2's decisions)
    const before = JSON.parse(tiaoli(['decide', file, '--brief', '--reading', 'outside-the-measures=notInForce']).stdout);
    expect(before.decisions.inForce.value).toBe(false);
    expect(before.decisions.application.outcome).toBe('notInForce');
    const copy = rulesCopy();
    copy.edit('parameters/in-force.yaml', '2017-10-09: 2022-10-08', '2017-10-09: 2027-10-08');
    // the instruments' term reads the same parameter: the measures now govern 2023 whatever the reading
    const after = JSON.parse(tiaoli(['--rules', copy.dir, 'decide', file, '--brief']).stdout);
    expect(after.instrument).toBe('qujing-2017');
    expect(after.decisions.inForce.value).toBe(true);
    expect(after.decisions.application.outcome).toBe('issueOnSpot');
    expect(after.ruleset).not.toBe(before.ruleset);
  });
});
