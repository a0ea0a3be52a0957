// fast-check arbitraries that turn real case files into hostile ones: at the level of
// values (impossible dates, wrong types, inherited names as keys, dates out of order), of
// YAML structure (aliases, deep nesting, tags, duplicate keys, cuts) and of bytes (GBK,
// UTF-16, BOMs, NULs, invalid UTF-8).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { root } from '../support/regulation.js';

/** Every fixture of test/cases and example of /work/shared/examples, as text. */
export function seedCases(): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(e.name)) out.push({ name: full, text: readFileSync(full, 'utf8') });
    }
  };
  walk(join(root, 'test', 'cases'));
  try {
    walk('/work/shared/examples');
  } catch {
    // the shared examples are not part of the project: absent on another machine
  }
  return out;
}

// GBK has a decoder in every JavaScript runtime but no encoder: build one from the decoder.
let gbkTable: Map<string, [number, number]> | undefined;
export function encodeGbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    for (let a = 0x81; a <= 0xfe; a += 1) {
      for (let b = 0x40; b <= 0xfe; b += 1) {
        if (b === 0x7f) continue;
        const c = decoder.decode(new Uint8Array([a, b]));
        if (c.length === 1 && c !== '\uFFFD' && !gbkTable.has(c)) gbkTable.set(c, [a, b]);
      }
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else bytes.push(...(gbkTable.get(ch) ?? [0x3f]));
  }
  return new Uint8Array(bytes);
}

export function encodeUtf16(text: string, endian: 'LE' | 'BE', bom: boolean): Uint8Array {
  const units = `${bom ? '\uFEFF' : ''}${text}`;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i += 1) {
    const u = units.charCodeAt(i);
    out[i * 2 + (endian === 'LE' ? 0 : 1)] = u & 0xff;
    out[i * 2 + (endian === 'LE' ? 1 : 0)] = u >> 8;
  }
  return out;
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

// ---- values ----

const WEIRD_DATES = ['0099-01-01', '0000-01-01', '1899-12-31', '2019-02-30', '2019-02-29', '2020-02-29', '9999-12-31', '2101-01-01', '2019-13-01', '2019-1-2', '20190101', '2019-07-10T00:00:00Z', '２０１９-０７-１０', ''];
const PROTO_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
const DATE_PATHS: string[][] = [
  ['asOf'], ['facts', 'person', 'birthDate'], ['facts', 'residence', 'arrivedOn'], ['facts', 'residence', 'registeredOn'],
  ['facts', 'contract', 'signedOn'], ['facts', 'contract', 'reportedOn'], ['facts', 'permit', 'issuedOn'],
];

type Json = Record<string, unknown>;
type Named<F> = F & { label: string };
const named = <F extends (...args: never[]) => unknown>(label: string, f: F): Named<F> => Object.assign(f, { label });
type ValueMutation = Named<(c: Json) => void>;
type TextMutation = Named<(text: string) => string>;
type ByteMutation = Named<(text: string) => Uint8Array>;

function paths(value: unknown, prefix: string[] = []): string[][] {
  if (!value || typeof value !== 'object') return [prefix];
  const out: string[][] = prefix.length ? [prefix] : [];
  for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function setAt(target: Json, path: string[], value: unknown): void {
  let node: Json = target;
  for (const key of path.slice(0, -1)) {
    if (!node[key] || typeof node[key] !== 'object') node[key] = {};
    node = node[key] as Json;
  }
  Object.defineProperty(node, path[path.length - 1], { value, enumerable: true, writable: true, configurable: true });
}

const anyValue = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 1e308, '', 'x', [], {}, '2019-07-10', 2019, '510104199003070015'),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.constantFrom(...WEIRD_DATES),
  fc.constant('字'.repeat(20_000)),
);

