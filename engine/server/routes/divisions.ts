// GET /api/divisions?parent=CODE: the divisions directly under CODE (no parent: the top level),
// from the division dataset forms/divisions.yaml names — an installed package read from this
// machine, never the network. The counter's address pickers go down it one level at a time.
//   200 { dataset: { package, version, dataYear }, parent: { code, name } | null, level, children: [{ code, name, kind? }] }
//   400 a code that is not digits of a level that has children; 404 a code the dataset lacks
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Context, Hono } from 'hono';
import { parse } from 'yaml';
import type { ProjectStore } from '../project-store.js';
import { DivisionIndex, readDivisionManifest, type DivisionManifest } from '../../project/forms/division-dataset.js';

const MANIFEST = 'forms/divisions.yaml';
const require = createRequire(import.meta.url);

/** One index per dataset file (and manifest), built when first asked for. */
const indexes = new Map<string, { index: DivisionIndex; version: string }>();

function loadIndex(manifest: DivisionManifest): { index: DivisionIndex; version: string } {
  const { package: name, file } = manifest.dataset;
  const path = require.resolve(`${name}/${file}`);
  const key = JSON.stringify([path, manifest.levels, manifest.kinds, manifest.otherKind]);
  const cached = indexes.get(key);
  if (cached) return cached;
  let version = '';
  try {
    version = String((JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version?: unknown }).version ?? '');
  } catch {
    // a package that does not expose its package.json: its version stays unknown
  }
  const loaded = { index: new DivisionIndex(JSON.parse(readFileSync(path, 'utf8')), manifest), version };
  indexes.clear(); // one dataset at a time: an edited manifest replaces the old index
  indexes.set(key, loaded);
  return loaded;
}

function problem(c: Context, status: 400 | 404 | 500, error: string): Response {
  return c.json({ error }, status);
}

export function divisionsRoute(app: Hono, store: ProjectStore): void {
  app.get('/api/divisions', async (c) => {
    const snapshot = await store.snapshot();
    const text = Object.hasOwn(snapshot.files, MANIFEST) ? snapshot.files[MANIFEST].text : undefined;
    if (text === undefined) return problem(c, 500, `没有区划数据集说明（${MANIFEST}）`);
    let data: unknown;
    try {
      data = parse(text);
    } catch (e) {
      return problem(c, 500, `区划数据集说明（${MANIFEST}）不是有效的 YAML：${(e as Error).message}`);
    }
    const { manifest, problem: wrong } = readDivisionManifest(data);
    if (!manifest) return problem(c, 500, wrong!);
    let loaded;
    try {
      loaded = loadIndex(manifest);
    } catch (e) {
      return problem(c, 500, `无法读取区划数据集 ${manifest.dataset.package}/${manifest.dataset.file}（请先 npm install）：${(e as Error).message}`);
    }
    const parent = c.req.query('parent') ?? '';
    const parents = manifest.levels.slice(0, -1).map((l) => l.digits);
    if (parent !== '' && (parent.length > 20 || !/^[0-9]+$/.test(parent) || !parents.includes(parent.length))) {
      const shown = parent.length > 20 ? `${parent.slice(0, 20)}…` : parent;
      return problem(c, 400, `区划代码 ${JSON.stringify(shown)} 无效：上级代码应为 ${parents.join('、')} 位数字（${manifest.levels.slice(0, -1).map((l) => l.label).join('、')}）`);
    }
    const children = loaded.index.childrenOf(parent);
    if (!children) return problem(c, 404, `区划代码 ${parent} 不在数据集中（${manifest.dataset.package} ${loaded.version || manifest.dataset.version}）`);
    const at = manifest.levels.findIndex((l) => l.digits === parent.length);
    const level = manifest.levels[parent === '' ? 0 : at + 1];
    const division = parent === '' ? undefined : loaded.index.get(parent);
    return c.json({
      dataset: { package: manifest.dataset.package, version: loaded.version || manifest.dataset.version, dataYear: manifest.dataset.dataYear },
      parent: division ? { code: division.code, name: division.name } : null,
      level: { level: level.level, label: level.label, digits: level.digits },
      children,
    });
  });
}
