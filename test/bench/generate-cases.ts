// Deterministic generated cases for the benchmark, the differential test and the batch
// replay: a spread of people (children, the elderly, the disabled), places (inside and
// outside Qujing and Yunnan, old county codes, the same township), dates across the
// measures' years with edge days (29 February, month and year ends, holidays and make-up
// working days, the first and last day in force) and every service (application,
// endorsement, replacement, address change, seizure, hukou), with materials missing or
// not, and — when given the regulation's executable interpretations — other readings.
import { addDays } from '../../engine/core/dates/calendar-date.js';
import { checkCharacter } from '../../engine/core/derived/resident-id.js';

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HUKOU = ['510104', '522401', '530102', '532301', '440106', '411302', '530302', '530381', '530322', '530328', '530321'];
const QUJING = ['530302', '530303', '530304', '530322', '530323', '530324', '530325', '530326', '530381', '530328', '530321'];
const ELSEWHERE = ['530102', '532301', '510104'];
const TOWNSHIPS = ['南宁街道', '寥廓街道', '越州镇', '西平街道'];
const MATERIALS = ['leaseContract', 'propertyCertificate', 'laborContract', 'businessLicense', 'studentCard', 'accommodationCertificate'];
/** days that decide many outcomes: leap days, month and year ends, holidays, the measures' first and last days */
const EDGE_DAYS = [
  '2017-10-08', '2017-10-09', '2017-10-10', '2018-02-15', '2018-02-28', '2018-03-01', '2018-09-30', '2018-10-01', '2018-12-29',
  '2018-12-31', '2019-01-01', '2019-02-02', '2019-02-28', '2019-04-28', '2019-05-05', '2019-09-29', '2019-10-12', '2019-12-31',
  '2020-01-19', '2020-02-01', '2020-02-28', '2020-02-29', '2020-03-01', '2020-06-28', '2020-08-29', '2020-08-31', '2020-09-27',
  '2020-10-10', '2021-02-07', '2021-02-20', '2021-02-28', '2021-03-01', '2021-04-25', '2021-05-08', '2021-09-18', '2021-09-26',
  '2021-10-09', '2022-01-29', '2022-01-30', '2022-04-02', '2022-04-24', '2022-05-07', '2022-10-07', '2022-10-08', '2022-10-09',
];

export interface Interpretations { id: string; ids: string[] }

export interface GeneratedCase { asOf: string; facts: Record<string, unknown>; readings?: Record<string, string> }

