// Hand-made applications for the register's tests (CASES.md §1): a migrant worker from
// Chengdu (hukou 510104) living in Qilin (530302) since January 2019, registered 2019-01-04,
// so the half year of art. 11 is complete on 2019-07-04; applying on 2019-07-10 with the
// materials of art. 12 as each case says. Expected outcomes are art. 13's: all materials of
// art. 12 (ID card, 2 photos, an address proof, a proof of the ground) → issued on the spot;
// something missing → a one-time written notice (一次性书面告知) naming it.
import type { CaseInput } from '../../engine/explain/decider.js';

export function application(name: string, idNumber: string, materials: Record<string, number>, extra: { registeredOn?: string } = {}): CaseInput {
  return {
    name,
    asOf: '2019-07-10',
    facts: {
      person: { name, idNumber, disabled: false, mobilityImpaired: false },
      hukou: { county: '510104', township: '春熙路街道', townshipKind: 'street' },
      residence: { county: '530302', township: '南宁街道', townshipKind: 'street', arrivedOn: '2019-01-02', registeredOn: extra.registeredOn ?? '2019-01-04' },
      grounds: { employment: true, housing: false, study: false },
      application: { materials },
    },
  };
}

export const complete = { idCard: 1, photo: 2, leaseContract: 1, laborContract: 1 };
export const onePhoto = { idCard: 1, photo: 1, leaseContract: 1, laborContract: 1 };

/** The document-number format of the Qujing offices file (forms/offices.yaml). */
export const NUMBER_FORMAT = '{prefix}居〔{year}〕{seq}号';

/** A forms/offices.yaml of the tests' own: one office (details unconfirmed) and its document-number prefix. */
export const OFFICES = `documentNumber: "{prefix}居〔{year}〕{seq}号"
offices:
  - id: test-office
    name: 测试派出所
    county: "530302"
    bureau: 曲靖市公安局麒麟分局
    address: null
    phone: null
    hours: null
    numberPrefix: 测南
    confirmed: false
    reconsideration: { name: 曲靖市人民政府, address: null, basis: 《中华人民共和国行政复议法》第二十四条第四款 }
`;
