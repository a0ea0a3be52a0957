// The JSON Schema of a population file (rules/population/*.yaml): the assumptions a
// synthetic year of counter traffic is drawn from. Every key is named here; shares are
// numbers in [0, 1] (their sums are checked in check-population.ts, with the file's line).

const share = { type: 'number', minimum: 0, maximum: 1 };
const probability = share;
const days = { type: 'integer', minimum: -3660, maximum: 36600 };
const code = { type: 'string', pattern: '^[1-8][0-9]{5}$' };
const name = { type: 'string', minLength: 1, maxLength: 40 };

/** `{ key: share }`, the keys as `keys` allows */
const shares = (keys: object) => ({ type: 'object', minProperties: 1, maxProperties: 200, propertyNames: keys, additionalProperties: share });
const codeShares = shares(code);
const enumShares = (values: string[]) => shares({ enum: values });
const range = { type: 'object', required: ['from', 'to'], additionalProperties: false, properties: { from: days, to: days } };
const bands = { type: 'array', minItems: 1, maxItems: 100, items: { type: 'object', required: ['from', 'to', 'share'], additionalProperties: false, properties: { from: days, to: days, share } } };
const object = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({ type: 'object', additionalProperties: false, required, properties });

export const MAX_POPULATION = 2_000_000;

export const populationFileSchema = object({
  population: object({
    label: { type: 'string', minLength: 1, maxLength: 200 },
    year: { type: 'integer', minimum: 1900, maximum: 2099 },
    size: { type: 'integer', minimum: 1, maximum: MAX_POPULATION },
    seed: { type: 'integer', minimum: 0, maximum: 4294967295 },
    permitsIssuedFrom: { type: 'string', calendarDate: true },
  }),
  services: enumShares(['application', 'endorsement', 'replacement', 'addressChange', 'registration']),
  ages: { ...bands, items: { ...bands.items, properties: { ...bands.items.properties, from: { type: 'integer', minimum: 0, maximum: 120 }, to: { type: 'integer', minimum: 0, maximum: 120 } } } },
  residence: object({ counties: codeShares, streetShare: share }),
  origins: codeShares,
  townships: object({
    street: { type: 'array', minItems: 1, maxItems: 500, items: name },
    town: { type: 'array', minItems: 1, maxItems: 500, items: name },
  }),
  grounds: object({ employment: probability, housing: probability, study: probability }),
  residenceDays: bands,
  registration: object({ unregistered: probability, days: bands }),
  contract: object({ probability, signedDays: range, unreported: probability, reportedDays: bands }),
  application: object({
    photos: shares({ pattern: '^[0-9]$' }),
    missing: object({ idCard: probability, addressProof: probability, employmentProof: probability, studyProof: probability, agentIdCard: probability }),
    addressProofs: shares({ pattern: '^[A-Za-z][A-Za-z0-9]*$' }),
    employmentProofs: shares({ pattern: '^[A-Za-z][A-Za-z0-9]*$' }),
    studyProofs: shares({ pattern: '^[A-Za-z][A-Za-z0-9]*$' }),
    householdRegisterUnder16: probability,
  }),
  agents: object({
    minors: probability, elderlyMobilityImpaired: probability, elderlyViaAgent: probability,
    disabled: probability, disabledViaAgent: probability, adultsViaAgentAnyway: probability,
    relation: enumShares(['guardian', 'closeRelative']),
  }),
  endorsement: object({
    timing: bands,
    yearsHeld: bands,
    missing: object({ idCard: probability, residencePermit: probability, supportingProof: probability }),
  }),
  replacement: object({ reasons: enumShares(['damaged', 'lost']), oldPermitReturned: probability, heldDays: range }),
  addressChange: object({
    outsideCity: probability,
    outsideCounties: codeShares,
    missing: object({ idCard: probability, residencePermit: probability, supportingProof: probability }),
    heldDays: range,
  }),
  person: object({ stableIncome: probability }),
  seizure: object({ probability, by: enumShares(['publicSecurity', 'employer', 'landlord', 'school', 'other']) }),
});
