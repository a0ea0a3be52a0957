// Issue 10 item 1 at the command line: `tiaoli form` takes the application with every real
// field, makes the case with them (the agent, the township codes), and refuses an ID number
// that contradicts the birth date and sex entered, at the file's line and column.
import { describe, expect, it } from 'vitest';
import { tiaoli } from '../support/cli.js';

describe('tiaoli form with the real fields', () => {
  it('decides a child applying through her mother, the details carried into the case', () => {
    const run = tiaoli(['form', 'permit-application', 'test/forms/permit-application-child-through-guardian.yaml', '--brief']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const { case: made, ...decision } = JSON.parse(run.stdout);
    expect(made.facts.application.agent).toEqual({ name: '王芳', idNumber: '510104198506120032', phone: '13908740123' });
    expect(made.facts.residence).toMatchObject({ townshipCode: '530302004', road: '麒麟南路', reason: 'accompany' });
    expect(made.facts.person).toMatchObject({ sex: '2', ethnicity: '01', education: '80' });
    // art. 12 ¶3: 8 years old → an agent may apply; art. 13: complete → issued on the spot
    expect(decision.decisions.agent.allowed).toBe(true);
    expect(decision.decisions.application.outcome).toBe('issueOnSpot');
  });

  it('refuses an ID number that contradicts the birth date and sex entered, at its line', () => {
    const run = tiaoli(['form', 'permit-application', 'test/forms/permit-application-id-mismatch.yaml']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('test/forms/permit-application-id-mismatch.yaml:7:13: 申领人 › 公民身份号码（applicant.idNumber）：号码所载出生日期为 2011-03-15，与所填的出生日期 2011-05-13 不符；号码第 17 位 2 为偶数，所载性别为女，与所填的性别（男）不符');
  });
});