const valueMutation: fc.Arbitrary<ValueMutation> = fc.oneof(
  // a date field set to an odd date
  fc.tuple(fc.constantFrom(...DATE_PATHS), fc.constantFrom(...WEIRD_DATES)).map(([p, d]) => named('value.oddDate', (c: Json) => setAt(c, p, d))),
  // any existing path set to any value
  fc.tuple(fc.nat(), anyValue).map(([i, v]) => named('value.wrongType', (c: Json) => {
    const all = paths(c);
    if (all.length) setAt(c, all[i % all.length], v);
  })),
  // an inherited name as a key, at any level
  fc.tuple(fc.nat(), fc.constantFrom(...PROTO_NAMES), anyValue).map(([i, name, v]) => named('value.protoKey', (c: Json) => {
    const all = [[], ...paths(c)].filter((p) => {
      const node = p.reduce<unknown>((n, k) => (n as Json)?.[k], c);
      return node && typeof node === 'object' && !Array.isArray(node);
    });
    setAt(c, [...all[i % all.length], name], v);
  })),
  // two dates of the case out of order
  fc.tuple(fc.constantFrom(...DATE_PATHS), fc.constantFrom(...DATE_PATHS), fc.integer({ min: 1, max: 4000 })).map(([a, b, days]) => named('value.dateOrder', (c: Json) => {
    const base = [a, b].map((p) => p.reduce<unknown>((n, k) => (n as Json)?.[k], c)).find((v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v as string)) as string | undefined;
    if (!base) return;
    const t = Date.parse(base);
    if (!Number.isFinite(t)) return;
    const at = (d: number) => new Date(t + d * 86_400_000).toISOString().slice(0, 10);
    setAt(c, a, at(days));
    setAt(c, b, at(0));
  })),
  // an endorsement before the permit was issued
  fc.integer({ min: 1, max: 900 }).map((days) => named('value.endorsedBeforeIssue', (c: Json) => {
    const facts = (c.facts ?? {}) as Json;
    const issued = ((facts.permit as Json | undefined)?.issuedOn as string | undefined) ?? '2019-03-15';
    setAt(c, ['facts', 'permit', 'issuedOn'], issued);
    const t = Date.parse(issued);
    if (!Number.isFinite(t)) return;
    setAt(c, ['facts', 'permit', 'endorsedOn'], [new Date(t - days * 86_400_000).toISOString().slice(0, 10)]);
  })),
  // a key removed
  fc.nat().map((i) => named('value.removed', (c: Json) => {
    const all = paths(c);
    const p = all[i % all.length];
    if (!p?.length) return;
    const parent = p.slice(0, -1).reduce<unknown>((n, k) => (n as Json)?.[k], c) as Json | undefined;
    if (parent && typeof parent === 'object') delete parent[p[p.length - 1]];
  })),
);

// ---- YAML text ----

const lines = (t: string): string[] => t.split('\n');

const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  // billion laughs, appended or in place of the facts; aliases to nothing; a recursive anchor
  fc.constantFrom<TextMutation>(
    named('yaml.aliasBomb', (t: string) => `${t}\nbomb: &a0 [x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 8 }, (_, i) => `b${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`).join('\n')}\n`),
    named('yaml.aliasBomb', () => `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nasOf: 2019-07-10\nfacts: { person: *e }\n`),
    named('yaml.badAlias', (t: string) => t.replace(/^facts:/m, 'facts: *nowhere\nunused:')),
    named('yaml.selfAlias', (t: string) => t.replace(/^(\s+)county:/m, '$1county: &c\n$1  self: *c\n$1x:')),
  ),
  // deep nesting, flow and block
  fc.integer({ min: 50, max: 5_000 }).map((n) => named('yaml.deepFlow', (t: string) => `${t}\ndeep: ${'['.repeat(n)}${']'.repeat(n % 3 === 0 ? n : 0)}\n`)),
  fc.integer({ min: 101, max: 160 }).map((n) => named('yaml.deepBlock', (t: string) => `${t}\n${Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} 1\n`)),
  // tags
  fc.tuple(fc.constantFrom('!!js/function "function () { return process }"', '!!binary aGVsbG8=', '!!set { a, b }', '!!omap [ a: 1 ]', '!!timestamp 2019-07-10', '!!python/object:os.system ls', '!<tag:yaml.org,2002:js/regexp> /x/', '!!float .nan', '!!int 0x7fffffff', '!!str'), fc.nat())
    .map(([tag, i]) => named('yaml.tag', (t: string) => {
      const ls = lines(t);
      const k = i % ls.length;
      ls[k] = ls[k].replace(/:\s+(\S.*)$/, `: ${tag}`);
      return ls.join('\n');
    })),
  // a duplicate key (a line repeated), a cut, an indentation broken
  fc.nat().map((i) => named('yaml.duplicateLine', (t: string) => {
    const ls = lines(t);
    const k = i % ls.length;
    return [...ls.slice(0, k + 1), ls[k], ...ls.slice(k + 1)].join('\n');
  })),
  fc.nat().map((i) => named('yaml.cut', (t: string) => t.slice(0, i % (t.length + 1)))),
  fc.tuple(fc.nat(), fc.integer({ min: -3, max: 5 })).map(([i, d]) => named('yaml.indent', (t: string) => {
    const ls = lines(t);
    const k = i % ls.length;
    ls[k] = d < 0 ? ls[k].slice(-d) : ' '.repeat(d) + ls[k];
    return ls.join('\n');
  })),
  // the file as one line of JSON
  fc.constant(named('yaml.asJson', (t: string) => {
    try {
      return JSON.stringify(parse(t, { logLevel: "silent" }));
    } catch {
      return t;
    }
  })),
);

