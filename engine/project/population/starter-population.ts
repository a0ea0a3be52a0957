// A first population file for a project that has none, written from its own case schema: each
// fact the schema lets a generator draw without knowing the project (a yes/no, one of a list,
// a whole number in bounds, a date, a map of listed codes) in even shares; the facts it cannot
// (free text, patterned codes, ID numbers, lists) named in a comment for the author to add.
// Its dates follow one another in the schema's order, none after the decision date.
import { casePaths } from '../../model/case/case-paths.js';
import { factSchema, type FactSchema } from './fact-schema.js';

type Schema = Record<string, unknown>;

const MAX_CODES = 100;

/** Even shares that sum to 1 (four decimals, the last takes the rest). */
function evenShares(values: unknown[]): string {
  const each = Math.floor(10_000 / values.length) / 10_000;
  const last = Number((1 - each * (values.length - 1)).toFixed(4));
  return `{ ${values.map((v, i) => `${JSON.stringify(String(v))}: ${i === values.length - 1 ? last : each}`).join(', ')} }`;
}

type Leaf = { kind: 'boolean' } | { kind: 'enum'; values: unknown[] } | { kind: 'date' } | { kind: 'number'; from: number; to: number } | { kind: 'codes'; codes: string[] };

function leafOf(fs: FactSchema): Leaf | 'object' | undefined {
  if (fs.type === 'boolean') return { kind: 'boolean' };
  if (fs.enum && fs.enum.length >= 1 && fs.enum.length <= MAX_CODES && fs.enum.every((v) => typeof v === 'string' || typeof v === 'number')) return { kind: 'enum', values: fs.enum };
  if (fs.date) return { kind: 'date' };
  if (fs.type === 'integer' || fs.type === 'number') {
    const from = Math.ceil(fs.minimum ?? 0);
    const to = Math.floor(Math.min(fs.maximum ?? from + 3, from + 3));
    return to >= from ? { kind: 'number', from, to } : undefined;
  }
  if (fs.keys && fs.values && (fs.values.type === 'integer' || fs.values.type === 'number')) {
    const codes = (fs.keys as { enum?: unknown }).enum;
    if (Array.isArray(codes) && codes.length && codes.every((c) => typeof c === 'string')) return { kind: 'codes', codes: (codes as string[]).slice(0, MAX_CODES) };
    return undefined;
  }
  if (fs.type === 'object' && !fs.keys) return 'object';
  return undefined;
}

export interface StarterOptions { label: string; year: number }

/** The text of a population file drawing what `caseSchema` allows, for `tiaoli population` and the studio. */
export function starterPopulation(caseSchema: Schema, options: StarterOptions): string {
  const paths = [...casePaths(caseSchema)];
  const kinds = new Map(paths.map((p) => {
    const fs = factSchema(caseSchema, p.split('.'));
    return [p, fs ? { fs, leaf: leafOf(fs) } : undefined] as const;
  }));
  // an object whose required fact cannot be drawn is left out whole (half of it would be refused)
  const drawable = (p: string): boolean => {
    const k = kinds.get(p);
    if (!k || k.leaf === undefined) return false;
    if (k.leaf !== 'object') return true;
    return (k.fs.required ?? []).every((r) => drawable(`${p}.${r}`));
  };
  /** the nearest enclosing object that cannot be drawn, or a map drawn whole (its codes are not steps) */
  const enclosing = (p: string): { path: string; map: boolean } | undefined => {
    const parts = p.split('.');
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('.');
      if ((kinds.get(parent)?.leaf as Leaf | undefined)?.kind === 'codes') return { path: parent, map: true };
      if (!drawable(parent)) return { path: parent, map: false };
    }
    return undefined;
  };
  const topRequired = ((caseSchema.properties as Schema | undefined)?.facts as Schema | undefined)?.required;
  const lines: string[] = [];
  const left: string[] = [];
  let previousDate: string | undefined;
  for (const p of paths) {
    const k = kinds.get(p);
    const outer = enclosing(p);
    if (outer?.map) continue;
    if (outer) {
      const required = kinds.get(outer.path)?.fs.required ?? [];
      const note = `${outer.path}（必填的 ${required.filter((r) => !drawable(`${outer.path}.${r}`)).join('、')} 无法自动抽取）`;
      if (!left.includes(note)) left.push(note);
      continue;
    }
    if (k?.leaf === 'object') continue;
    if (!k || k.leaf === undefined) {
      left.push(p);
      continue;
    }
    const leaf = k.leaf;
    switch (leaf.kind) {
      case 'boolean': lines.push(`  ${p}: { chance: 0.5 }`); break;
      case 'enum': lines.push(`  ${p}: { shares: ${evenShares(leaf.values)} }`); break;
      case 'number': lines.push(`  ${p}: { between: { from: ${leaf.from}, to: ${leaf.to} } }`); break;
      case 'date':
        lines.push(previousDate
          ? `  ${p}: { date: { fact: ${previousDate} }, plus: { days: { between: { from: 0, to: 400 } } }, atMost: { fact: asOf } }`
          : `  ${p}: { date: { fact: asOf }, minus: { days: { between: { from: 3650, to: 18250 } } } }`);
        previousDate = p;
        break;
      case 'codes':
        lines.push(`  ${p}:`, '    entries:', ...leaf.codes.map((c) => `      - { key: ${JSON.stringify(c)}, value: 1, probability: 0.5 }`));
        break;
    }
  }
  return [
    `# ${options.label}——这是一组假设，不是法规，也不是统计数据。`,
    '#',
    '# 由案件 Schema（rules/case.schema.yaml）写出的起始文件：每个能按 Schema 抽取的事实，各值的',
    '# 比例相同，日期按 Schema 中的顺序先后排列、不晚于决定日期。请按实际的窗口统计改写比例，',
    '# 用 when 写出事实之间的依赖（写法见 docs/population.md）。',
    ...(left.length ? ['#', '# 以下事实无法按 Schema 自动抽取（文字、代码格式、身份号码、清单等），需要时请补写：', ...left.map((p) => `#   ${p}`)] : []),
    ...(Array.isArray(topRequired) && topRequired.length ? [`# 案件 Schema 要求的事实：${topRequired.join('、')}`] : []),
    'population:',
    `  label: ${JSON.stringify(options.label)}`,
    `  years: [${options.year}]`,
    '  days: workdays',
    '  size: 20000',
    `  seed: ${options.year}`,
    '',
    'facts:',
    ...(lines.length ? lines : ['  draw.nothing: { value: true }']),
    '',
  ].join('\n');
}
