// How many runs a property gets: enough in `npm test` to catch a regression in seconds, many
// more under `npm run fuzz` (TIAOLI_FUZZ=1), which looks for the rare case at leisure.
export const FUZZING = process.env.TIAOLI_FUZZ === '1';

/** `suite` runs in npm test, `fuzz` under npm run fuzz. */
export const runs = (suite: number, fuzz: number): number => (FUZZING ? fuzz : suite);
