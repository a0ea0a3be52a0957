// One of the studio's impact workers (impact-store.ts starts one a core): the work itself is
// impact-shard.ts, run here off the main thread so typing never waits for a year of cases.
import * as Comlink from 'comlink';
import { createImpactShard } from './impact-shard.js';

export type { ImpactApi } from './impact-shard.js';
export { MAX_STUDIO_POPULATION } from './impact-shard.js';
Comlink.expose(createImpactShard());
