// The compiled rules run as generated JavaScript (engine/evaluate/compiled/generate-rules.ts):
// no text from any file may be in that source. Every string of the project — every scalar and
// key of every YAML file under rules/, forms/, projects/ and test/cases, and every string of
// the loaded regulations — is searched for in the source of every regulation and reading; a
// source with one of them spliced in (as a careless generator would write a compared value)
// is caught, by the search and by the generator's own check.
import { describe, expect, it, vi } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, visit } from 'yaml';
import { loadRegulationOrThrow } from '../../engine/model/load-regulation.js';
import { Decider } from '../../engine/explain/decider.js';
import { checkGeneratedSource } from '../../engine/evaluate/compiled/generate-rules.js';
import { executableInterpretations } from '../../engine/model/readings.js';
import type { Regulation } from '../../engine/model/model.js';
import { root } from '../support/regulation.js';
import { generateCases } from '../bench/generate-cases.js';
import { checkCase } from '../../engine/model/case/validate-case.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/** Every string written in the project's YAML: scalars and keys, as the YAML reads them and as written. */
function projectStrings(): Set<string> {
  const strings = new Set<string>();
  for (const file of ['rules', 'forms', 'projects', join('test', 'cases')].flatMap((d) => yamlFiles(join(root, d)))) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      visit(doc, {
        Scalar(_key, node) {
          if (typeof node.value === 'string') strings.add(node.value);
          if (node.source !== undefined) strings.add(String(node.source));
        },
      });
    }
  }
  return strings;
}

/** Every string in a loaded regulation (fact names made from the YAML, paths, labels…), keys included. */
function regulationStrings(value: unknown, into: Set<string>, seen = new Set<unknown>()): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (value !== null && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    for (const [key, inner] of Object.entries(value)) {
      into.add(key);
      regulationStrings(inner, into, seen);
    }
  }
  return into;
}

/** A string made only of the generator's own words and numbers (`asOf`, `12`, `run`): it says nothing of a rule. */
function generatorsOwn(s: string): boolean {
  try {
    checkGeneratedSource(s);
    return true;
  } catch {
    return false;
  }
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The project's strings found in a generated source: any of them written as a string literal,
 * and any that is not the generator's own vocabulary found standing alone (not inside a longer name).
 */
function projectStringsIn(source: string, strings: Iterable<string>): string[] {
  const found: string[] = [];
  for (const s of strings) {
    if (s === '') continue;
    if (source.includes(JSON.stringify(s)) || source.includes(`'${s}'`) || source.includes(`\`${s}\``)) {
      found.push(s);
      continue;
    }
    if (generatorsOwn(s) || !source.includes(s)) continue;
    const before = /^[A-Za-z0-9_$]/.test(s) ? '(?<![A-Za-z0-9_$])' : '';
    const after = /[A-Za-z0-9_$]$/.test(s) ? '(?![A-Za-z0-9_$])' : '';
    if (new RegExp(`${before}${escape(s)}${after}`).test(source)) found.push(s);
  }
  return found;
}

const regulations: Array<[string, Regulation]> = [
  ['rules', loadRegulationOrThrow(join(root, 'rules'))],
  ...readdirSync(join(root, 'projects')).map((p) => [`projects/${p}`, loadRegulationOrThrow(join(root, 'projects', p, 'rules'))] as [string, Regulation]),
];
const strings = projectStrings();
for (const [, regulation] of regulations) regulationStrings(regulation, strings);

/** Each regulation's decider under its default readings and under every other alternative of each interpretation. */
function deciders(regulation: Regulation): Decider[] {
  const base = new Decider(regulation);
  return [base, ...executableInterpretations(regulation).flatMap((i) => i.ids.map((id) => base.under({ ...base.readings, [i.spec.id]: id })))];
}

describe('generated rules hold no text from any file', () => {
  it('the project has many strings to look for, rule ids, compared values and fact names among them', () => {
    expect(strings.size).toBeGreaterThan(5_000);
    const qujing = regulations[0][1];
    for (const rule of qujing.rules.slice(0, 5)) expect(strings.has(rule.id)).toBe(true);
    expect(strings.has('issueOnSpot')).toBe(true);
  });

  for (const [name, regulation] of regulations) {
    it(`${name}: no string of the project is in the source of any reading`, () => {
      for (const decider of deciders(regulation)) {
        const generated = decider.compiled!.generated!;
        expect(decider.compiled!.whyClosures).toBeUndefined();
        expect(generated.source.length).toBeGreaterThan(1_000);
        expect(projectStringsIn(generated.source, strings)).toEqual([]);
        // the values stay data, in the constants the source is given
        expect(generated.constants.some((c) => typeof c === 'string' && strings.has(c))).toBe(true);
      }
    });
  }

  it('a rule’s compared value spliced into the source is caught, by the search and by the generator’s check', () => {
    const { source, constants } = new Decider(regulations[0][1]).compiled!.generated!;
    // as a careless generator would write it: the constant's text in place of its index
    const at = constants.findIndex((c, i) => typeof c === 'string' && strings.has(c) && source.includes(`k[${i}];`));
    expect(at).toBeGreaterThan(1);
    const value = constants[at] as string;
    const spliced = source.replace(`k[${at}];`, `${JSON.stringify(value)};`);
    expect(spliced).not.toBe(source);
    expect(projectStringsIn(spliced, strings)).toEqual([value]);
    expect(() => checkGeneratedSource(spliced)).toThrow(/outside its vocabulary/);
    // a name of the rules written as a name of the source is caught as well
    const rule = regulations[0][1].rules.find((r) => /^[a-z]+(-[a-z]+)+$/.test(r.id))!;
    const asName = rule.id.split('-').join('_');
    strings.add(asName);
    expect(projectStringsIn(source.replace('function c0(', `function ${asName}(`), [asName])).toEqual([asName]);
    expect(() => checkGeneratedSource(source.replace('function c0(', `function ${asName}(`))).toThrow(/name outside its vocabulary/);
  });

  it('where new Function is refused, the closures decide, alike, and say why', async () => {
    // rules whose source no decider has made yet (a source made once is kept and shared):
    // one more rule, that never fires
    const qujing = regulations[0][1];
    const never = { fact: 'asOf', operator: 'equal', value: '1900-01-01' };
    const regulation = { ...qujing, rules: [...qujing.rules, { ...qujing.rules[0], id: 'never-fires', overrides: [], set: {}, add: {}, when: { all: [never, { not: never }, { any: [never] }] } }] };
    vi.stubGlobal('Function', function refused() {
      throw new EvalError('Refused to evaluate a string as JavaScript');
    });
    let closures: Decider;
    try {
      closures = new Decider(regulation);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(closures.compiled!.generated).toBeUndefined();
    expect(closures.compiled!.whyClosures).toMatch(/Refused/);
    expect(new Decider(regulation, { generated: false }).compiled!.generated).toBeUndefined();
    const generated = new Decider(regulation);
    expect(generated.compiled!.generated).toBeDefined();
    let compared = 0;
    for (const c of generateCases(120, 5)) {
      const input = checkCase(regulation, c).case;
      if (!input) continue;
      const [a, b] = await Promise.all([generated, closures].map((d) => d.decide(input).then((x) => JSON.stringify(x), (e: Error) => `error ${e.message}`)));
      expect(a).toBe(b);
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });
});
