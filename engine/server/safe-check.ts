// The project check (checkProject) that never throws: a file whose parsing throws (an alias
// bomb, nesting deep enough to overflow the stack) is set aside with its problem and the
// rest of the project is checked without it.
import { checkProject, type ProjectCheck } from '../project/check-project.js';
import { parseSource, type Problem } from '../core/source-file.js';

const at = (file: string, code: string, message: string): Problem => ({ code, message, location: { file, line: 1, column: 1 } });

function reason(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 300);
}

/** At most `limit` problems per file, then one saying how many more: a broken file cannot flood an answer. */
export function capPerFile(problems: Problem[], limit = 50): Problem[] {
  const counts = new Map<string, number>();
  const out: Problem[] = [];
  for (const p of problems) {
    const n = (counts.get(p.location.file) ?? 0) + 1;
    counts.set(p.location.file, n);
    if (n <= limit) out.push(p);
  }
  for (const [file, n] of counts) if (n > limit) out.push(at(file, 'file.moreProblems', `此文件还有 ${n - limit} 个问题未列出`));
  return out;
}

export function checkProjectSafely(files: Map<string, string>, today: string): ProjectCheck {
  const check = checkUncapped(files, today);
  return { regulation: check.regulation, forms: check.forms, offices: check.offices, warnings: check.warnings, problems: capPerFile([...check.problems, ...unparsedProblems(files, check.problems)]) };
}

/**
 * YAML problems of the files the check did not read (a stray file beside the forms, say):
 * every file in the project is shown with its problem, whether or not anything uses it.
 */
function unparsedProblems(files: Map<string, string>, known: Problem[]): Problem[] {
  const named = new Set(known.map((p) => p.location.file));
  const out: Problem[] = [];
  for (const [path, text] of files) {
    if (!/\.ya?ml$/.test(path) || named.has(path)) continue;
    try {
      out.push(...parseSource(path, text).problems);
    } catch (e) {
      out.push(at(path, 'file.unreadable', `无法读取此文件：${reason(e)}`));
    }
  }
  return out;
}

function checkUncapped(files: Map<string, string>, today: string): ProjectCheck {
  try {
    return checkProject(Object.fromEntries(files), today);
  } catch (first) {
    const problems: Problem[] = [];
    const kept = new Map<string, string>();
    for (const [path, text] of files) {
      if (/\.ya?ml$/.test(path)) {
        try {
          parseSource(path, text);
        } catch (e) {
          problems.push(at(path, 'file.unreadable', `无法读取此文件：${reason(e)}`));
          continue;
        }
      }
      kept.set(path, text);
    }
    try {
      const check = checkProject(Object.fromEntries(kept), today);
      return { regulation: check.regulation, problems: [...problems, ...check.problems] };
    } catch (e) {
      return { problems: [...problems, at('rules', 'project.checkFailed', `检查项目时出错：${reason(problems.length ? e : first)}`)] };
    }
  }
}