// ---- bytes ----

const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.constant(named('bytes.gbk', (t: string) => encodeGbk(t.includes('name:') ? t : `name: 外省务工人员\n${t}`))),
  fc.tuple(fc.constantFrom<'LE' | 'BE'>('LE', 'BE'), fc.boolean()).map(([e, bom]) => named('bytes.utf16', (t: string) => encodeUtf16(t, e, bom))),
  fc.constant(named('bytes.bomStart', (t: string) => utf8(`\uFEFF${t}`))),
  fc.nat().map((i) => named('bytes.bomInside', (t: string) => {
    const k = i % (t.length + 1);
    return utf8(`${t.slice(0, k)}\uFEFF${t.slice(k)}`);
  })),
  fc.tuple(fc.nat(), fc.constantFrom(0x00, 0xff, 0xfe, 0xc0, 0xc3, 0xe4, 0xed, 0xf4, 0xf8, 0x80, 0xbf)).map(([i, b]) => named(b === 0 ? 'bytes.nul' : 'bytes.invalidUtf8', (t: string) => {
    const bytes = utf8(t);
    const k = i % (bytes.length + 1);
    const out = new Uint8Array(bytes.length + 1);
    out.set(bytes.subarray(0, k));
    out[k] = b;
    out.set(bytes.subarray(k), k + 1);
    return out;
  })),
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([i, b]) => named('bytes.flipped', (t: string) => {
    const bytes = utf8(t);
    if (bytes.length) bytes[i % bytes.length] = b;
    return bytes;
  })),
  fc.uint8Array({ maxLength: 64 }).map((junk) => named('bytes.junk', (t: string) => {
    const bytes = utf8(t);
    const out = new Uint8Array(bytes.length + junk.length);
    out.set(bytes);
    out.set(junk, bytes.length);
    return out;
  })),
);

export interface MutatedCase { seed: string; bytes: Uint8Array; steps: string[] }

/** A real case file, changed by a few value, text and byte mutations (each optional). */
export function mutatedCase(seeds: Array<{ name: string; text: string }>): fc.Arbitrary<MutatedCase> {
  const data = new Map(seeds.map((s) => [s.name, parse(s.text, { logLevel: 'silent' }) as Json]));
  return fc.record({
    seed: fc.constantFrom(...seeds),
    values: fc.array(valueMutation, { maxLength: 3 }),
    texts: fc.array(textMutation, { maxLength: 2 }),
    bytes: fc.option(byteMutation, { freq: 3 }),
  }).map(({ seed, values, texts, bytes }) => {
    const steps: string[] = [];
    let text = seed.text;
    if (values.length) {
      const copy = structuredClone(data.get(seed.name)!);
      values.forEach((m) => m(copy));
      text = stringify(copy, { aliasDuplicateObjects: false, lineWidth: 0 });
    }
    for (const m of texts) text = m(text);
    const out = bytes ? bytes(text) : utf8(text);
    steps.push(...values.map((m) => m.label), ...texts.map((m) => m.label), ...(bytes ? [bytes.label] : []));
    return { seed: seed.name, bytes: out, steps };
  });
}
