// How many cases, from which seed: a request from the command line or the studio, checked
// before anything is drawn (a size of a billion would never finish).
import { MAX_POPULATION } from './population-schema.js';

export const MAX_SEED = 4294967295;

/** A message (Chinese) when the size or seed cannot be used, else undefined. */
export function populationRequestProblem(size: unknown, seed: unknown, maxSize = MAX_POPULATION): string | undefined {
  if (size !== undefined && !(Number.isInteger(size) && (size as number) >= 1 && (size as number) <= maxSize)) {
    return `案件数应为 1 到 ${maxSize.toLocaleString('zh-CN')} 之间的整数，现为 ${String(size)}`;
  }
  if (seed !== undefined && !(Number.isInteger(seed) && (seed as number) >= 0 && (seed as number) <= MAX_SEED)) {
    return `随机种子应为 0 到 ${MAX_SEED} 之间的整数，现为 ${String(seed)}`;
  }
  return undefined;
}
