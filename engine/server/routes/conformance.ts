// GET /api/project/conformance: 上位法一致性审查 of the project's own text against the superior it
// implements (rules/instruments.yaml), as `tiaoli conformance` makes it — the project's population
// (its first file, 1,000 cases) and its fixtures, decided under both — for the 条文 page, which
// shows each class beside the articles concerned. Worked out once per snapshot.
import { join } from 'node:path';
import type { Hono } from 'hono';
import { Decider, type CaseInput } from '../../explain/decider.js';
import { parseCase } from '../../model/case/validate-case.js';
import type { Regulation } from '../../model/model.js';
import { conformance } from '../../project/conformance/conformance.js';
import { loadInstruments } from '../../project/instruments/load-instruments.js';
import { checkPopulation } from '../../project/population/check-population.js';
import { populationCases } from '../../project/population/generate-population.js';
import type { ProjectStore } from '../project-store.js';

const SIZE = 1000;

function* cases(files: Record<string, string>, regulation: Regulation): Generator<CaseInput> {
  const file = Object.keys(files).filter((p) => /^rules\/population\/[^/]+\.ya?ml$/.test(p)).sort()[0];
  const spec = file ? checkPopulation(file, files[file]!, regulation).spec : undefined;
  if (spec) yield* populationCases(spec, { size: SIZE });
  for (const path of Object.keys(files).filter((p) => p.startsWith('test/cases/') && /\.ya?ml$/.test(p)).sort()) {
    const parsed = parseCase(regulation, files[path]!, path);
    if (!parsed.case) continue;
    const { expect: _e, readings: _r, ...input } = parsed.case;
    yield { ...input, name: path };
  }
}

export function conformanceRoute(app: Hono, store: ProjectStore): void {
  app.get('/api/project/conformance', async (c) => {
    const snapshot = await store.snapshot();
    const regulation = snapshot.regulation;
    if (!regulation) return c.json({ error: '本项目的规则有错误，无法审查' }, 409);
    const answer = await store.remember(snapshot, 'conformance', async () => {
      const loaded = loadInstruments(join(store.root, 'rules'), regulation, 'rules', new Map(), store.root);
      const own = loaded.instruments?.own;
      if (!own || own.implements === undefined) return { report: null, why: '本项目没有声明它实施的上位法（rules/instruments.yaml 的 implements）' };
      const superior = loaded.superiors.get(own.implements);
      if (!superior) return { report: null, why: `无法载入上位法 ${own.implements} 的规则或对应文件` };
      const files = Object.fromEntries(Object.entries(snapshot.files).map(([p, f]) => [p, f.text]));
      const report = await conformance({
        local: { id: own.id, title: own.title, decider: new Decider(regulation), instrument: own },
        superior: { id: superior.instrument.id, title: superior.instrument.title, decider: new Decider(superior.regulation), instrument: superior.instrument },
        mapping: superior.mapping,
      }, cases(files, regulation));
      return { report, why: null };
    });
    return c.json(answer);
  });
}
