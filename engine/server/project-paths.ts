// Which paths the studio may read and write: rules/, forms/, test/cases/ and the rules of a
// later version of the project's text (successors/<id>/rules/), each folder
// with its own kinds of file. The allow-list is a whole-path pattern (no "..", no ".",
// no backslash, no absolute path, no empty segment): 45 traversal variants are pinned by tests.
export interface Folder { dir: string; kinds: RegExp; label: string }

export const FOLDERS: readonly Folder[] = [
  { dir: 'rules', kinds: /\.(ya?ml|txt)$/, label: '.yaml、.yml、.txt' },
  { dir: 'forms', kinds: /\.(ya?ml|hbs)$/, label: '.yaml、.yml、.hbs' },
  { dir: 'test/cases', kinds: /\.ya?ml$/, label: '.yaml、.yml' },
  { dir: 'successors', kinds: /\.(ya?ml|txt)$/, label: '.yaml、.yml、.txt（在 successors/<id>/rules/ 下）' },
];

const SAFE_PATH = /^(rules|forms|test\/cases|successors\/[a-z0-9]+(?:-[a-z0-9]+)*\/rules)\/([A-Za-z0-9_\-.]+\/)*[A-Za-z0-9_\-.]+\.(ya?ml|txt|hbs)$/;

/** The folder a project path belongs to, or undefined. */
export function folderOf(path: string): Folder | undefined {
  return FOLDERS.find((f) => path.startsWith(`${f.dir}/`));
}

// The shape of a project path before its kind is looked at: a known folder, then segments of
// plain ASCII letters, digits, "_", "-" and "."; none may be only dots ("..", ".", "...").
const SHAPE = /^(rules|forms|test\/cases|successors)\/([A-Za-z0-9_\-.]+\/)*[A-Za-z0-9_\-.]+$/;

/** Why the studio may not write this path (a message in Chinese), or undefined when it may. */
export function pathRefusal(path: unknown): string | undefined {
  if (typeof path !== 'string' || path.length > 512 || !SHAPE.test(path) || path.split('/').some((s) => /^\.+$/.test(s))) {
    return `不能写入 ${JSON.stringify(String(path).slice(0, 200))}：只能写 rules/、forms/、test/cases/、successors/<id>/rules/ 下的文件`;
  }
  const folder = folderOf(path)!;
  if (!folder.kinds.test(path)) return `${folder.dir}/ 下只能放 ${folder.label} 文件：${path}`;
  if (!SAFE_PATH.test(path)) return `不能写入 ${path}`;
  return undefined;
}

export function isEditablePath(path: string): boolean {
  return pathRefusal(path) === undefined;
}
