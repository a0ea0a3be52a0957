// Parameters keyed by place as well as by date. A value set for a province holds for its
// cities and counties, one set for a city for its counties, unless a more specific place sets
// its own: the most specific place with a value on the date wins, else the value everywhere
// (`values:`). Places are GB/T 2260 codes: 2 digits of province, 2 of city, 2 of county.
import { currentDivisionFn } from '../core/derived/functions/divisions.js';
import type { ParameterLimit, PlaceValues } from './model.js';

type Json = Record<string, unknown>;

/** `places:` as a parameter file writes it: code → { date: value }. */
export function readPlaces(data: unknown): PlaceValues[] {
  if (!data || typeof data !== 'object') return [];
  return Object.entries(data as Json).map(([code, dated]) => ({
    code,
    values: Object.entries((dated ?? {}) as Json).map(([from, value]) => ({ from, value })).sort((x, y) => x.from.localeCompare(y.from)),
  }));
}

/** `atMost:` / `atLeast:` as written: a parameter's name, a number, or `{ parameter | value, reason }`. */
export function readLimits(relation: ParameterLimit['relation'], data: unknown): ParameterLimit[] {
  if (data === undefined) return [];
  if (typeof data === 'string') return [{ relation, parameter: data }];
  if (typeof data === 'number') return [{ relation, value: data }];
  const d = data as Json;
  return [{
    relation,
    ...(typeof d.parameter === 'string' ? { parameter: d.parameter } : {}),
    ...(typeof d.value === 'number' ? { value: d.value } : {}),
    ...(typeof d.reason === 'string' ? { reason: d.reason } : {}),
  }];
}

/** A code and the places it lies in, most specific first: 330106 → 330106, 330100, 330000. */
export function placeChain(code: string): string[] {
  if (!/^\d{6}/.test(code)) return [];
  const chain = [code.slice(0, 6), `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`];
  return chain.filter((c, i) => chain.indexOf(c) === i);
}

/**
 * The place a case's code is read as: its county part, a former code read as its successor
 * (as currentDivision reads it); undefined for a value that is not a division code.
 */
export function currentPlace(value: unknown, successions: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d{6}(\d{3})?$/.test(value)) return undefined;
  const county = value.slice(0, 6);
  return Array.isArray(successions) ? String(currentDivisionFn.compute({ code: county, successions })) : county;
}

/** The most specific place of `chain` whose values hold on `date`: its code and the entry's index. */
export function placeEntryOn(places: readonly PlaceValues[] | undefined, code: string | undefined, date: string): { place: PlaceValues; entry: number } | undefined {
  if (!places?.length || code === undefined) return undefined;
  for (const c of placeChain(code)) {
    const place = places.find((p) => p.code === c);
    if (!place) continue;
    let entry = -1;
    place.values.forEach((v, i) => {
      if (v.from <= date) entry = i;
    });
    if (entry >= 0) return { place, entry };
  }
  return undefined;
}
