// Reads and checks a population file (rules/population/*.yaml): its shape (every key
// known), each share group summing to 1, each day range in order, the material codes
// known to the regulation. Every problem at the file, line and column of the value.
import { parseSource, type PathSegment, type Problem } from '../../core/source-file.js';
import { createAjv, schemaProblems } from '../../core/validation/ajv.js';
import { pathOf } from '../../core/validation/error-wording.js';
import { isInheritedName, own } from '../../core/own.js';
import type { Regulation } from '../../model/model.js';
import { populationFileSchema } from './population-schema.js';
import type { Band, PopulationSpec, Shares } from './population-spec.js';

let validate: ReturnType<ReturnType<typeof createAjv>['compile']> | undefined;

/** How far a group's shares may sum from 1 (rounding in a hand-written file). */
const SUM_TOLERANCE = 1e-6;

/** Is this path a population file of a project (path → text)? */
export function isPopulationFile(path: string): boolean {
  return /^rules\/population\/[^/]+\.ya?ml$/.test(path);
}

export interface PopulationCheck {
  spec?: PopulationSpec;
  problems: Problem[];
}

export function checkPopulation(file: string, text: string | Uint8Array, regulation?: Regulation): PopulationCheck {
  const source = parseSource(file, text);
  if (source.problems.length || source.data === undefined) return { problems: source.problems };
  validate ??= createAjv().compile(populationFileSchema);
  if (!validate(source.data)) {
    // an unknown key is shown at its own line, not its parent's
    return {
      problems: (validate.errors ?? []).flatMap((e) => schemaProblems([e], source).map((p) => (e.keyword === 'additionalProperties'
        ? { ...p, location: source.locate([...pathOf(e.instancePath), String((e.params as { additionalProperty: string }).additionalProperty)]) }
        : p))),
    };
  }
  const data = source.data as Record<string, Record<string, unknown>>;
  const problems: Problem[] = [];
  const at = (path: PathSegment[], code: string, message: string): void => {
    problems.push({ code: `population.${code}`, message: `${path.join('.')}：${message}`, location: source.locate(path) });
  };
  const shares = (path: PathSegment[]): Shares => {
    const group = pathValue(data, path) as Record<string, number>;
    const entries: Array<readonly [string, number]> = [];
    for (const key of Object.keys(group)) {
      if (isInheritedName(key)) {
        at([...path, key], 'reservedName', `${key} 与 JavaScript 对象的内置属性同名，不能用作名称`);
        continue;
      }
      entries.push([key, group[key]]);
    }
    sumsToOne(path, entries.map(([, s]) => s));
    return entries;
  };
  const sumsToOne = (path: PathSegment[], values: number[]): void => {
    const sum = values.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > SUM_TOLERANCE) at(path, 'shareSum', `各项比例之和应为 1，现为 ${Number(sum.toFixed(6))}`);
  };
  const bands = (path: PathSegment[]): Band[] => {
    const list = pathValue(data, path) as Band[];
    list.forEach((b, i) => {
      if (b.from > b.to) at([...path, i, 'from'], 'range', `区间的起点 ${b.from} 大于终点 ${b.to}`);
    });
    sumsToOne(path, list.map((b) => b.share));
    return list;
  };
  const range = (path: PathSegment[]) => {
    const r = pathValue(data, path) as { from: number; to: number };
    if (r.from > r.to) at([...path, 'from'], 'range', `区间的起点 ${r.from} 大于终点 ${r.to}`);
    return r;
  };
  const materials = (path: PathSegment[]): Shares => {
    const list = shares(path);
    const known = regulation?.vocabulary.lists.materials;
    if (known) for (const [code] of list) if (!own(known, code)) at([...path, code], 'unknownMaterial', `未知的材料代码 ${code}（见词汇清单 materials）`);
    return list;
  };
  const p = data as unknown as PopulationSpec & { population: { label: string; year: number; size: number; seed: number; permitsIssuedFrom: string } };
  const spec: PopulationSpec = {
    ...p.population,
    services: shares(['services']),
    ages: bands(['ages']),
    residence: { counties: shares(['residence', 'counties']), streetShare: p.residence.streetShare },
    origins: shares(['origins']),
    townships: p.townships,
    grounds: p.grounds,
    residenceDays: bands(['residenceDays']),
    registration: { unregistered: p.registration.unregistered, days: bands(['registration', 'days']) },
    contract: { ...p.contract, signedDays: range(['contract', 'signedDays']), reportedDays: bands(['contract', 'reportedDays']) },
    application: {
      ...p.application,
      photos: shares(['application', 'photos']),
      addressProofs: materials(['application', 'addressProofs']),
      employmentProofs: materials(['application', 'employmentProofs']),
      studyProofs: materials(['application', 'studyProofs']),
    },
    agents: { ...p.agents, relation: shares(['agents', 'relation']) },
    endorsement: { ...p.endorsement, timing: bands(['endorsement', 'timing']), yearsHeld: bands(['endorsement', 'yearsHeld']) },
    replacement: { ...p.replacement, reasons: shares(['replacement', 'reasons']), heldDays: range(['replacement', 'heldDays']) },
    addressChange: { ...p.addressChange, outsideCounties: shares(['addressChange', 'outsideCounties']), heldDays: range(['addressChange', 'heldDays']) },
    person: p.person,
    seizure: { ...p.seizure, by: shares(['seizure', 'by']) },
  };
  const years = pathValue(data, ['endorsement', 'yearsHeld']) as Band[];
  years.forEach((b, i) => {
    if (b.from < 1) at(['endorsement', 'yearsHeld', i, 'from'], 'range', '已持证年数至少为 1');
  });
  return problems.length ? { problems } : { spec, problems };
}

/** The file's own (validated) value at a path: every segment was required by the schema. */
function pathValue(data: unknown, path: PathSegment[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], data);
}

