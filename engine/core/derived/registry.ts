// The derived-fact functions rules may name, by name.
import type { DerivedFunction } from './function.js';
import { addDaysFn, addMonthsFn, addWorkingDaysFn, addYearsFn, fullYearsFn, subtractDaysFn } from './functions/dates.js';
import { countMaterialsFn, firstPresentFn, isOneOfFn } from './functions/lists.js';
import { residentIdBirthDateFn, residentIdSexFn } from './functions/resident-id.js';
import { renewableValidityFn } from './functions/renewable-validity.js';
import { currentDivisionFn, divisionKindFn, inProvinceFn, sameCityFn, sameCountyFn, sameDivisionFn } from './functions/divisions.js';

export const derivedFunctions: ReadonlyMap<string, DerivedFunction> = new Map(
  [
    addWorkingDaysFn, addDaysFn, addMonthsFn, addYearsFn, subtractDaysFn, fullYearsFn,
    isOneOfFn, firstPresentFn, countMaterialsFn,
    residentIdBirthDateFn, residentIdSexFn,
    renewableValidityFn,
    currentDivisionFn, divisionKindFn, sameDivisionFn, sameCityFn, sameCountyFn, inProvinceFn,
  ].map((fn) => [fn.name, fn]),
);
