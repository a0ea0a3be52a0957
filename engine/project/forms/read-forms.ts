// Reads forms/ from disk (Node only).
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { readTextFiles } from '../../model/load-regulation.js';
import { buildForms, type FormLoad } from './load-forms.js';

export function loadForms(dir: string): FormLoad {
  const files = existsSync(dir) ? readTextFiles(dir, /\.(ya?ml|hbs)$/) : new Map<string, string>();
  return buildForms(files, dir, relative(process.cwd(), dir) || '.');
}
