// `tiaoli new DIR`: a minimal project that passes `tiaoli lint` and `tiaoli test` — a
// regulation of two articles, one rule, one derived fact, two parameters, one interpretation
// with executable alternatives, one counter form and three fixtures — to be replaced by the regulation one
// encodes (docs/guide.md). The files are data in engine/cli/new-project/, copied as they are:
// nothing in them is filled in or run. A folder that is not empty is refused, and no file
// is ever overwritten (each is created with the `wx` flag). The project has a forms/ of its
// own so that `tiaoli lint` run inside it checks its forms, not the package's (rules-dir.ts).
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The skeleton's folder: the same from the sources (engine/cli/) and from the build (engine/dist/). */
export const SKELETON_DIR = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'engine', 'cli', 'new-project');

/** Every regular file of the skeleton, as paths relative to it (sorted; links are not followed). */
export function skeletonFiles(dir = SKELETON_DIR, under = ''): string[] {
  return readdirSync(join(dir, under)).sort().flatMap((name) => {
    const path = under ? `${under}/${name}` : name;
    const stat = lstatSync(join(dir, path));
    if (stat.isDirectory()) return skeletonFiles(dir, path);
    return stat.isFile() ? [path] : [];
  });
}

/**
 * Why `dir` cannot take a new project (in Chinese), or undefined when it can. The folder is
 * looked at where the files would go (`a/missing/../b` is `a/b`), not as the text says it.
 */
export function newProjectProblem(dir: string): string | undefined {
  if (dir.trim() === '') return '目录不能为空：tiaoli new 后面要给一个目录，如 tiaoli new my-regulation';
  const target = resolve(dir);
  if (!existsSync(target)) return undefined;
  if (!statSync(target).isDirectory()) return `${dir} 已存在，且不是目录：tiaoli new 只在新目录或空目录中创建项目`;
  const entries = readdirSync(target);
  if (entries.length) {
    const shown = entries.slice(0, 5).join('、') + (entries.length > 5 ? ` 等 ${entries.length} 项` : '');
    return `${dir} 不是空目录（已有 ${shown}）：tiaoli new 只在新目录或空目录中创建项目，不覆盖任何文件`;
  }
  return undefined;
}

export function newCommand(dir: string): number {
  const problem = newProjectProblem(dir);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    return 1;
  }
  const target = resolve(dir);
  const files = skeletonFiles();
  try {
    mkdirSync(target, { recursive: true });
    for (const file of files) {
      mkdirSync(dirname(join(target, file)), { recursive: true });
      // 'wx': fails rather than overwrite a file that appeared meanwhile
      writeFileSync(join(target, file), readFileSync(join(SKELETON_DIR, file)), { flag: 'wx' });
    }
  } catch (e) {
    process.stderr.write(`无法在 ${dir} 中创建项目：${(e as Error).message.split('\n')[0]}（已有的文件没有改动）\n`);
    return 1;
  }
  const inside = relative(process.cwd(), target);
  const shown = inside === '' ? '.' : inside.startsWith('..') || isAbsolute(inside) ? target : inside;
  process.stdout.write(
    `已在 ${shown} 创建项目（${files.length} 个文件）：\n${files.map((f) => `  ${f}`).join('\n')}\n\n` +
    `下一步：\n  tiaoli lint --project ${shown}     检查规则、参数、解释与夹具\n` +
    `  tiaoli test --project ${shown}     运行夹具\n  tiaoli serve --project ${shown}    在工作室中编辑\n` +
    '如何把一部条例写成规则，见 tiaoli 的 docs/guide.md。\n',
  );
  return 0;
}
