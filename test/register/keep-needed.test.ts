// Disability and a child's details are stored only where the decision rests on them
// (《个人信息保护法》第二十八条、第三十一条; rules/parameters/personal-data.yaml): an adult
// applying in person is stored without "not disabled, not impaired"; a disabled person whose
// relative applies for them keeps the disability (the agent decision rests on it); an
// 11-year-old's telephone, ethnicity, education and street address are not stored, their name,
// ID number and the guardian's details are; a 15-year-old's are (over fourteen). Each stored
// case still decides to the same values, and the stored trace quotes nothing taken out. The
// counter's store (POST /api/register/decisions) does the same.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseInput, Decider } from '../../engine/explain/decider.js';
import { decisionValues } from '../../engine/register/decision-values.js';
import { openRegister, RegisterAccess } from '../../engine/register/open-register.js';
import type { Register } from '../../engine/register/register.js';
import { startServer } from '../../engine/server/serve.js';
import { projectCopy } from '../support/project-copy.js';
import { qujing } from '../support/regulation.js';
import { fakeStudio, studioFetch } from '../support/studio-server.js';
import { backends } from './backends.js';
import { application, complete, NUMBER_FORMAT, OFFICES } from './cases.js';

/** An 18-digit ID number for a birth date, with its GB 11643 check digit. */
function idFor(born: string, serial = '031'): string {
  const body = `510104${born.replace(/-/g, '')}${serial}`;
  const sum = [...body].reduce((n, d, i) => n + Number(d) * [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2][i]!, 0);
  return body + '10X98765432'[sum % 11];
}

const details = { sex: '1', ethnicity: '07', phone: '13800001111', education: '80' };
const street = { road: '南宁西路', houseNumber: '12号', room: '3单元401', reason: 'accompany' };

/** A child applying through a guardian, with the counter's details of the child. */
function child(born: string): CaseInput {
  const c = application('小明', idFor(born), {}) as CaseInput & { facts: Record<string, Record<string, unknown>> };
  Object.assign(c.facts.person!, { birthDate: born, ...details });
  Object.assign(c.facts.residence!, street);
  c.facts.grounds = { employment: false, housing: false, study: true };
  c.facts.school = { name: '麒麟区南宁小学', enteredOn: '2018-09-01' };
  c.facts.application = { viaAgent: 'guardian', agent: { name: '王父', idNumber: idFor('1980-01-01', '001'), phone: '13900002222' }, materials: { householdRegister: 1, photo: 2, leaseContract: 1, studentCard: 1, agentIdCard: 1 } };
  return c;
}

function disabledThroughRelative(): CaseInput {
  const c = application('张残', '510104199003070015', { ...complete, agentIdCard: 1 }) as CaseInput & { facts: Record<string, Record<string, unknown>> };
  c.facts.person!.disabled = true;
  c.facts.application!.viaAgent = 'closeRelative';
  return c;
}

const person = (c: CaseInput) => (c.facts as Record<string, Record<string, unknown>>).person!;

