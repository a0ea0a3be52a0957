// The decision document has a JSON Schema generated from regulation.yaml (for other tools),
// `tiaoli schema decision` prints it, every fixture's decision document is valid against
// it, and every document names the engine and the calendar data it was decided with.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import enginePackage from '../package.json' with { type: 'json' };
import calendarPackage from 'chinese-days/package.json' with { type: 'json' };
import { decisionDocumentSchema } from '../engine/evaluate/decision-schema.js';
import { runFixtures } from '../engine/project/fixtures/run-fixtures.js';
import { readFixtures } from '../engine/project/fixtures/find-fixtures.js';
import { coveredYears } from '../engine/core/dates/working-days.js';
import { compareModels } from '../studio/src/regression/regression.js';
import type { Model } from '../studio/src/shared/model.js';
import { qujing, root } from './support/regulation.js';
import { tiaoli } from './support/cli.js';

/** Another tool's ajv: strict draft-07, standard formats, none of tiaoli's own keywords. */
function validatorOf(schema: object) {
  const ajv = new Ajv.default({ allErrors: true, strict: true, strictTypes: false });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

describe('the decision document’s JSON Schema', () => {
  const schema = decisionDocumentSchema(qujing().regulation);

  it('names the readings: every interpretation with executable alternatives, one of its alternatives', async () => {
    const validate = validatorOf(schema);
    const doc = JSON.parse(JSON.stringify(await qujing().decide({ asOf: '2019-10-01', facts: { permit: { issuedOn: '2019-03-30' } }, readings: { 'endorsement-deadline': 'literal' } })));
    expect(validate(doc)).toBe(true);
    expect(validate({ ...doc, readings: { ...doc.readings, 'endorsement-deadline': 'strict' } })).toBe(false);
    const { readings, ...without } = doc;
    expect(readings['endorsement-deadline']).toBe('literal');
    expect(validate(without)).toBe(false);
  });

  it('every fixture’s decision document (with its trace) is valid against it', async () => {
    const validate = validatorOf(schema);
    const results = await runFixtures(qujing(), readFixtures([join(root, 'test/cases')]));
    const documents = results.filter((r) => r.document);
    expect(documents.length).toBeGreaterThan(100);
    for (const r of documents) {
      const json = JSON.parse(JSON.stringify(r.document));
      const ok = validate(json);
      expect(ok ? [] : validate.errors?.map((e) => `${r.file} ${e.instancePath} ${e.message}`)).toEqual([]);
    }
  });

  it('types each field as regulation.yaml declares it', () => {
    const validate = validatorOf(schema);
    const decisions = (schema.properties as any).decisions.properties;
    expect(decisions.application.properties.outcome.enum).toContain('issueOnSpot');
    expect(decisions.registration.properties.deadline.format).toBe('date');
    expect(decisions.agent.properties.allowed.type).toBe('boolean');
    expect(decisions.application.properties.fee.type).toBe('number');
    expect(decisions.application.properties.missing.type).toBe('array');
    const good = { asOf: '2020-01-01', ruleset: 'x', engine: { version: '1' }, calendar: { source: 'chinese-days', version: '1', years: [2004, 2026] }, decisions: {} };
    expect(validate(good)).toBe(false); // every decision is in every document
    return qujing().decide({ asOf: '2020-01-01', facts: {} }).then((doc) => {
      const json = JSON.parse(JSON.stringify(doc));
      expect(validate(json)).toBe(true);
      json.decisions.agent.allowed = 'yes';
      json.decisions.application.outcome = 'approved';
      json.decisions.registration.deadline = 20200101;
      expect(validate(json)).toBe(false);
      expect(validate.errors!.map((e) => e.instancePath).sort()).toEqual(['/decisions/agent/allowed', '/decisions/application/outcome', '/decisions/registration/deadline']);
    });
  });

  it('`tiaoli schema decision` prints it', () => {
    const run = tiaoli(['schema', 'decision']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(schema);
    const wrong = tiaoli(['schema', 'case-law']);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('未知的 Schema 种类 case-law');
  });
});

describe('versions in every decision', () => {
  it('names the engine version and the calendar data with the years it covers', async () => {
    const doc = await qujing().decide({ asOf: '2020-01-01', facts: {} });
    expect(doc.engine).toEqual({ version: enginePackage.version });
    expect(doc.calendar).toEqual({ source: 'chinese-days', version: calendarPackage.version, years: [...coveredYears()] });
    expect(doc.calendar.years[0]).toBeLessThanOrEqual(2017);
    expect(doc.calendar.years[1]).toBeGreaterThanOrEqual(2025);
    // a document's versions are its own: changing one changes no other document
    doc.calendar.years[1] = 1900;
    expect((await qujing().decide({ asOf: '2020-01-01', facts: {} })).calendar.years[1]).not.toBe(1900);
  });

  it('`tiaoli decide` prints them', () => {
    const run = tiaoli(['decide', join(root, 'test/cases/12-agent/child-aged-15-through-guardian-allowed.yaml'), '--brief']);
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(Object.keys(doc).slice(0, 5)).toEqual(['asOf', 'ruleset', 'readings', 'engine', 'calendar']);
    expect(doc.engine.version).toBe(enginePackage.version);
  });

  it('the studio’s regression shows no change when only the engine or the calendar differ', async () => {
    const doc = await qujing().decide({ asOf: '2020-01-01', facts: {} });
    const other = { ...structuredClone(doc), engine: { version: '9.9.9' }, calendar: { ...doc.calendar, version: '9.9.9', years: [2004, 2030] as [number, number] } };
    const model = (d: typeof doc): Model => ({ files: {}, problems: [], ms: 0, fixtures: [{ file: 'a.yaml', passed: true, mismatches: [], document: d }] });
    expect(compareModels(model(doc), model(other)).changes).toEqual([]);
    const changed = structuredClone(other);
    changed.decisions.agent.allowed = true;
    expect(compareModels(model(doc), model(changed)).changes.map((c) => `${c.decision}.${c.field}`)).toEqual(['agent.allowed']);
  });
});
