// A small seeded pseudo-random generator (mulberry32) and the draws a population needs:
// the same seed gives the same sequence in Node and in every browser.
import type { Band, Shares } from './population-spec.js';

export interface Random {
  /** a number in [0, 1) */
  next(): number;
  /** true with probability p */
  chance(p: number): boolean;
  /** an integer in [from, to], both included */
  between(from: number, to: number): number;
  /** one value of a share group (the last one if rounding leaves a sliver) */
  pick(shares: Shares): unknown;
  /** an integer from a band chosen by its share, uniform inside it */
  band(bands: readonly Band[]): number;
  /** one item of a list */
  item<T>(list: readonly T[]): T;
}

/** murmur3's finaliser: every bit of the input changes about half the output's. */
function mix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The generator of case `index` of a population drawn with `seed`: each case has a sequence of
 * its own, so any run of cases (a worker's share) is drawn without the cases before it.
 */
export function caseRandom(seed: number, index: number): Random {
  return seededRandom(mix32((seed >>> 0) ^ mix32(index + 0x9e3779b9)));
}

export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const between = (from: number, to: number): number => from + Math.floor(next() * (to - from + 1));
  const choose = <T extends { share: number } | readonly [unknown, number]>(list: readonly T[], shareOf: (x: T) => number): T => {
    let u = next();
    for (const x of list) {
      u -= shareOf(x);
      if (u < 0) return x;
    }
    return list[list.length - 1];
  };
  return {
    next,
    chance: (p) => next() < p,
    between,
    pick: (shares) => choose(shares, (s) => s[1])[0],
    band: (bands) => {
      const b = choose(bands, (x) => x.share);
      return between(b.from, b.to);
    },
    item: (list) => list[Math.floor(next() * list.length)],
  };
}
