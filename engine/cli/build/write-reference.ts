// `npm run docs:reference`: writes docs/reference.md from the engine (reference-text.ts).
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { referenceText } from './reference-text.js';

export const REFERENCE_FILE = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'), 'docs', 'reference.md');

writeFileSync(REFERENCE_FILE, referenceText());
process.stdout.write(`docs/reference.md：已按引擎的 Schema、运算符与派生函数重写\n`);
