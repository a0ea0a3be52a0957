// `tiaoli lint` for print templates: each parses, and prints.yaml names files that exist.
import Handlebars from 'handlebars';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import type { Problem } from '../load/source-file.js';

export function checkPrints(formsDir: string): Problem[] {
  const dir = join(formsDir, 'prints');
  const show = (f: string): string => relative(process.cwd(), join(dir, f));
  if (!existsSync(join(dir, 'prints.yaml'))) return [];
  const problems: Problem[] = [];
  const kinds = parse(readFileSync(join(dir, 'prints.yaml'), 'utf8')) as Record<string, { template?: string }>;
  for (const file of ['layout.hbs', ...Object.values(kinds).map((k) => String(k.template))]) {
    if (!existsSync(join(dir, file))) {
      problems.push({ code: 'print.noTemplate', message: `找不到打印模板 ${file}`, location: { file: show('prints.yaml'), line: 1, column: 1 } });
      continue;
    }
    try {
      Handlebars.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (e) {
      const line = Number(/line (\d+)/.exec((e as Error).message)?.[1] ?? 1);
      problems.push({ code: 'print.syntax', message: `打印模板语法错误：${(e as Error).message.split('\n')[0]}`, location: { file: show(file), line, column: 1 } });
    }
  }
  return problems;
}
