// Requirements, declared once in an article file's `requirements:` section, become what
// the engine runs and shows: for each requirement a counting fact (how many of the codes
// that satisfy it were handed in) and a rule adding its code to the service's missing list
// when too few were — with the service's guard (`when`) written once for all of them.
// Forms, the case schema and notices read the same declarations (regulation.requirements).
//
//   requirements:
//     SERVICE:                      # a decision
//       handedIn: FACT              # case fact: code → how many handed in
//       missing: SERVICE.FIELD      # the list each unmet requirement's code is added to
//       codes: LIST                 # the vocabulary list the codes are from
//       when: CONDITION             # when the service is asked for (the shared guard)
//       interpretations: [ID…]
//       needs:
//         CODE: { label, article, articles?, satisfiedBy: [code | {param}], count?, unit?, when?,
//                 alternatives?: [{ satisfiedBy, when, note }] }   # other codes, when a condition holds
import type { DerivedFactSpec, Regulation, Requirement, RuleSpec, ServiceRequirements } from './model.js';
import type { PathSegment, Problem, SourceFile } from '../core/source-file.js';
import { own, isInheritedName } from '../core/own.js';

type Json = Record<string, any>;

/** A requirements section as read, with the file it is in. */
export interface RequirementsSection {
  data: Record<string, Json>;
  source: SourceFile;
}

/** The function counting handed-in items whose code is in a list (engine/derived/functions/lists.ts). */
const COUNT_FUNCTION = 'countMaterials';

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^-/, '');
const upperFirst = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

/** The conditions of a `when` as a list, to be joined under one `all`. */
function conditionsOf(when: unknown): unknown[] {
  if (when === undefined) return [];
  const w = when as Json;
  if (Object.keys(w).length === 1 && Array.isArray(w.all)) return w.all;
  return [when];
}

/** Where in the file each of conditionsOf(when)'s conditions is written (`at`: the path of the `when`). */
function conditionPaths(when: unknown, at: PathSegment[]): PathSegment[][] {
  if (when === undefined) return [];
  const w = when as Json;
  if (Object.keys(w).length === 1 && Array.isArray(w.all)) return w.all.map((_: unknown, i: number) => [...at, 'all', i]);
  return [at];
}

export function countFactName(service: string, code: string): string {
  return `${service}${upperFirst(code)}HandedIn`;
}

export function ruleIdOf(service: string, code: string): string {
  return `${kebab(service)}-missing-${kebab(code)}`;
}

export interface ExpandedRequirements {
  services: Record<string, ServiceRequirements>;
  derived: DerivedFactSpec[];
  rules: RuleSpec[];
}

/** Requirement code → its name (the first declared), for traces and notices. */
export function requirementNames(services: Record<string, ServiceRequirements>): Record<string, string> {
  const names: Record<string, string> = {};
  for (const s of Object.values(services)) for (const r of s.requirements) if (!Object.hasOwn(names, r.code)) names[r.code] = r.label;
  return names;
}

