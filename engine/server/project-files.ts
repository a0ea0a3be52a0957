// The project's editable files (rules/, forms/, test/cases/) on disk, each with a version
// (a hash of its bytes) so that a save can tell whether the file changed since it was loaded.
// No symlink is ever followed: a link inside the project could point anywhere on the machine.
import { fileKind, NotPlainFile } from '../model/read-plain-file.js';
import { closeSync, constants, fstatSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readSync, realpathSync, renameSync, rmSync, writeSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Problem } from '../core/source-file.js';
import { FOLDERS, pathRefusal } from './project-paths.js';
import { decodeFile } from './decode-file.js';

export { pathRefusal } from './project-paths.js';

/** Files above this size are listed with a problem and not read (a size bomb stays on disk). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface ProjectFile { text: string; version: string }

export function versionOf(text: string | Uint8Array): string {
  return bytesToHex(sha256(typeof text === 'string' ? utf8ToBytes(text) : text)).slice(0, 16);
}

/** A write or read the project refuses: a path outside the allow-list, a symlink, a folder that is a file. */
export class RefusedError extends Error {}

const problem = (file: string, code: string, message: string): Problem => ({ code, message, location: { file, line: 1, column: 1 } });

export interface Listed { path: string; full: string; stat: Stats }
export interface Listing { files: Listed[]; problems: Problem[] }

/** The real directory at root/sub, or a problem when any part of it is a symlink or not a folder. */
function realFolder(root: string, sub: string): { ok: boolean; problem?: Problem } {
  let at = root;
  for (const part of sub.split('/')) {
    at = join(at, part);
    let stat: Stats;
    try {
      stat = lstatSync(at);
    } catch {
      return { ok: false };
    }
    if (stat.isSymbolicLink()) return { ok: false, problem: problem(sub, 'file.symlink', `${sub} 经过符号链接，不读取：项目中的文件夹必须是真实文件夹`) };
    if (!stat.isDirectory()) return { ok: false, problem: problem(sub, 'file.notFolder', `${sub} 不是文件夹`) };
  }
  return { ok: true };
}

/** Every file of the right kind below rules/, forms/, test/cases/, by lstat (never following a link). */
export function listProject(root: string): Listing {
  const files: Listed[] = [];
  const problems: Problem[] = [];
  for (const { dir, kinds } of FOLDERS) {
    const folder = realFolder(root, dir);
    if (folder.problem) problems.push(folder.problem);
    if (!folder.ok) continue;
    const walk = (rel: string, depth: number): void => {
      let names: string[];
      try {
        names = readdirSync(join(root, rel)).sort();
      } catch (e) {
        problems.push(problem(rel, 'file.unreadable', `无法读取文件夹 ${rel}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`));
        return;
      }
      for (const name of names) {
        const path = `${rel}/${name}`;
        const full = join(root, path);
        let stat: Stats;
        try {
          stat = lstatSync(full);
        } catch {
          continue; // removed while listing
        }
        if (stat.isSymbolicLink()) {
          if (kinds.test(name) || !name.includes('.')) problems.push(problem(path, 'file.symlink', `${path} 是符号链接，不读取：项目中的文件必须是真实文件`));
        } else if (stat.isDirectory()) {
          if (depth < 32) walk(path, depth + 1);
        } else if (stat.isFile() && kinds.test(name)) {
          files.push({ path, full, stat });
        } else if (kinds.test(name)) {
          // a FIFO or a device would hold the server for ever: named, never opened
          problems.push(problem(path, 'file.notPlain', new NotPlainFile(path, fileKind(stat) ?? '特殊文件').message));
        }
      }
    };
    walk(dir, 0);
  }
  return { files, problems };
}

export interface ReadFile { file: ProjectFile; problem?: Problem }

/** Reads a listed file without following a link; never throws: an unreadable file comes back with its problem. */
export function readListed(path: string, full: string, size: number): ReadFile {
  if (size > MAX_FILE_BYTES) {
    return { file: { text: '', version: `size-${size}` }, problem: problem(path, 'file.tooLarge', `文件过大（${size} 字节，上限 ${MAX_FILE_BYTES}），不读取`) };
  }
  let bytes: Buffer;
  try {
    bytes = readNoFollow(full);
  } catch (e) {
    return { file: { text: '', version: 'unreadable' }, problem: problem(path, 'file.unreadable', `无法读取：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`) };
  }
  const decoded = decodeFile(path, bytes);
  return { file: { text: decoded.text, version: versionOf(bytes) }, problem: decoded.problem };
}

function readNoFollow(full: string): Buffer {
  // O_NONBLOCK: a FIFO put in the file's place since the listing does not hold the open; fstat refuses it
  const fd = openSync(full, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const kind = fileKind(fstatSync(fd));
    if (kind !== undefined) throw new Error(`不是普通文件，而是${kind}`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(64 * 1024);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > MAX_FILE_BYTES) throw new Error('文件过大');
      chunks.push(chunk.subarray(0, n));
    }
    return Buffer.concat(chunks);
  } finally {
    closeSync(fd);
  }
}

