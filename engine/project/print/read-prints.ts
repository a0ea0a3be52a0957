// Reads the print templates from disk (Node only).
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { readTextFiles } from '../../model/load-regulation.js';
import { buildPrintTemplates, type PrintTemplates } from './render-print.js';

/** forms/prints/* as path relative to forms/ → text (empty when there is no such folder). */
export function readPrintFiles(formsDir: string): Map<string, string> {
  const dir = `${formsDir}/prints`;
  if (!existsSync(dir)) return new Map();
  return new Map([...readTextFiles(dir, /\.(ya?ml|hbs)$/)].map(([p, t]) => [`prints/${p}`, t]));
}

/** How a forms folder is named in messages: relative to where the command runs. */
export const shownFormsDir = (formsDir: string): string => relative(process.cwd(), formsDir) || '.';

export function loadPrintTemplates(formsDir: string): PrintTemplates {
  return buildPrintTemplates(readPrintFiles(formsDir), shownFormsDir(formsDir));
}
