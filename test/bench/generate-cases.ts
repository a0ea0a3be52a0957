// Deterministic generated cases for the benchmark and the batch replay: a spread of
// people, places, dates and requests across the measures' years.
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

const HUKOU = ['510104', '522401', '530102', '532301', '440106', '411302', '530302', '530381', '530322'];
const QUJING = ['530302', '530303', '530304', '530322', '530323', '530324', '530325', '530326', '530381'];
const MATERIALS = ['leaseContract', 'propertyCertificate', 'laborContract', 'businessLicense', 'studentCard', 'accommodationCertificate'];

export function generateCases(count: number, seed = 20171009): Array<{ asOf: string; facts: Record<string, unknown> }> {
  const r = random(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const date = (from: string, span: number): string => addDays(from, Math.floor(r() * span));
  const cases = [];
  for (let i = 0; i < count; i++) {
    const hukou = pick(HUKOU);
    const birth = date('1950-01-01', 365 * 60).replace(/-/g, '');
    const first17 = `${hukou}${birth}${String(Math.floor(r() * 1000)).padStart(3, '0')}`;
    const arrivedOn = date('2017-10-09', 365 * 4);
    const registeredOn = r() < 0.85 ? date(arrivedOn, 12) : undefined;
    const asOf = date(arrivedOn, 500);
    const facts: Record<string, unknown> = {
      person: { idNumber: first17 + checkCharacter(first17), disabled: r() < 0.05, mobilityImpaired: r() < 0.05, stableIncome: r() < 0.3 },
      hukou: { county: hukou, township: pick(['南宁街道', '寥廓街道', '越州镇', '西平街道']), townshipKind: pick(['street', 'town']) },
      residence: { county: pick(QUJING), township: pick(['南宁街道', '寥廓街道', '越州镇']), townshipKind: pick(['street', 'town']), arrivedOn, ...(registeredOn ? { registeredOn } : {}) },
      grounds: { employment: r() < 0.6, housing: r() < 0.4, study: r() < 0.1 },
    };
    if (r() < 0.5) {
      const signedOn = date(arrivedOn, 20);
      facts.contract = { signedOn, ...(r() < 0.7 ? { reportedOn: date(signedOn, 10) } : {}) };
    }
    if (r() < 0.6) {
      const materials: Record<string, number> = { idCard: r() < 0.95 ? 1 : 0, photo: r() < 0.9 ? 2 : 1 };
      for (const m of MATERIALS) if (r() < 0.35) materials[m] = 1;
      facts.application = { materials, ...(r() < 0.1 ? { viaAgent: pick(['guardian', 'closeRelative']) } : {}) };
    }
    const issuedOn = date(registeredOn ?? arrivedOn, 200);
    // a permit held on asOf was issued on or before it (an issue date after asOf is refused)
    if (r() < 0.4 && registeredOn && issuedOn <= asOf) {
      const endorsedOn = r() < 0.6 ? [date(addDays(issuedOn, 330), 60)] : [];
      facts.permit = { issuedOn, endorsedOn };
      if (r() < 0.2) facts.replacement = { reason: pick(['damaged', 'lost']), oldPermitReturned: r() < 0.5 };
    }
    if (r() < 0.05) facts.seizure = { by: pick(['publicSecurity', 'employer', 'landlord']) };
    cases.push({ asOf, facts });
  }
  return cases;
}
