// The schema validators `npm run build` generated (ajv standalone code, one CommonJS module
// each, see build/standalone-validators.ts), found by the SHA-256 of the schema's exact text.
// A schema edited since the build (case.schema.yaml, a form) has another hash and is
// compiled as before; so is every schema when the index was made by another ajv version.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { PrecompiledValidators, ValidatorRuntime } from '../core/validation/ajv.js';
import type { ValidateFunction } from 'ajv';

/** engine/dist/validators/index.json */
export interface ValidatorIndex {
  /** the ajv version that generated the code, which must be the one installed */
  ajv: string;
  /** schema text's SHA-256 (hex) → module file in the same folder */
  validators: Record<string, string>;
}

export const INDEX_FILE = 'index.json';

/** The SHA-256 of a schema's text, as the index keys it. */
export function schemaHash(schemaText: string): string {
  return createHash('sha256').update(schemaText).digest('hex');
}

type Factory = (runtime: ValidatorRuntime) => ValidateFunction;

export function precompiledValidators(dir: string): PrecompiledValidators {
  const require = createRequire(join(dir, INDEX_FILE));
  let index: Record<string, string> | null | undefined;
  const load = (): Record<string, string> | null => {
    try {
      const read = JSON.parse(readFileSync(join(dir, INDEX_FILE), 'utf8')) as ValidatorIndex;
      const installed = (require('ajv/package.json') as { version: string }).version;
      return read.ajv === installed && read.validators && typeof read.validators === 'object' ? read.validators : null;
    } catch {
      return null; // no build, or a broken one: compile
    }
  };
  return {
    find(schemaText: string): Factory | undefined {
      index ??= load();
      if (!index) return undefined;
      const hash = schemaHash(schemaText);
      const file = Object.hasOwn(index, hash) ? index[hash] : undefined;
      if (typeof file !== 'string' || !/^[0-9a-f]{64}\.cjs$/.test(file)) return undefined;
      try {
        const make: unknown = require(join(dir, file));
        return typeof make === 'function' ? (make as Factory) : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
