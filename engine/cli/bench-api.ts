// The engine as `npm run bench` times it (test/bench/bench.ts): built into engine/dist/bench-api.js
// with the command line, so that the bench measures the same JavaScript a user's `tiaoli`
// runs — not the TypeScript sources through tsx — with what the build prepared
// (usePreparedBuild: validators, YAML data, the built regulation).
export { Decider } from '../explain/decider.js';
export { loadRegulationOrThrow } from '../model/load-regulation.js';
export { checkCase } from '../model/case/validate-case.js';
export { engineOperators } from '../core/operators.js';
export { resolvePath } from '../core/fact-names.js';
export { usePreparedBuild } from './prepared-build.js';
/** json-rules-engine as the build bundles it: the bare reference runs the same copy the jre path runs */
export { Engine } from 'json-rules-engine';