/** Services, their counting facts and missing-item rules, from every requirements section. */
export function expandRequirements(sections: RequirementsSection[], decisionLabel: (name: string) => string | undefined, problems: Problem[]): ExpandedRequirements {
  const out: ExpandedRequirements = { services: {}, derived: [], rules: [] };
  for (const { data, source } of sections) {
    for (const [service, spec] of Object.entries(data)) {
      const servicePath: PathSegment[] = ['requirements', service];
      if (isInheritedName(service)) {
        problems.push({ code: 'load.reservedName', message: `事项 ${service} 与 JavaScript 对象的内置属性同名，不能用作名称`, location: source.locate(servicePath) });
        continue;
      }
      if (own(out.services, service)) {
        problems.push({ code: 'requirement.duplicateService', message: `事项 ${service} 的材料要求重复声明；一个事项的要求写在一处`, location: source.locate(servicePath) });
        continue;
      }
      const label = decisionLabel(service);
      if (label === undefined) {
        problems.push({ code: 'requirement.unknownService', message: `事项 ${service} 不是 regulation.yaml 中的决定`, location: source.locate(servicePath) });
        continue;
      }
      const requirements: Requirement[] = [];
      const guard = conditionsOf(spec.when);
      for (const [code, need] of Object.entries(spec.needs as Record<string, Json>)) {
        const origin: PathSegment[] = [...servicePath, 'needs', code];
        if (isInheritedName(code)) {
          problems.push({ code: 'load.reservedName', message: `要求 ${code} 与 JavaScript 对象的内置属性同名，不能用作名称`, location: source.locate(origin) });
          continue;
        }
        const location = source.locate(origin);
        const articles: string[] = need.articles ?? [need.article];
        const count = need.count ?? 1;
        const alternatives = (need.alternatives ?? []) as Requirement['alternatives'];
        requirements.push({
          service, code, label: need.label, article: need.article, articles, satisfiedBy: need.satisfiedBy, count, alternatives,
          unit: need.unit, when: need.when, file: source.file, location,
        });
        const countFact = (name: string, label: string, satisfiedBy: Requirement['satisfiedBy']): void => {
          out.derived.push({
            name,
            label,
            function: COUNT_FUNCTION,
            args: { materials: { fact: spec.handedIn }, codes: satisfiedBy.map((s) => (typeof s === 'string' ? s : { fact: `params.${s.param}` })) },
            articles,
            interpretations: [],
            file: source.file,
            location,
            origin,
          });
        };
        const fact = countFactName(service, code);
        countFact(fact, `已交${need.label}${need.unit ?? '件'}数`, need.satisfiedBy);
        const needed = typeof count === 'number' ? count : { fact: `params.${count.param}` };
        // an alternative, where its condition holds and enough of it was handed in, meets the requirement
        const unmetAlternatives = alternatives.map((alt, k) => {
          const altFact = `${fact}Alternative${k + 1}`;
          countFact(altFact, `已交${alt.note}可代替${need.label}的材料件数`, alt.satisfiedBy);
          return { not: { all: [...conditionsOf(alt.when), { fact: `derived.${altFact}`, operator: 'greaterThanInclusive', value: needed }] } };
        });
        // each condition of the rule → where it is written, so that a problem in one is reported at its own line
        const sources: Array<[PathSegment[], PathSegment[]]> = [];
        const whenAt = (k: number): PathSegment[] => ['when', 'all', k];
        let k = 0;
        for (const path of conditionPaths(spec.when, [...servicePath, 'when'])) sources.push([whenAt(k++), path]);
        for (const path of conditionPaths(need.when, [...origin, 'when'])) sources.push([whenAt(k++), path]);
        sources.push([whenAt(k++), origin]);
        alternatives.forEach((alt, a) => {
          const inner = conditionPaths(alt.when, [...origin, 'alternatives', a, 'when']);
          inner.forEach((path, m) => sources.push([[...whenAt(k), 'not', 'all', m], path]));
          sources.push([[...whenAt(k), 'not', 'all', inner.length], [...origin, 'alternatives', a]]);
          k++;
        });
        out.rules.push({
          sources,
          id: ruleIdOf(service, code),
          name: `${label}：未交足${need.label}`,
          articles,
          interpretations: spec.interpretations ?? [],
          overrides: [],
          when: {
            all: [
              ...guard,
              ...conditionsOf(need.when),
              { fact: `derived.${fact}`, operator: 'lessThan', value: needed },
              ...unmetAlternatives,
            ],
          },
          set: {},
          add: { [spec.missing]: code },
          file: source.file,
          location,
          origin,
        });
      }
      out.services[service] = { name: service, handedIn: spec.handedIn, missing: spec.missing, codes: spec.codes, requirements };
    }
  }
  return out;
}

/**
 * What lint checks beyond the rules and facts the requirements became (whose facts,
 * parameters and articles check-references.ts checks): the list exists, literal codes are
 * in it, parameters name codes of the same list, and one code has one name across services.
 */
export function checkRequirements(regulation: Regulation, sourceOf: (file: string) => SourceFile | undefined): Problem[] {
  const problems: Problem[] = [];
  const names = new Map<string, string>();
  for (const service of Object.values(regulation.requirements)) {
    const list = own(regulation.vocabulary.lists, service.codes);
    for (const r of service.requirements) {
      const at = (path: PathSegment[]) => sourceOf(r.file)?.locate(['requirements', r.service, ...path]) ?? r.location;
      if (!list) {
        problems.push({ code: 'vocabulary.unknownList', message: `词汇清单 ${service.codes} 未定义（regulation.yaml vocabulary.lists）`, location: at(['codes']) });
        break;
      }
      const named = names.get(r.code);
      if (named !== undefined && named !== r.label) {
        problems.push({ code: 'requirement.conflictingLabel', message: `要求 ${r.code} 在别的事项中名为“${named}”，此处为“${r.label}”；同一代码应同一名称`, location: at(['needs', r.code, 'label']) });
      }
      names.set(r.code, named ?? r.label);
      const entries = [
        ...r.satisfiedBy.map((s, i) => ({ s, path: ['satisfiedBy', i] })),
        ...r.alternatives.flatMap((alt, k) => alt.satisfiedBy.map((s, i) => ({ s, path: ['alternatives', k, 'satisfiedBy', i] }))),
      ];
      entries.forEach(({ s, path }) => {
        const where = () => at(['needs', r.code, ...path]);
        if (typeof s === 'string') {
          if (!own(list, s)) problems.push({ code: 'vocabulary.unknownCode', message: `${s} 不是词汇清单 ${service.codes} 的代码`, location: where() });
          return;
        }
        // an unknown parameter is reported once, with the counting fact it became (check-references.ts)
        const p = own(regulation.parameters, s.param);
        if (p && p.codes !== service.codes) problems.push({ code: 'requirement.paramNotCodes', message: `参数 ${s.param} 应写 codes: ${service.codes}（其值为该清单的代码）`, location: where() });
      });
    }
  }
  return problems;
}
