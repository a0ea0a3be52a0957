// Mutated copies of the real rule files (issue 7, item 11): lines deleted, duplicated,
// swapped or re-indented; scalars changed to other types; names replaced by names every
// object inherits; YAML anchors, aliases and merge keys; truncation; stray unicode. The
// loader never throws and every problem it reports is located (file, line ≥ 1, column ≥ 1);
// when it still returns a regulation, deciding real fixtures with it works or fails with
// an EvaluationError — never a TypeError.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadRegulationFiles, readRuleFiles, type LoadResult } from '../../engine/model/load-regulation.js';
import { Decider, EvaluationError } from '../../engine/explain/decider.js';
import { parseCase } from '../../engine/model/case/validate-case.js';
import { qujing, root, rulesDir } from '../support/regulation.js';

const RUNS = 1000;
const original = readRuleFiles(rulesDir);
const yamlFiles = [...original.keys()].filter((f) => /\.ya?ml$/.test(f)).sort();
/** the files with most to break are mutated most often */
const weighted = [
  ...yamlFiles.filter((f) => f.startsWith('articles/')).flatMap((f) => [f, f, f]),
  'regulation.yaml', 'regulation.yaml', 'regulation.yaml', 'case.schema.yaml',
  ...yamlFiles.filter((f) => f.startsWith('parameters/') || f.startsWith('interpretations/')),
];

/** two real fixtures, decided with every regulation a mutated copy still gives */
const someCases = ['test/cases/13-application/child-aged-10-through-guardian-issue-on-spot.yaml', 'test/cases/10-registration/arrival-friday-registered-exactly-on-deadline-on-time.yaml']
  .map((f) => parseCase(qujing().regulation, readFileSync(join(root, f), 'utf8'), f).case!);

const PROTO_NAMES = ['constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'];
const SCALARS = [
  '[]', '{}', 'null', '~', '0', '-1', '1.5', '1e309', '.nan', '.inf', 'true', 'false', '""', "''", '"x"', '[1, [2, [3]]]', '{ a: 1 }',
  '{ fact: __proto__ }', '{ fact: params.constructor }', '{ fact: derived.toString }', '{ param: constructor }',
  '2019-13-45', '0x1F', '!!binary aGVsbG8=', '!!str 5', '!!js/function "x"', '*nowhere', '|\n  block', '>-\n  folded', '? complex', '- item',
];
const ODD = ['\uFEFF', '\u0000', '\uD800', '\uDC00', '\u202E', '\r', '\r\n', '\t', '\u00A0', '\u2028', '𝒳', '\u0085', '\\', '"', "'", '#', ': ', '- ', '&', '*', '!', '%', '@', '`', '{', '}', '[', ']'];

type Mutation = (text: string) => string;
const lines = (text: string): string[] => text.split('\n');
const pick = <T,>(list: T[], n: number): T => list[n % list.length];

const lineMutation: fc.Arbitrary<Mutation> = fc
  .record({ kind: fc.constantFrom('delete', 'duplicate', 'swap', 'indent', 'dedent', 'tab'), a: fc.nat(), b: fc.nat(), n: fc.integer({ min: 1, max: 6 }) })
  .map(({ kind, a, b, n }) => (text) => {
    const ls = lines(text);
    const i = a % ls.length;
    const j = b % ls.length;
    if (kind === 'delete') ls.splice(i, Math.min(n, ls.length - i));
    if (kind === 'duplicate') ls.splice(j, 0, ...ls.slice(i, i + n));
    if (kind === 'swap') [ls[i], ls[j]] = [ls[j], ls[i]];
    if (kind === 'indent') ls[i] = ' '.repeat(n) + ls[i];
    if (kind === 'dedent') ls[i] = ls[i].replace(new RegExp(`^ {1,${n}}`), '');
    if (kind === 'tab') ls[i] = ls[i].replace(/^ +/, '\t');
    return ls.join('\n');
  });