describe.each(backends)('what the register keeps of a case, on $name', (backend) => {
  let register: Register;
  let done: () => Promise<void>;
  let decider: Decider;
  const office = { id: 'test-office', name: '测试派出所', numberPrefix: '测南', numberFormat: NUMBER_FORMAT };

  beforeAll(async () => {
    const fresh = await backend.fresh();
    register = await openRegister(projectCopy(), { env: fresh.env });
    done = async () => { await register.close(); await fresh.cleanup(); };
    decider = qujing();
  }, 60_000);
  afterAll(async () => done?.());

  const store = async (input: CaseInput) => {
    const document = await decider.decide(input, { trace: true });
    const entry = await register.record({ regulation: decider.base, case: input, document, office, operator: '王警官', decide: (c, o) => decider.decide(c, o) });
    const stored = (await register.get(entry.id))!;
    // what is kept decides as the case did
    expect(decisionValues((await decider.decide(stored.case, { trace: false })).decisions)).toEqual(decisionValues(document.decisions));
    expect(decisionValues(stored.document.decisions)).toEqual(decisionValues(document.decisions));
    return { document, stored };
  };

  it('an adult applying in person: "not disabled", "not impaired" are not stored, nor quoted by the stored trace', async () => {
    const input = application('李四', '510104198905050369', complete);
    expect(person(input)).toMatchObject({ disabled: false, mobilityImpaired: false });
    const { document, stored } = await store(input);
    expect(document.decisions.application!.outcome).toBe('issueOnSpot');
    expect(Object.keys(person(stored.case)).sort()).toEqual(['idNumber', 'name']);
    expect(JSON.stringify(stored.document)).not.toMatch(/"fact":"person\.(disabled|mobilityImpaired)","label":"[^"]*","value":false/);
    expect(JSON.stringify(document)).toMatch(/"fact":"person\.disabled","label":"[^"]*","value":false/); // what the counter was shown did quote it
  });

  it('a disabled person whose relative applies: the disability is kept (the agent decision rests on it), the rest of what is not needed is not', async () => {
    const { document, stored } = await store(disabledThroughRelative());
    expect(document.decisions.agent!.allowed).toBe(true);
    expect(person(stored.case).disabled).toBe(true);
    expect(person(stored.case)).not.toHaveProperty('mobilityImpaired');
  });

  it('an 11-year-old through a guardian: the child\'s telephone, ethnicity, education, sex and street address are not stored; name, ID number, birth date and the guardian are', async () => {
    const input = child('2008-03-15');
    const { document, stored } = await store(input);
    expect(document.decisions.agent!.allowed).toBe(true);
    expect(person(stored.case)).toEqual({ name: '小明', idNumber: person(input).idNumber, birthDate: '2008-03-15' });
    const facts = stored.case.facts as Record<string, Record<string, unknown>>;
    expect(facts.residence).not.toHaveProperty('road');
    expect(facts.residence).not.toHaveProperty('reason');
    expect(facts.residence).toMatchObject({ county: '530302', arrivedOn: '2019-01-02' });
    expect(facts.application!.agent).toEqual({ name: '王父', idNumber: idFor('1980-01-01', '001'), phone: '13900002222' });
    const text = JSON.stringify(stored);
    for (const gone of ['13800001111', '南宁西路', '麒麟区南宁小学']) expect(text).not.toContain(gone);
  });

  it('a 15-year-old (over fourteen): the details are stored as given; only the health facts go', async () => {
    const input = child('2004-03-15');
    const { stored } = await store(input);
    expect(person(stored.case)).toMatchObject(details);
    expect((stored.case.facts as Record<string, Record<string, unknown>>).residence).toMatchObject(street);
  });
});

describe('the counter\'s store keeps the same', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let access: RegisterAccess;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await backends[0]!.fresh();
    cleanup = fresh.cleanup;
    const dir = projectCopy();
    writeFileSync(join(dir, 'forms', 'offices.yaml'), OFFICES);
    access = new RegisterAccess(() => openRegister(dir, { env: fresh.env }));
    server = await startServer({ root: dir, port: 0, host: '127.0.0.1', studio: fakeStudio(), register: access });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await cleanup?.();
  });

  it('an 11-year-old stored at the counter: no telephone or street address in the register', async () => {
    const res = await studioFetch(server, 'api/register/decisions', { method: 'POST', body: JSON.stringify({ case: child('2008-03-15'), officeId: 'test-office', operator: '王警官', requestId: 'child-store-1' }) });
    expect(res.status, await res.clone().text()).toBe(201);
    const stored = (await (await access.get()).get((await res.json()).id))!;
    expect(Object.keys(person(stored.case)).sort()).toEqual(['birthDate', 'idNumber', 'name']);
    expect(JSON.stringify(stored)).not.toContain('13800001111');
  });
});
