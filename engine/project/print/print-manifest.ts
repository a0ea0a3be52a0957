// forms/prints/prints.yaml: which pages there are, each a label and a template beside it.
// Read into a Map, checked at file:line:column; it never throws, whatever the file holds.
import { parseSource, type Problem } from '../../core/source-file.js';
import { FORBIDDEN_SEGMENTS } from './check-template.js';

export interface PrintKind { label: string; template: string }

export interface PrintManifest {
  kinds: Map<string, PrintKind>;
  problems: Problem[];
}

const KIND = /^[A-Za-z][A-Za-z0-9_-]*$/;
const TEMPLATE = /^[A-Za-z0-9_-]+\.hbs$/;

/** `has(template)`: whether that template file exists (a missing one is reported at its line). */
export function readPrintManifest(text: string, file: string, has?: (template: string) => boolean): PrintManifest {
  const kinds = new Map<string, PrintKind>();
  const problems: Problem[] = [];
  let source;
  try {
    source = parseSource(file, text);
  } catch (e) {
    return { kinds, problems: [{ code: 'print.manifest', message: `无法读取打印件清单：${(e as Error).message}`, location: { file, line: 1, column: 1 } }] };
  }
  if (source.problems.length) return { kinds, problems: source.problems };
  const data = source.data;
  const problem = (path: Array<string>, message: string): void => {
    problems.push({ code: 'print.manifest', message, location: source.locate(path) });
  };
  if (data === null || data === undefined) return { kinds, problems };
  if (typeof data !== 'object' || Array.isArray(data)) {
    problem([], '打印件清单应是 名称: { label, template } 的映射');
    return { kinds, problems };
  }
  for (const kind of Object.keys(data)) {
    const spec = Object.getOwnPropertyDescriptor(data, kind)?.value as unknown;
    if (!KIND.test(kind) || FORBIDDEN_SEGMENTS.has(kind)) {
      // at the name itself, not at what it names
      const line = text.split('\n').findIndex((l) => [kind, `"${kind}"`, `'${kind}'`].some((k) => l.startsWith(`${k}:`)));
      if (line >= 0) {
        problems.push({ code: 'print.manifest', message: `打印件名称 ${kind} 不可用：只用字母、数字、-、_，且不能是 ${kind} 这类内置名`, location: { file, line: line + 1, column: 1 } });
        continue;
      }
      problem([kind], `打印件名称 ${kind} 不可用：只用字母、数字、-、_，且不能是 ${kind} 这类内置名`);
      continue;
    }
    if (!spec || typeof spec !== 'object' || Array.isArray(spec)) {
      problem([kind], `打印件 ${kind} 应有 label 和 template`);
      continue;
    }
    const { label, template } = spec as { label?: unknown; template?: unknown };
    const extra = Object.keys(spec).filter((k) => k !== 'label' && k !== 'template');
    if (extra.length) problem([kind, extra[0]], `打印件 ${kind} 不认识 ${extra.join('、')}（只有 label、template）`);
    if (typeof label !== 'string' || !label.trim()) problem([kind, 'label'], `打印件 ${kind} 缺少 label（中文名称）`);
    if (typeof template !== 'string' || !TEMPLATE.test(template)) {
      problem([kind, 'template'], `打印件 ${kind} 的 template 应是本目录里的 .hbs 文件名`);
      continue;
    }
    if (has && !has(template)) problem([kind, 'template'], `找不到打印模板 ${template}`);
    kinds.set(kind, { label: typeof label === 'string' ? label : kind, template });
  }
  return { kinds, problems };
}
