// A synthetic year of counter traffic, drawn from a population file's assumptions: one
// case a visit (CASES.md §1), decided on a working day of the year. Deterministic for a
// seed; nothing in it is specific to one city: the file names every code and share.
import { addDays, addMonthsCivil, compareDates, formatDate, weekday, type CalendarDate } from '../../core/dates/calendar-date.js';
import { checkCharacter } from '../../core/derived/resident-id.js';
import type { CaseInput } from '../../model/case/case-input.js';
import { caseRandom, type Random } from './prng.js';
import type { PopulationSpec } from './population-spec.js';

export interface PopulationOptions {
  size?: number;
  seed?: number;
  /** the first case to draw (default 0): cases `from` … `size - 1`, the same as in the whole draw */
  from?: number;
}

/** The working days (Monday to Friday) of a year. */
function workdays(year: number): CalendarDate[] {
  const days: CalendarDate[] = [];
  for (let d = formatDate({ year, month: 1, day: 1 }); d.startsWith(`${year}-`); d = addDays(d, 1)) {
    const w = weekday(d);
    if (w !== 0 && w !== 6) days.push(d);
  }
  return days;
}

const later = (a: CalendarDate, b: CalendarDate): CalendarDate => (compareDates(a, b) >= 0 ? a : b);
const earlier = (a: CalendarDate, b: CalendarDate): CalendarDate => (compareDates(a, b) <= 0 ? a : b);

/**
 * The cases one after another: a million need not be held at once. Each case is drawn from a
 * generator of its own (its seed made from the population's seed and its number), so a share
 * of the cases is drawn without drawing the cases before it.
 */
export function* populationCases(spec: PopulationSpec, options: PopulationOptions = {}): Generator<CaseInput> {
  const size = options.size ?? spec.size;
  const seed = options.seed ?? spec.seed;
  const days = workdays(spec.year);
  for (let i = Math.max(0, options.from ?? 0); i < size; i++) yield oneCase(spec, caseRandom(seed, i), days, i);
}

export function generatePopulation(spec: PopulationSpec, options: PopulationOptions = {}): CaseInput[] {
  return [...populationCases(spec, options)];
}

