// A population file as the generator takes it: every share group as an ordered list of
// [value, share] (from a Map, never a plain object's inherited names).

export type Shares = ReadonlyArray<readonly [string, number]>;
export interface Band { from: number; to: number; share: number }
export interface DayRange { from: number; to: number }

export interface PopulationSpec {
  label: string;
  year: number;
  size: number;
  seed: number;
  /** the earliest issue date of a permit in the population */
  permitsIssuedFrom: string;
  services: Shares;
  ages: Band[];
  residence: { counties: Shares; streetShare: number };
  origins: Shares;
  townships: { street: string[]; town: string[] };
  grounds: { employment: number; housing: number; study: number };
  residenceDays: Band[];
  registration: { unregistered: number; days: Band[] };
  contract: { probability: number; signedDays: DayRange; unreported: number; reportedDays: Band[] };
  application: {
    photos: Shares;
    missing: { idCard: number; addressProof: number; employmentProof: number; studyProof: number; agentIdCard: number };
    addressProofs: Shares;
    employmentProofs: Shares;
    studyProofs: Shares;
    householdRegisterUnder16: number;
  };
  agents: {
    minors: number; elderlyMobilityImpaired: number; elderlyViaAgent: number;
    disabled: number; disabledViaAgent: number; adultsViaAgentAnyway: number; relation: Shares;
  };
  endorsement: { timing: Band[]; yearsHeld: Band[]; missing: { idCard: number; residencePermit: number; supportingProof: number } };
  replacement: { reasons: Shares; oldPermitReturned: number; heldDays: DayRange };
  addressChange: { outsideCity: number; outsideCounties: Shares; missing: { idCard: number; residencePermit: number; supportingProof: number }; heldDays: DayRange };
  person: { stableIncome: number };
  seizure: { probability: number; by: Shares };
}
