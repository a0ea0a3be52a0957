// `--reading ID=ALT` on decide, decide --jsonl and test (CASES.md §4; issue 9 item 2), run
// as a separate process.
import { describe, expect, it } from 'vitest';
import { tiaoli } from './support/cli.js';

const holder = {
  asOf: '2020-03-03',
  facts: {
    person: { idNumber: '510104198806210574' },
    hukou: { county: '510104' },
    residence: { county: '530302', arrivedOn: '2018-08-31', registeredOn: '2018-09-03' },
    grounds: { employment: true },
    permit: { issuedOn: '2019-03-30' },
  },
};

describe('--reading', () => {
  it('decide: the same case without and with --reading endorsement-deadline=literal gives the §3 values of each', () => {
    const file = 'test/cases/14-endorsement-deadline/window-day-before-expiry-not-yet-endorsed-valid.yaml';
    const window = JSON.parse(tiaoli(['decide', '--brief', file]).stdout);
    expect(window.readings).toEqual({ agents: 'birthday', 'civil-code-periods': 'art-203', 'early-endorsements': 'stands', 'endorsement-deadline': 'window', 'floating-population': 'measures', 'in-force-period': 'every-service', 'leap-day-birthday': 'march1', 'outside-the-measures': 'superior' });
    const r = tiaoli(['decide', '--brief', '--reading', 'endorsement-deadline=literal', file]);
    expect(r.status).toBe(0);
    const literal = JSON.parse(r.stdout);
    expect(literal.readings['endorsement-deadline']).toBe('literal');
    const { expiresOn } = window.decisions.permit;
    expect(literal.decisions.permit.expiresOn).toBe(expiresOn);
    expect(window.decisions.permit.endorseBy).toBe(expiresOn);
    expect(literal.decisions.permit.endorseBy).not.toBe(expiresOn);
  });

  it('decide: an unknown interpretation or alternative is an error naming it, exit 1', () => {
    const file = 'test/cases/14-permit/valid-in-first-year.yaml';
    const alt = tiaoli(['decide', '--reading', 'endorsement-deadline=strict', file]);
    expect(alt.status).toBe(1);
    expect(alt.stderr).toContain('解释 endorsement-deadline 没有读法 strict（可选：window、literal）');
    expect(alt.stdout).toBe('');
    const id = tiaoli(['decide', '--reading', 'constructor=x', file]);
    expect(id.status).toBe(1);
    expect(id.stderr).toContain('未知的解释 constructor');
    const shape = tiaoli(['decide', '--reading', 'endorsement-deadline', file]);
    expect(shape.status).toBe(1);
    expect(shape.stderr).toContain('应写作 --reading 解释=读法');
    expect(`${alt.stderr}${id.stderr}${shape.stderr}`).not.toMatch(/\n\s+at /);
  });

  it('decide --jsonl: --reading applies to every line; a line naming an unknown reading gets {"error"} and the rest go on', () => {
    const lines = [
      JSON.stringify(holder),
      JSON.stringify({ ...holder, readings: { 'endorsement-deadline': 'nope' } }),
      JSON.stringify({ ...holder, readings: { 'endorsement-deadline': 'window' } }),
    ];
    const r = tiaoli(['decide', '--jsonl', '--brief', '--reading', 'endorsement-deadline=literal'], `${lines.join('\n')}\n`);
    expect(r.status).toBe(1);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out[0].readings['endorsement-deadline']).toBe('literal');
    // literal: 2020-03-30 − 30 days = 2020-02-29, a Saturday: the last day moves to Monday 2020-03-02
    // (民法典 art. 203), so on 2020-03-03 the permit is suspended
    expect(out[0].decisions.permit.status).toBe('suspended');
    expect(out[1].error).toContain('nope');
    // the command line overrides the case's own reading
    expect(out[2].readings['endorsement-deadline']).toBe('literal');
  });

  it('test: the literal fixtures pass under --reading endorsement-deadline=literal, the window ones show what changes', () => {
    const literal = tiaoli(['test', '--reading', 'endorsement-deadline=literal', 'test/cases/14-endorsement-deadline', 'test/cases/14-once-a-year']);
    const failed = [...literal.stdout.matchAll(/^✗ (\S+)/gm)].map((m) => m[1]);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((f) => /\/window-/.test(f))).toBe(true);
    const bad = tiaoli(['test', '--reading', 'nope=x', 'test/cases/14-once-a-year']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('未知的解释 nope');
  });
});
