// What the project's case schema says of one fact path: the schema its value must meet
// (to check a code or a constant of a population file against it) and the JSON type it
// holds (a share group's keys are read as numbers for a number fact). Read the way
// case-paths.ts reads the schema: `$ref` to `#/definitions/…`, `allOf`, maps by
// `additionalProperties` (with `propertyNames` for their keys).
import { resolveRef } from '../../core/json-pointer.js';
import { own } from '../../core/own.js';

type Schema = Record<string, unknown>;

/** A schema and the parts it is made of (`$ref` followed, `allOf` spread). */
function parts(root: Schema, schema: unknown, depth = 0): Schema[] {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema) || depth > 8) return [];
  const s = schema as Schema;
  const out: Schema[] = [s];
  const ref = own(s, '$ref');
  if (typeof ref === 'string') out.push(...parts(root, resolveRef(root, ref), depth + 1));
  const allOf = own(s, 'allOf');
  if (Array.isArray(allOf)) for (const sub of allOf) out.push(...parts(root, sub, depth + 1));
  return out;
}

export interface FactSchema {
  /** the schema of the value, standalone (the root's definitions beside it) */
  schema: Schema;
  /** `integer`, `number`, `boolean`, `string`, `array`, `object`, or undefined when the schema does not say */
  type?: string;
  /** for a map (`additionalProperties`): the schema its keys must meet, standalone */
  keys?: Schema;
  /** for a map: its values' schema */
  values?: FactSchema;
  /** what a starter file needs to draw a value: the schema's constants, date, bounds and required names */
  enum?: unknown[];
  date?: boolean;
  minimum?: number;
  maximum?: number;
  required?: string[];
}

function describe(root: Schema, schema: unknown): FactSchema {
  const ps = parts(root, schema);
  const first = (key: string): unknown => ps.map((p) => own(p, key)).find((v) => v !== undefined);
  const standalone = (s: unknown): Schema => ({ ...(s && typeof s === 'object' ? (s as Schema) : {}), definitions: own(root, 'definitions') ?? {} });
  const type = first('type');
  const enumValues = first('enum');
  const inferred = typeof type === 'string' ? type
    : first('calendarDate') === true || Array.isArray(enumValues) && enumValues.every((v) => typeof v === 'string') ? 'string' : undefined;
  const additional = first('additionalProperties');
  const hasProperties = ps.some((p) => own(p, 'properties'));
  const map = additional && typeof additional === 'object' && !hasProperties;
  const number = (key: string): number | undefined => (typeof first(key) === 'number' ? (first(key) as number) : undefined);
  const required = ps.flatMap((p) => (Array.isArray(own(p, 'required')) ? (own(p, 'required') as unknown[]).filter((r): r is string => typeof r === 'string') : []));
  return {
    schema: standalone(schema),
    ...(Array.isArray(enumValues) ? { enum: enumValues } : {}),
    ...(first('calendarDate') === true || first('format') === 'date' ? { date: true } : {}),
    ...(number('minimum') !== undefined ? { minimum: number('minimum') } : {}),
    ...(number('maximum') !== undefined ? { maximum: number('maximum') } : {}),
    ...(required.length ? { required } : {}),
    type: inferred ?? (hasProperties || map ? 'object' : undefined),
    ...(map ? { keys: standalone(first('propertyNames') ?? {}), values: describe(root, additional) } : {}),
  };
}

/** The schema of the fact at `path` (under `facts`), or undefined when the case schema has no such fact. */
export function factSchema(caseSchema: Schema, path: readonly string[]): FactSchema | undefined {
  let node: unknown = own(own(caseSchema, 'properties') as Schema | undefined, 'facts');
  for (const key of path) {
    const ps = parts(caseSchema, node);
    const property = ps.map((p) => own(own(p, 'properties') as Schema | undefined, key)).find((v) => v !== undefined);
    if (property !== undefined) {
      node = property;
      continue;
    }
    // a map's key, or a name allowed by propertyNames beside additionalProperties
    const additional = ps.map((p) => own(p, 'additionalProperties')).find((v) => v !== undefined);
    if (!additional || typeof additional !== 'object') return undefined;
    node = additional;
  }
  return node === undefined ? undefined : describe(caseSchema, node);
}
