// The engine's layers (docs/design.md, "Where things are"): each folder of engine/ imports only from
// its own layer or the ones below it, no two modules import each other even through others,
// and nothing in engine/ is specific to one regulation (the regulation lives in rules/).
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ENGINE = resolve(import.meta.dirname, '../engine');

/** Bottom first: a layer may import from itself and from those before it. */
export const LAYERS = ['core', 'model', 'evaluate', 'explain', 'project', 'register', 'accounts', 'server', 'cli'] as const;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (path === join(ENGINE, 'dist')) return []; // the build's output (npm run build), not source
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js)$/.test(name) ? [path] : [];
  });
}

/** Every relative module a file imports, `import type` and `import()` included, as engine-relative paths. */
export function importsOf(file: string, text = readFileSync(file, 'utf8')): string[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles
    .map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => relative(ENGINE, resolve(dirname(file), spec)).replace(/\.js$/, '.ts'));
}

export function layerOf(modulePath: string): number {
  return LAYERS.indexOf(modulePath.split('/')[0] as (typeof LAYERS)[number]);
}

/** Strongly connected components with more than one module, or a module importing itself (Tarjan). */
export function cyclesIn(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

const files = sourceFiles(ENGINE);
const graph = new Map(files.map((f) => [relative(ENGINE, f), importsOf(f).filter((m) => !m.startsWith('..'))]));

describe('engine layers', () => {
  it('puts every engine file in a layer folder', () => {
    expect([...graph.keys()].filter((m) => layerOf(m) < 0)).toEqual([]);
  });

  it('imports only from the same layer or one below', () => {
    const upward = [...graph].flatMap(([from, imports]) =>
      imports.filter((to) => layerOf(to) > layerOf(from)).map((to) => `${from} → ${to}`));
    expect(upward).toEqual([]);
  });

  it('has no import cycle between modules', () => {
    expect(cyclesIn(graph)).toEqual([]);
  });

  it('names nothing of one regulation', () => {
    // Qujing's words, and the national 《居住证暂行条例》's and Zhejiang's 《浙江省流动人口居住登记条例》's
    const words = /曲靖|居住证|签注|暂住|5303|permit(?!ted)|endorse|hukou|expiresOn|居住证暂行条例|浙江|流动人口居住登记|居住登记/i;
    const found = files.flatMap((f) => readFileSync(f, 'utf8').split('\n')
      .map((line, i) => (words.test(line) ? `${relative(ENGINE, f)}:${i + 1}: ${line.trim()}` : ''))
      .filter(Boolean));
    expect(found).toEqual([]);
  });
});

// The checks themselves must be able to fail.
describe('the layer checks', () => {
  it('see an upward import, a type-only import and a dynamic import', () => {
    const text = "import type { A } from '../explain/x.js';\nimport { b } from './y.js';\nconst c = import('../project/z.js');";
    const found = importsOf(join(ENGINE, 'evaluate/decider.ts'), text);
    expect(found).toEqual(['explain/x.ts', 'evaluate/y.ts', 'project/z.ts']);
    expect(found.filter((to) => layerOf(to) > layerOf('evaluate/decider.ts'))).toEqual(['explain/x.ts', 'project/z.ts']);
  });

  it('find a cycle through three modules and a module importing itself', () => {
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['d']], ['e', ['a']]]);
    expect(cyclesIn(g)).toEqual([['a', 'b', 'c'], ['d']]);
  });
});
