// What `npm run build` prepares so that one `tiaoli decide` neither reads YAML nor compiles a
// JSON Schema it read or compiled at build time:
// - ajv standalone code for every schema tiaoli compiles when it checks its own project (the
//   rule-file schemas, rules/case.schema.yaml, the form-file schema, each counter form's
//   schema): one CommonJS module `(tiaoli) => validate` each, `tiaoli` being the keyword
//   functions of the ajv it stands in for (core/validation/ajv.ts, ValidatorRuntime);
// - the data of every YAML file of its rules/ and forms/;
// - the regulation its rules/ builds (when it has no problem), checked once here.
// Both are found at run time by the SHA-256 of the exact text (../precompiled-validators.ts,
// ../precompiled-sources.ts): a file or schema edited after the build is read and compiled
// as before, so nothing stale is ever used.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import type { AnySchema } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { createAjv, recordCompiledSchemas } from '../../core/validation/ajv.js';
import { locateIn, parseSource, recordReadSources, type KnownSource, type PathSegment } from '../../core/source-file.js';
import { INDEX_FILE, schemaHash, type ValidatorIndex } from '../precompiled-validators.js';
import { textHash, type SourcesFile } from '../precompiled-sources.js';
import { DIR_MARK, fillIn, REGULATION_INDEX, rulesKey, SHOWN_MARK, type RegulationIndex } from '../precompiled-regulation.js';

const standaloneCode = standalone.default;

interface Recorded {
  /** schema text → schema */
  schemas: Map<string, AnySchema>;
  /** YAML text → its data and positions, for the files of rules/ and forms/ */
  sources: Map<string, KnownSource>;
}

/**
 * What checking and deciding with the project at `root` compiles and reads. The engine's
 * modules are imported only once the recorders listen, as some compile their schemas when
 * they load: run this in a process that has not loaded them yet (the build).
 */
export async function recordProject(root: string): Promise<Recorded> {
  const schemas = new Map<string, AnySchema>();
  const sources = new Map<string, KnownSource>();
  recordCompiledSchemas((text, schema) => { if (!schemas.has(text)) schemas.set(text, structuredClone(schema)); });
  recordReadSources((text, read) => sources.set(text, structuredClone(read)));
  try {
    const [{ loadRegulation }, { checkCase }, { checkProject }, { readProject }, { loadForms }, { resolveForm }, { formValidator }, { chinaToday }] = await Promise.all([
      import('../../model/load-regulation.js'), import('../../model/case/validate-case.js'), import('../../project/check-project.js'),
      import('../../project/read-project.js'), import('../../project/forms/read-forms.js'), import('../../project/forms/resolve-form.js'),
      import('../../project/forms/validate-form.js'), import('../../core/dates/china-today.js'),
    ]);
    const today = chinaToday();
    const dirs = { rules: join(root, 'rules'), forms: join(root, 'forms'), cases: join(root, 'test', 'cases') };
    // the paths the command line takes: the rules loaded, a case checked, the forms loaded and checked
    const { regulation } = loadRegulation(dirs.rules);
    const { set } = loadForms(dirs.forms);
    recordReadSources(undefined); // the fixtures are not kept: each command reads few of them
    if (regulation) {
      checkCase(regulation, {});
      for (const form of Object.values(set.forms)) formValidator(resolveForm(set, form, regulation, today));
    }
    // and everything `tiaoli lint` and the server's checks compile
    checkProject(readProject(dirs, (d) => d).files, today);
    // the other projects' case schemas: a case of this project decided under a superior
    // instrument is checked against that project's (decide --jsonl, every line after its term)
    for (const rules of projectRulesDirs(root)) {
      const other = loadRegulation(rules).regulation;
      if (other) checkCase(other, {});
    }
  } finally {
    recordCompiledSchemas(undefined);
    recordReadSources(undefined);
  }
  return { schemas, sources };
}

/** projects/<id>/rules of every project beside this one. */
function projectRulesDirs(root: string): string[] {
  const projects = join(root, 'projects');
  if (!existsSync(projects)) return [];
  return readdirSync(projects, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(projects, e.name, 'rules')))
    .map((e) => join(projects, e.name, 'rules'));
}

/** One schema as a CommonJS module exporting `(tiaoli) => validate`. */
export function standaloneModule(schema: AnySchema): string {
  const ajv = createAjv({ source: true });
  const validate = ajv.compile(schema);
  const code = standaloneCode(ajv, validate);
  return `"use strict";\n// generated by npm run build (engine/cli/build/precompile.ts) — do not edit\n`
    + `module.exports = function validatorFor(tiaoli) {\nconst module = { exports: {} };\nconst self = tiaoli.self;\n${code}\nreturn module.exports;\n};\n`;
}

