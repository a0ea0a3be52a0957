// Reading a file a user names (a case, a form's data, a fixture, an offices file, a token
// file): only a plain file is read. A FIFO would hold the command for ever (`tiaoli test`
// hung on one), a device (/dev/zero, /dev/random) never ends, a socket cannot be read: each
// is refused with its path and what it is, in Chinese. The file is opened without waiting
// (O_NONBLOCK: opening a FIFO would wait for a writer) and looked at (fstat) before it is read,
// so what is read is what was looked at.
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, statSync, type Stats } from 'node:fs';

/** What a path is when it is no plain file, in the words of the message. */
export function fileKind(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isFIFO()) return '命名管道（FIFO）';
  if (stats.isCharacterDevice()) return '字符设备';
  if (stats.isBlockDevice()) return '块设备';
  if (stats.isSocket()) return '套接字';
  if (stats.isDirectory()) return '目录';
  if (stats.isSymbolicLink()) return '符号链接';
  return '特殊文件';
}

/** A path that is not a plain file: the message names it and what it is. */
export class NotPlainFile extends Error {
  constructor(readonly path: string, readonly kind: string) {
    super(`${path} 不是普通文件，而是${kind}：tiaoli 只读取普通文件（读取它会一直等待或读不完）`);
  }
}

/**
 * The bytes of a plain file; NotPlainFile for anything else, fs errors (ENOENT…) as thrown.
 * `noFollow`: a symbolic link is not followed either (ELOOP), for files found in a project folder.
 */
export function readPlainFile(path: string, { noFollow = false, shownAs = path }: { noFollow?: boolean; shownAs?: string } = {}): Buffer {
  // looked at before it is opened (opening a device may itself do something), and again once open
  const before = fileKind(noFollow ? lstatSync(path) : statSync(path));
  if (before !== undefined && !(noFollow && before === '符号链接')) throw new NotPlainFile(shownAs, before);
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (noFollow ? constants.O_NOFOLLOW : 0));
  try {
    const kind = fileKind(fstatSync(fd));
    if (kind !== undefined) throw new NotPlainFile(shownAs, kind);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