export function generateCases(count: number, seed = 20171009, interpretations: Interpretations[] = []): GeneratedCase[] {
  const r = random(seed);
  const chance = (p: number): boolean => r() < p;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const date = (from: string, span: number): string => (chance(0.08) ? pick(EDGE_DAYS) : addDays(from, Math.floor(r() * span)));
  const cases: GeneratedCase[] = [];
  for (let i = 0; i < count; i++) {
    const hukou = pick(HUKOU);
    const age = chance(0.15) ? Math.floor(r() * 17) : chance(0.15) ? 58 + Math.floor(r() * 30) : 17 + Math.floor(r() * 45);
    const arrivedOn = chance(0.1) ? pick(EDGE_DAYS) : addDays('2017-06-01', Math.floor(r() * 365 * 5));
    const asOf = date(arrivedOn, chance(0.2) ? 30 : 700);
    const birthOn = chance(0.02) ? pick(['2004-02-29', '2008-02-29', '1960-02-29', '1956-02-29']) : addDays(asOf, -Math.floor(age * 365.25 + r() * 365));
    const birth = birthOn.replace(/-/g, '');
    const first17 = `${hukou}${birth}${String(Math.floor(r() * 1000)).padStart(3, '0')}`;
    const registeredOn = chance(0.85) ? date(arrivedOn, chance(0.5) ? 6 : 30) : undefined;
    const sameCounty = chance(0.2);
    const residenceCounty = sameCounty ? hukou : chance(0.9) ? pick(QUJING) : pick(ELSEWHERE);
    const person: Record<string, unknown> = { idNumber: first17 + checkCharacter(first17), disabled: chance(0.05), mobilityImpaired: chance(0.08), stableIncome: chance(0.3) };
    if (chance(0.05)) person.birthDate = birthOn;
    if (chance(0.3)) person.name = '张三';
    const facts: Record<string, unknown> = {
      person,
      hukou: { county: hukou, township: pick(TOWNSHIPS), townshipKind: pick(['street', 'town']) },
      residence: { county: residenceCounty, township: pick(TOWNSHIPS), townshipKind: pick(['street', 'town']), arrivedOn, ...(registeredOn ? { registeredOn } : {}) },
      grounds: { employment: chance(0.6), housing: chance(0.4), study: chance(0.1) },
    };
    if (chance(0.05)) delete facts.grounds;
    if (chance(0.5)) {
      const signedOn = date(arrivedOn, 20);
      facts.contract = { signedOn, ...(chance(0.7) ? { reportedOn: date(signedOn, 10) } : {}) };
    }
    const materials = (base: Record<string, number>): Record<string, number> => {
      for (const m of MATERIALS) if (chance(0.3)) base[m] = 1;
      return base;
    };
    if (chance(0.55)) {
      const handed = materials({ idCard: chance(0.92) ? 1 : 0, photo: chance(0.88) ? 2 : 1 });
      if (age < 16 && chance(0.5)) handed.householdRegister = 1;
      const viaAgent = chance(0.12) ? pick(['guardian', 'closeRelative']) : undefined;
      if (viaAgent && chance(0.8)) handed.agentIdCard = 1;
      facts.application = { ...(chance(0.97) ? { materials: handed } : {}), ...(viaAgent ? { viaAgent } : {}) };
    }
    // some permits were issued before the measures took effect (art. 23)
    const preMeasures = chance(0.05);
    const issuedOn = preMeasures ? addDays('2015-10-09', Math.floor(r() * 730)) : date(registeredOn ?? arrivedOn, 400);
    // a permit held on asOf was issued on or before it (an issue date after asOf is refused)
    if (chance(0.45) && registeredOn && issuedOn <= asOf && (preMeasures || issuedOn >= registeredOn)) {
      const endorsedOn = chance(0.6) ? [date(addDays(issuedOn, 330), 60)].filter((d) => d >= issuedOn) : [];
      if (chance(0.15) && endorsedOn.length) endorsedOn.push(addDays(endorsedOn[0], 300 + Math.floor(r() * 130)));
      facts.permit = { issuedOn, endorsedOn, ...(preMeasures || chance(0.05) ? { validThrough: date(addDays(asOf, -200), 400) } : {}) };
      if (chance(0.25)) {
        const handed: Record<string, number> = { idCard: chance(0.9) ? 1 : 0, residencePermit: chance(0.9) ? 1 : 0 };
        facts.endorsement = { materials: materials(handed) };
      }
      if (chance(0.15)) facts.replacement = { reason: pick(['damaged', 'lost']), ...(chance(0.8) ? { oldPermitReturned: chance(0.5) } : {}) };
      if (chance(0.12)) {
        const county = chance(0.7) ? pick(QUJING) : pick(ELSEWHERE);
        const handed: Record<string, number> = { idCard: chance(0.9) ? 1 : 0, residencePermit: chance(0.9) ? 1 : 0 };
        facts.addressChange = { county, township: pick(TOWNSHIPS), townshipKind: pick(['street', 'town']), ...(chance(0.9) ? { materials: materials(handed) } : {}) };
      }
    } else {
      // asking to replace or change a permit one does not hold
      const asks = r();
      if (asks < 0.05) facts.replacement = { reason: pick(['damaged', 'lost']) };
      else if (asks < 0.1) facts.addressChange = { county: pick(QUJING) };
    }
    if (chance(0.06)) facts.seizure = { by: pick(['publicSecurity', 'employer', 'landlord', 'school', 'other']) };
    const c: GeneratedCase = { asOf, facts };
    if (interpretations.length && chance(0.25)) {
      c.readings = {};
      for (const interpretation of interpretations) if (chance(0.5)) c.readings[interpretation.id] = pick(interpretation.ids);
    }
    cases.push(c);
  }
  return cases;
}
