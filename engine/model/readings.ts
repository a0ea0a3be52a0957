// Readings: an interpretation with executable alternatives (rules/interpretations/*.yaml,
// `alternatives[].id`, `default:`) changes the rules only through what each alternative
// declares — parameter values and rules switched off. The regulation a case is decided
// under is the loaded one with the chosen alternative of each such interpretation applied.
import type { InterpretationAlternative, InterpretationSpec, Regulation } from './model.js';
import { own } from '../core/own.js';
import { EvaluationError } from '../core/evaluation-error.js';

export type Readings = Record<string, string>;

type Executable = ReadonlyArray<{ spec: InterpretationSpec; default: string; ids: string[] }>;
/** Worked out once per loaded regulation (a regulation is not changed once loaded: an edit loads a new one). */
const executable = new WeakMap<Regulation, { list: Executable; defaults: Readonly<Readings> }>();

function executableOf(regulation: Regulation): { list: Executable; defaults: Readonly<Readings> } {
  let known = executable.get(regulation);
  if (!known) {
    const list: Array<{ spec: InterpretationSpec; default: string; ids: string[] }> = [];
    for (const spec of Object.values(regulation.interpretations)) {
      const ids = spec.alternatives.flatMap((a) => (a.id === undefined ? [] : [a.id]));
      if (!ids.length) continue;
      list.push({ spec, default: spec.default ?? ids[0], ids });
    }
    known = { list, defaults: Object.freeze(Object.fromEntries(list.map((i) => [i.spec.id, i.default]))) };
    executable.set(regulation, known);
  }
  return known;
}

/** Interpretations that have executable alternatives, each with its default. */
export function executableInterpretations(regulation: Regulation): Array<{ spec: InterpretationSpec; default: string; ids: string[] }> {
  return executableOf(regulation).list.map((i) => ({ ...i, ids: [...i.ids] }));
}

/** The default reading of every interpretation with executable alternatives. */
export function defaultReadings(regulation: Regulation): Readings {
  return { ...executableOf(regulation).defaults };
}

/** The same, one frozen object per regulation (what a case naming no reading is decided under). */
export function sharedDefaultReadings(regulation: Regulation): Readonly<Readings> {
  return executableOf(regulation).defaults;
}

/** Why `id=alternative` cannot be chosen (in Chinese, naming it), or undefined. */
export function readingProblem(regulation: Regulation, id: string, alternative: unknown): string | undefined {
  const spec = own(regulation.interpretations, id);
  if (!spec) return `未知的解释 ${id}（rules/interpretations/ 中没有）`;
  const ids = spec.alternatives.flatMap((a) => (a.id === undefined ? [] : [a.id]));
  if (!ids.length) return `解释 ${id} 没有可执行的其他读法`;
  if (typeof alternative !== 'string' || !ids.includes(alternative)) {
    return `解释 ${id} 没有读法 ${typeof alternative === 'string' ? alternative : JSON.stringify(alternative)}（可选：${ids.join('、')}）`;
  }
  return undefined;
}

/** Every reading: the defaults, then the case file's, then the command line's. Throws on an unknown one. */
export function resolveReadings(regulation: Regulation, ...layers: Array<Readings | undefined>): Readings {
  // no reading named anywhere: the defaults, shared (frozen)
  if (layers.every((l) => l === undefined)) return sharedDefaultReadings(regulation) as Readings;
  const out = defaultReadings(regulation);
  for (const layer of layers) {
    if (!layer) continue;
    for (const [id, alt] of Object.entries(layer)) {
      const problem = readingProblem(regulation, id, alt);
      if (problem) throw new EvaluationError('reading.unknown', problem);
      out[id] = alt;
    }
  }
  return out;
}

function alternativeOf(spec: InterpretationSpec, id: string): InterpretationAlternative | undefined {
  return spec.alternatives.find((a) => a.id === id);
}

/** The regulation with each chosen alternative's declared differences applied. */
export function applyReadings(regulation: Regulation, readings: Readings): Regulation {
  const parameters = { ...regulation.parameters };
  const off = new Set<string>();
  for (const [id, altId] of Object.entries(readings)) {
    const spec = own(regulation.interpretations, id);
    const alt = spec && alternativeOf(spec, altId);
    if (!alt) continue;
    for (const [name, value] of Object.entries(alt.parameters ?? {})) {
      const p = own(regulation.parameters, name);
      if (!p) continue; // lint reports it (check-readings.ts)
      // the reading holds at every date: one value from the first date on
      // the reading's value everywhere: no place keeps one of its own
      const { places: _places, ...general } = p;
      parameters[name] = { ...general, values: [{ from: p.values[0]?.from ?? '1900-01-01', value }] };
    }
    for (const rule of alt.rulesOff ?? []) off.add(rule);
  }
  return { ...regulation, parameters, rules: off.size ? regulation.rules.filter((r) => !off.has(r.id)) : regulation.rules };
}

const keys = new WeakMap<Readings, string>();

/** A key for a set of readings, to keep one decider per combination (kept for a frozen set, which cannot change). */
export function readingsKey(readings: Readings): string {
  const known = keys.get(readings);
  if (known !== undefined) return known;
  const key = JSON.stringify(Object.entries(readings).sort(([a], [b]) => a.localeCompare(b)));
  if (Object.isFrozen(readings)) keys.set(readings, key);
  return key;
}
