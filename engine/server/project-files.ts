// The project's editable files (rules/, forms/, test/cases/) on disk, each with a version
// (a content hash) so that a save can tell whether the file changed since it was loaded.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { readTextFiles } from '../load/load-regulation.js';

export const EDITABLE = [
  { dir: 'rules', pattern: /\.(ya?ml|txt)$/ },
  { dir: 'forms', pattern: /\.(ya?ml|hbs)$/ },
  { dir: 'test/cases', pattern: /\.ya?ml$/ },
];

const SAFE_PATH = /^(rules|forms|test\/cases)\/([A-Za-z0-9_\-.]+\/)*[A-Za-z0-9_\-.]+\.(ya?ml|txt|hbs)$/;

export function versionOf(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text))).slice(0, 16);
}

export function isEditablePath(path: string): boolean {
  return SAFE_PATH.test(path) && !path.split('/').includes('..');
}

export interface ProjectFile { text: string; version: string }

export function readProject(root: string): Record<string, ProjectFile> {
  const out: Record<string, ProjectFile> = {};
  for (const { dir, pattern } of EDITABLE) {
    if (!existsSync(join(root, dir))) continue;
    for (const [rel, text] of readTextFiles(join(root, dir), pattern)) out[`${dir}/${rel}`] = { text, version: versionOf(text) };
  }
  return out;
}

export function readProjectFile(root: string, path: string): ProjectFile | undefined {
  const full = join(root, path);
  if (!existsSync(full)) return undefined;
  const text = readFileSync(full, 'utf8');
  return { text, version: versionOf(text) };
}

/** Writes through a temporary file and a rename: a failed write leaves the old file as it was. */
export function writeAtomically(root: string, path: string, text: string): void {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  const temporary = `${full}.saving-${process.pid}-${Date.now()}`;
  try {
    writeFileSync(temporary, text, 'utf8');
    renameSync(temporary, full);
  } finally {
    rmSync(temporary, { force: true });
  }
}