/** the value after `key: ` on a line, replaced by a value of another type */
const scalarMutation: fc.Arbitrary<Mutation> = fc.record({ at: fc.nat(), to: fc.constantFrom(...SCALARS) }).map(({ at, to }) => (text) => {
  const spots = [...text.matchAll(/(?<=: )[^\s#][^\n#]*/g)];
  if (!spots.length) return text;
  const m = pick(spots, at);
  return text.slice(0, m.index) + to + text.slice(m.index! + m[0].length);
});

/** a name (a key, a fact, a code, one part of a dotted name) replaced by an inherited one */
const nameMutation: fc.Arbitrary<Mutation> = fc.record({ at: fc.nat(), name: fc.constantFrom(...PROTO_NAMES) }).map(({ at, name }) => (text) => {
  const spots = [...text.matchAll(/[A-Za-z_][A-Za-z0-9_-]*/g)];
  if (!spots.length) return text;
  const m = pick(spots, at);
  return text.slice(0, m.index) + name + text.slice(m.index! + m[0].length);
});

const aliasMutation: fc.Arbitrary<Mutation> = fc
  .record({ kind: fc.constantFrom('alias', 'merge', 'self', 'laughs', 'unknown'), a: fc.nat(), b: fc.nat(), depth: fc.integer({ min: 1, max: 12 }) })
  .map(({ kind, a, b, depth }) => (text) => {
    const ls = lines(text);
    const keyed = ls.map((l, i) => [l, i] as const).filter(([l]) => /^\s*[^\s#][^:]*:( |$)/.test(l));
    if (!keyed.length) return text;
    const [la, ia] = pick(keyed, a);
    const [lb, ib] = pick(keyed, b);
    const indent = (l: string): string => /^\s*/.exec(l)![0];
    if (kind === 'alias') {
      ls[ia] = la.replace(/:( |$)/, ': &x1$1');
      ls[ib] = lb.replace(/:( .*)?$/, ': *x1');
    } else if (kind === 'merge') {
      ls[ia] = la.replace(/:( |$)/, ': &x1$1');
      ls.splice(ib + 1, 0, `${indent(lb)}  <<: *x1`);
    } else if (kind === 'self') {
      ls[ia] = la.replace(/:( .*)?$/, ': &x1 [*x1]');
    } else if (kind === 'laughs') {
      // a billion laughs, `depth` levels deep, under a new key
      const rows = [`l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]`];
      for (let d = 1; d < depth; d++) rows.push(`l${d}: &l${d} [${Array(9).fill(`*l${d - 1}`).join(', ')}]`);
      ls.push(...rows);
    } else {
      ls[ib] = lb.replace(/:( .*)?$/, ': *undefinedAnchor');
    }
    return ls.join('\n');
  });

const truncation: fc.Arbitrary<Mutation> = fc.nat().map((at) => (text) => text.slice(0, at % (text.length + 1)));

const unicodeMutation: fc.Arbitrary<Mutation> = fc
  .record({ at: fc.nat(), s: fc.oneof(fc.constantFrom(...ODD), fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 })) })
  .map(({ at, s }) => (text) => {
    const i = at % (text.length + 1);
    return text.slice(0, i) + s + text.slice(i);
  });

const mutation = fc.oneof(
  { arbitrary: lineMutation, weight: 4 },
  { arbitrary: scalarMutation, weight: 4 },
  { arbitrary: nameMutation, weight: 4 },
  { arbitrary: aliasMutation, weight: 2 },
  { arbitrary: truncation, weight: 1 },
  { arbitrary: unicodeMutation, weight: 2 },
);

/** One mutated copy: one or two files, each with one to four mutations. */
const mutatedCopy = fc.array(fc.record({ file: fc.constantFrom(...weighted), mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }) }), { minLength: 1, maxLength: 2 })
  .map((edits) => {
    const files = new Map(original);
    for (const { file, mutations } of edits) files.set(file, mutations.reduce((text, m) => m(text), files.get(file)!));
    // a failure shows the lines that changed, not every file
    const shown = (): string => [...new Set(edits.map((e) => e.file))].map((file) => `${file}:\n${changedLines(original.get(file)!, files.get(file)!)}`).join('\n');
    return { files, [fc.toStringMethod]: shown };
  });

/** The lines of `after` not in `before` (at most 20), with their numbers. */
function changedLines(before: string, after: string): string {
  const old = new Set(before.split('\n'));
  const out = after.split('\n').map((l, i) => [l, i + 1] as const).filter(([l]) => !old.has(l)).slice(0, 20);
  return out.map(([l, n]) => `  ${n}: ${JSON.stringify(l)}`).join('\n') || `  (lines only removed or moved; ${after.length} of ${before.length} characters)`;
}

const tally = { copies: 0, withProblems: 0, regulations: 0, decided: 0, refused: 0 };

function expectLocated(result: LoadResult): void {
  for (const p of result.problems) {
    expect(typeof p.code, JSON.stringify(p)).toBe('string');
    expect(p.message, JSON.stringify(p)).toBeTruthy();
    expect(p.location.file, JSON.stringify(p)).toMatch(/^rules\/./);
    expect(Number.isInteger(p.location.line) && p.location.line >= 1, JSON.stringify(p)).toBe(true);
    expect(Number.isInteger(p.location.column) && p.location.column >= 1, JSON.stringify(p)).toBe(true);
    // the loader's last resort: reached only by a fault in tiaoli, which this suite must see
    expect(p.code, JSON.stringify(p)).not.toBe('load.failed');
  }
}

describe('mutated copies of the real rule files', () => {
  it('the real rules load clean (so every problem below comes from a mutation)', () => {
    expect(loadRegulationFiles(rulesDir, original).problems).toEqual([]);
    expect(someCases.length).toBe(2);
  });

  it('two loads of the same files share nothing: changing one regulation leaves the next load as it was', () => {
    const first = loadRegulationFiles(rulesDir, original).regulation!;
    const second = loadRegulationFiles(rulesDir, original).regulation!;
    const snapshot = JSON.stringify(second);
    for (const i of Object.values(first.interpretations)) i.alternatives.push({ reading: 'changed' });
    (first.caseSchema as { title?: string }).title = 'changed';
    for (const r of first.rules) (r.when as Record<string, unknown>).changed = true;
    for (const p of Object.values(first.parameters)) p.values.length = 0;
    expect(JSON.stringify(loadRegulationFiles(rulesDir, original).regulation)).toBe(snapshot);
    expect(JSON.stringify(second)).toBe(snapshot);
  });

  it('an alias bomb, an alias inside what it names and deep nesting are each a problem on their file', () => {
    const laughs = ['l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...Array.from({ length: 9 }, (_, d) => `l${d + 1}: &l${d + 1} [${Array(9).fill(`*l${d}`).join(', ')}]`)];
    const cases: Array<[string, string]> = [
      ['interpretations/agents.yaml', `${original.get('interpretations/agents.yaml')}\n${laughs.join('\n')}\n`],
      ['parameters/fees.yaml', `${original.get('parameters/fees.yaml')}\nloop: &x [*x]\n`],
      ['parameters/agent.yaml', `deep: ${'['.repeat(200)}${']'.repeat(200)}\n`],
    ];
    for (const [file, text] of cases) {
      const result = loadRegulationFiles(rulesDir, new Map([...original, [file, text]]));
      expectLocated(result);
      expect(result.problems.length, file).toBeGreaterThan(0);
      // the file's own problem; what then goes missing (a parameter, an interpretation) is reported where it is used
      expect(result.problems.some((p) => p.location.file === `rules/${file}` && /^(yaml\.|load\.unreadable)/.test(p.code)), JSON.stringify(result.problems)).toBe(true);
    }
  });

  it(`${RUNS} copies: the loader never throws, every problem is located, deciding works or is an EvaluationError`, async () => {
    await fc.assert(
      fc.asyncProperty(mutatedCopy, async ({ files }) => {
        tally.copies += 1;
        let result: LoadResult | undefined;
        expect(() => { result = loadRegulationFiles(rulesDir, files); }).not.toThrow();
        expectLocated(result!);
        if (result!.problems.length) tally.withProblems += 1;
        const regulation = result!.regulation;
        if (!regulation) return;
        tally.regulations += 1;
        let decider: Decider | undefined;
        expect(() => { decider = new Decider(regulation); }).not.toThrow();
        for (const input of someCases) {
          try {
            await decider!.decide(input);
            tally.decided += 1;
          } catch (e) {
            expect(e, (e as Error).stack).toBeInstanceOf(EvaluationError);
            tally.refused += 1;
          }
        }
      }),
      { numRuns: RUNS },
    );
    expect(tally.copies).toBeGreaterThanOrEqual(RUNS);
    // the mutations do break things, and many copies still load far enough to decide
    expect(tally.withProblems).toBeGreaterThan(RUNS / 2);
    expect(tally.regulations).toBeGreaterThan(RUNS / 4);
    console.log(`rule-file fuzz: ${JSON.stringify(tally)}`);
  }, 600_000);
});
