// Reads the print templates from disk (Node only).
import { existsSync } from 'node:fs';
import { readTextFiles } from '../load/load-regulation.js';
import { buildPrintTemplates, type PrintTemplates } from './render-print.js';

export function loadPrintTemplates(formsDir: string): PrintTemplates {
  return buildPrintTemplates(existsSync(formsDir) ? readTextFiles(formsDir, /\.(ya?ml|hbs)$/) : new Map());
}
