// The fact paths a case may hold, read off the regulation's case schema, so that lint can
// tell a rule naming `residence.arivedOn` that no such fact exists.
import { resolveRef } from '../../core/json-pointer.js';

type Schema = Record<string, any>;

export function casePaths(caseSchema: Schema): Set<string> {
  const paths = new Set<string>();
  const root = caseSchema;
  const resolve = (s: Schema | undefined): Schema | undefined => {
    if (!s || typeof s !== 'object') return undefined;
    if (typeof s.$ref === 'string' && s.$ref.startsWith('#/')) {
      const target = resolveRef(root, s.$ref) as Schema | undefined;
      return { ...target, ...s, $ref: undefined };
    }
    return s;
  };
  const walk = (schema: Schema | undefined, prefix: string[], depth: number): void => {
    const s = resolve(schema);
    if (!s || depth > 8) return;
    // a schema being edited may hold anything where a list or map belongs: read only what has the right shape
    const parts = [s, ...(Array.isArray(s.allOf) ? (s.allOf as Schema[]) : []).map(resolve)];
    for (const part of parts) {
      for (const [key, sub] of Object.entries((part?.properties ?? {}) as Record<string, Schema>)) {
        const path = [...prefix, key];
        paths.add(path.join('.'));
        walk(sub, path, depth + 1);
      }
      const names: unknown = part?.propertyNames?.enum;
      for (const key of Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : []) {
        if (part?.additionalProperties) paths.add([...prefix, key].join('.'));
      }
    }
  };
  walk(caseSchema?.properties?.facts, [], 0);
  return paths;
}