function versionOf(name: string): string {
  return (createRequire(import.meta.url)(`${name}/package.json`) as { version: string }).version;
}

/** Writes the validators into `dir` with their index; returns how many. */
export function writeValidators(schemas: Map<string, AnySchema>, dir: string): number {
  mkdirSync(dir, { recursive: true });
  const validators: Record<string, string> = {};
  for (const [text, schema] of schemas) {
    const hash = schemaHash(text);
    let module: string;
    try {
      module = standaloneModule(schema);
    } catch {
      continue; // a schema ajv refuses stays refused at run time, by compiling it
    }
    writeFileSync(join(dir, `${hash}.cjs`), module);
    validators[hash] = `${hash}.cjs`;
  }
  const index: ValidatorIndex = { ajv: versionOf('ajv'), validators };
  writeFileSync(join(dir, INDEX_FILE), `${JSON.stringify(index, null, 2)}\n`);
  return Object.keys(validators).length;
}

/** Every path into a value, and one step past each (a path that is not there). */
function pathsIn(value: unknown, path: PathSegment[] = [], out: PathSegment[][] = []): PathSegment[][] {
  out.push(path, [...path, '\u0000absent']);
  if (Array.isArray(value)) value.forEach((v, i) => pathsIn(v, [...path, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsIn(v, [...path, k], out);
  return out;
}

/**
 * Writes the YAML files' data and positions into `file`; returns how many. A file is kept
 * only when JSON carries its data exactly and every path locates where reading it would.
 */
export function writeSources(sources: Map<string, KnownSource>, file: string): number {
  const out: SourcesFile = { yaml: versionOf('yaml'), sources: {} };
  for (const [text, read] of sources) {
    const json = JSON.stringify(read);
    const back = JSON.parse(json) as KnownSource;
    if (!isDeepStrictEqual(back.data, read.data)) continue;
    const real = parseSource('f', text);
    if (!pathsIn(read.data).every((p) => isDeepStrictEqual(locateIn('f', text, back.positions, p), real.locate(p)))) continue;
    out.sources[textHash(text)] = json;
  }
  writeFileSync(file, JSON.stringify(out));
  return Object.keys(out.sources).length;
}

/**
 * Writes the regulation the rules folder `rules` builds into `dir` (regulations.json and
 * one .bin), with stand-ins for the folder and its shown name; returns whether it did. It is
 * written only when the folder loads without a problem and, filled in for two other places
 * (one with names that need escaping), it is exactly what loading there builds.
 */
export async function writeRegulation(rules: string, dir: string): Promise<boolean> {
  const { readTextFilesChecked, loadRegulationFiles } = await import('../../model/load-regulation.js');
  mkdirSync(dir, { recursive: true });
  const index: RegulationIndex = { v8: process.versions.v8, regulations: {} };
  writeFileSync(join(dir, REGULATION_INDEX), `${JSON.stringify(index)}\n`);
  // this project's rules, then the other projects' (a superior or a later version a case may be decided under)
  const built = [rules, ...projectRulesDirs(join(rules, '..'))].map((folder) => {
    const { files, problems } = readTextFilesChecked(folder, undefined, 'rules');
    if (problems.length) return false;
    const marked = loadRegulationFiles(DIR_MARK, files, SHOWN_MARK);
    if (marked.problems.length || !marked.regulation) return false;
    let bytes: Buffer;
    try {
      bytes = serialize(marked.regulation);
    } catch {
      return false; // something in it is not plain data (a function): built at each run instead
    }
    const places: Array<[string, string]> = [[folder, 'rules'], [join(folder, '..', 'a "b\\c'), '../其他 项目/rules']];
    for (const [place, shownAs] of places) {
      const again = loadRegulationFiles(place, files, shownAs);
      if (again.problems.length || !isDeepStrictEqual(fillIn(deserialize(bytes), place, shownAs), again.regulation)) return false;
    }
    const key = rulesKey(files);
    writeFileSync(join(dir, `${key}.bin`), bytes);
    index.regulations[key] = `${key}.bin`;
    return true;
  });
  writeFileSync(join(dir, REGULATION_INDEX), `${JSON.stringify(index)}\n`);
  return built[0];
}