/** The real path of the project root (the root itself may be reached through a link, e.g. /tmp). */
export function realRoot(root: string): string {
  return realpathSync(root);
}

/**
 * The file at an allowed path as it is on disk now, or null when there is none. Refuses
 * (RefusedError) when a symlink or a non-folder lies anywhere on the path.
 */
export function readProjectFileSafely(root: string, path: string): ReadFile | null {
  const refusal = pathRefusal(path);
  if (refusal) throw new RefusedError(refusal);
  const parts = path.split('/');
  let at = root;
  for (const [i, part] of parts.entries()) {
    at = join(at, part);
    let stat: Stats;
    try {
      stat = lstatSync(at);
    } catch {
      return null;
    }
    if (stat.isSymbolicLink()) throw new RefusedError(`${parts.slice(0, i + 1).join('/')} 是符号链接：不跟随项目外的链接`);
    const last = i === parts.length - 1;
    if (!last && !stat.isDirectory()) throw new RefusedError(`${parts.slice(0, i + 1).join('/')} 不是文件夹`);
    if (last && !stat.isFile()) throw new RefusedError(`${path} 不是普通文件`);
    if (last) return readListed(path, at, stat.size);
  }
  return null;
}

// Temporary files are named `.<name>.tiaoli-tmp-<pid>-<random>` next to their target.
const TEMP = /^\..+\.tiaoli-tmp-(\d+)-[0-9a-f]+$/;
const LEGACY_TEMP = /\.saving-(\d+)-\d+$/;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporary files left by a save that died half-way (kill -9, power loss): those
 * whose process is gone, or older than an hour. Returns the paths removed.
 */
export function cleanStaleTemporaries(root: string, now = Date.now()): string[] {
  const removed: string[] = [];
  for (const { dir } of FOLDERS) {
    if (!realFolder(root, dir).ok) continue;
    const walk = (rel: string, depth: number): void => {
      let names: string[];
      try {
        names = readdirSync(join(root, rel));
      } catch {
        return;
      }
      for (const name of names) {
        const path = `${rel}/${name}`;
        let stat: Stats;
        try {
          stat = lstatSync(join(root, path));
        } catch {
          continue;
        }
        if (stat.isDirectory() && !stat.isSymbolicLink()) {
          if (depth < 32) walk(path, depth + 1);
          continue;
        }
        const m = TEMP.exec(name) ?? LEGACY_TEMP.exec(name);
        if (!m || !stat.isFile()) continue;
        if (alive(Number(m[1])) && now - stat.mtimeMs < 3_600_000) continue;
        try {
          rmSync(join(root, path));
          removed.push(path);
        } catch {
          // another process removed it first
        }
      }
    };
    walk(dir, 0);
  }
  return removed;
}

function fsyncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY);
    fsyncSync(fd);
  } catch {
    // some file systems refuse fsync on a directory; the rename is still atomic
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes through a temporary file, fsync and a rename, then fsyncs the folder: a crash at any
 * moment leaves either the old file or the new one, never a torn one. Creates missing folders,
 * but refuses (RefusedError) a path with a symlink or a non-folder anywhere on it.
 */
export function writeProjectFile(root: string, path: string, text: string): void {
  const refusal = pathRefusal(path);
  if (refusal) throw new RefusedError(refusal);
  const parts = path.split('/');
  const name = parts.pop()!;
  let dir = root;
  for (const [i, part] of parts.entries()) {
    dir = join(dir, part);
    let stat: Stats | undefined;
    try {
      stat = lstatSync(dir);
    } catch {
      try {
        mkdirSync(dir);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      stat = lstatSync(dir);
    }
    if (stat.isSymbolicLink()) throw new RefusedError(`${parts.slice(0, i + 1).join('/')} 是符号链接：不写入项目外`);
    if (!stat.isDirectory()) throw new RefusedError(`${parts.slice(0, i + 1).join('/')} 不是文件夹`);
  }
  // The folder must still be where the path says (nothing swapped for a link meanwhile).
  if (realpathSync(dir) !== join(root, ...parts)) throw new RefusedError(`${parts.join('/')} 经过符号链接：不写入项目外`);
  const full = join(dir, name);
  let mode = 0o644;
  try {
    const stat = lstatSync(full);
    if (stat.isSymbolicLink()) throw new RefusedError(`${path} 是符号链接：不写入项目外`);
    if (!stat.isFile()) throw new RefusedError(`${path} 不是普通文件`);
    mode = stat.mode & 0o777;
  } catch (e) {
    if (e instanceof RefusedError) throw e;
  }
  const temporary = join(dir, `.${name}.tiaoli-tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    // O_EXCL: never opens an existing file or a link planted under the temporary name.
    const fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
    try {
      const bytes = Buffer.from(text, 'utf8');
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, full);
    fsyncDirectory(dir);
  } finally {
    rmSync(temporary, { force: true });
  }
}