function oneCase(spec: PopulationSpec, r: Random, days: CalendarDate[], index: number): CaseInput {
  const service = r.pick(spec.services);
  const asOf = r.item(days);
  const holder = service === 'endorsement' || service === 'replacement' || service === 'addressChange';
  const permit = holder ? permitFor(spec, r, service, asOf) : undefined;
  const age = r.band(spec.ages);
  // a holder was born before the permit was issued
  const birthDate = earlier(addDays(asOf, -(Math.floor(age * 365.2425) + r.between(1, 364))), addDays(permit?.issuedOn ?? asOf, -1));
  const hukouCounty = r.pick(spec.origins);
  const first17 = `${hukouCounty}${birthDate.replace(/-/g, '')}${String(r.between(1, 999)).padStart(3, '0')}`;
  const place = (county: string) => {
    const townshipKind = r.chance(spec.residence.streetShare) ? 'street' : 'town';
    return { county, township: r.item(spec.townships[townshipKind]), townshipKind };
  };
  const disabled = r.chance(spec.agents.disabled);
  const mobilityImpaired = age >= 60 && r.chance(spec.agents.elderlyMobilityImpaired);
  const person = { idNumber: first17 + checkCharacter(first17), disabled, mobilityImpaired, stableIncome: r.chance(spec.person.stableIncome) };
  const grounds = { employment: r.chance(spec.grounds.employment), housing: r.chance(spec.grounds.housing), study: r.chance(spec.grounds.study) };
  const facts: Record<string, unknown> = { person, hukou: place(hukouCounty), grounds };

  // residence: registered some days after arrival (art. 10 ¶1), before any permit was issued
  let arrivedOn: CalendarDate;
  let registeredOn: CalendarDate | undefined;
  if (service === 'registration') {
    arrivedOn = addDays(asOf, -r.band(spec.registration.days));
    registeredOn = asOf;
  } else {
    const settled = permit ? permit.issuedOn : asOf;
    const registered = r.chance(spec.registration.unregistered) && !permit ? undefined : r.band(spec.registration.days);
    arrivedOn = addDays(settled, -r.band(spec.residenceDays) - (registered ?? 0));
    if (registered !== undefined) registeredOn = addDays(arrivedOn, registered);
  }
  arrivedOn = later(arrivedOn, birthDate);
  if (registeredOn) registeredOn = earlier(later(registeredOn, arrivedOn), asOf);
  facts.residence = { ...place(r.pick(spec.residence.counties)), arrivedOn, ...(registeredOn ? { registeredOn } : {}) };

  if (r.chance(spec.contract.probability)) {
    const signedOn = earlier(addDays(arrivedOn, r.range(spec.contract.signedDays)), asOf);
    const reportedOn = r.chance(spec.contract.unreported) ? undefined : addDays(signedOn, r.band(spec.contract.reportedDays));
    facts.contract = { signedOn, ...(reportedOn && compareDates(reportedOn, asOf) <= 0 ? { reportedOn } : {}) };
  }
  const identity = (): Record<string, number> => (age < 16 && r.chance(spec.application.householdRegisterUnder16) ? { householdRegister: 1 } : { idCard: 1 });
  if (service === 'application') {
    const { missing } = spec.application;
    const materials: Record<string, number> = r.chance(missing.idCard) ? {} : identity();
    materials.photo = Number(r.pick(spec.application.photos));
    if (!r.chance(missing.addressProof)) materials[r.pick(spec.application.addressProofs)] = 1;
    if (grounds.employment && !r.chance(missing.employmentProof)) materials[r.pick(spec.application.employmentProofs)] = 1;
    if (grounds.study && !r.chance(missing.studyProof)) materials[r.pick(spec.application.studyProofs)] = 1;
    // art. 12 ¶3: a child, an old person who cannot come, a disabled person may send an agent
    const { agents } = spec;
    const viaAgent = (age < 16 && r.chance(agents.minors))
      || (mobilityImpaired && r.chance(agents.elderlyViaAgent))
      || (disabled && r.chance(agents.disabledViaAgent))
      || r.chance(agents.adultsViaAgentAnyway);
    if (viaAgent && !r.chance(missing.agentIdCard)) materials.agentIdCard = 1;
    facts.application = { ...(viaAgent ? { viaAgent: r.pick(agents.relation) } : {}), materials };
  }
  if (permit) facts.permit = { issuedOn: permit.issuedOn, endorsedOn: permit.endorsedOn };
  const holderMaterials = (missing: { idCard: number; residencePermit: number; supportingProof: number }): Record<string, number> => ({
    ...(r.chance(missing.idCard) ? {} : identity()),
    ...(r.chance(missing.residencePermit) ? {} : { residencePermit: 1 }),
    ...(r.chance(missing.supportingProof) ? {} : { [r.pick(spec.application.addressProofs)]: 1 }),
  });
  if (service === 'endorsement') facts.endorsement = { materials: holderMaterials(spec.endorsement.missing) };
  if (service === 'replacement') {
    const reason = r.pick(spec.replacement.reasons);
    facts.replacement = { reason, ...(reason === 'damaged' ? { oldPermitReturned: r.chance(spec.replacement.oldPermitReturned) } : {}) };
  }
  if (service === 'addressChange') {
    const county = r.chance(spec.addressChange.outsideCity) ? r.pick(spec.addressChange.outsideCounties) : r.pick(spec.residence.counties);
    facts.addressChange = { ...place(county), materials: holderMaterials(spec.addressChange.missing) };
  }
  if (r.chance(spec.seizure.probability)) facts.seizure = { by: r.pick(spec.seizure.by) };
  return { name: `${spec.label} #${index + 1}`, asOf, facts };
}

/**
 * A permit held on `asOf`: for an endorsement, issued whole years before the expiry the
 * request is timed against; otherwise held some days. Each earlier year was endorsed on time.
 */
function permitFor(spec: PopulationSpec, r: Random, service: string, asOf: CalendarDate): { issuedOn: CalendarDate; endorsedOn: CalendarDate[] } {
  let issuedOn: CalendarDate;
  let years = Infinity;
  if (service === 'endorsement') {
    const expiresOn = addDays(asOf, -r.band(spec.endorsement.timing));
    // whole years before that expiry; fewer if the population's permits began later
    years = r.band(spec.endorsement.yearsHeld);
    issuedOn = addMonthsCivil(expiresOn, -12 * years);
    while (years > 1 && compareDates(issuedOn, spec.permitsIssuedFrom) < 0) issuedOn = addMonthsCivil(expiresOn, -12 * --years);
  } else {
    issuedOn = addDays(asOf, -r.range(service === 'replacement' ? spec.replacement.heldDays : spec.addressChange.heldDays));
  }
  issuedOn = earlier(later(issuedOn, spec.permitsIssuedFrom), asOf);
  const endorsedOn: CalendarDate[] = [];
  for (let year = 1; year < years; year++) {
    const due = addMonthsCivil(issuedOn, 12 * year);
    const on = addDays(due, -r.between(0, 29));
    if (compareDates(on, asOf) >= 0 || compareDates(due, asOf) >= 0) break;
    endorsedOn.push(on);
  }
  return { issuedOn, endorsedOn };
}
