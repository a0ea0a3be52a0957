// Every fixture's facts validate against the counter form that would have produced them:
// the fixture is turned back into that form's data (the mapping read backwards) and
// checked with the form's schema. `required` errors are left aside: fixtures state only
// the facts their scenario needs, while a real submission fills in every field.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findFixtureFiles } from '../engine/project/fixtures/find-fixtures.js';
import { caseToForm, factsOfForm } from '../engine/project/forms/map-form.js';
import { validateForm } from '../engine/project/forms/validate-form.js';
import { qujing, root } from './support/regulation.js';
import { forms, resolved } from './support/forms.js';

const shared = join(root, '..', 'shared', 'examples');
const files = findFixtureFiles([join(root, 'test', 'cases'), ...(existsSync(shared) ? [shared] : [])]);

/** Facts no counter form collects: they come from other records (art. 19, art. 21), or stand in for the ID number. */
const FROM_ELSEWHERE = ['person.stableIncome', 'seizure.by', 'person.birthDate'];

function leafPaths(value: unknown, prefix = ''): string[] {
  if (value && typeof value === 'object' && !Array.isArray(value) && !prefix.endsWith('materials')) {
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

const isAfter = (a: unknown, b: string): boolean => typeof a === 'string' && a > b;

describe('fixtures against the forms that would have produced them', () => {
  const regulation = qujing().regulation;
  // the codes the forms accept: Qujing's current codes and the former ones of the table of changes
  const former = (regulation.parameters.countySuccessions.values.at(-1)!.value as Array<{ former: string }>).map((row) => row.former);
  const qujingCounties = [...(regulation.parameters.qujingCounties.values.at(-1)!.value as string[]), ...former];
  const counterForms = Object.values(forms.set.forms).filter((f) => f.mapping);
  it.each(files.map((f) => [f.slice(root.length + 1), f]))('%s', (_name, file) => {
    const fixture = parse(readFileSync(file, 'utf8')) as { asOf: string; facts: Record<string, any> };
    const present = leafPaths(fixture.facts);
    const collecting = counterForms.filter((f) => factsOfForm(f).some((fact) => present.some((p) => p === fact || p.startsWith(`${fact}.`))));
    const collected = new Set(collecting.flatMap(factsOfForm));
    const uncollected = present.filter((p) => !collected.has(p) && !FROM_ELSEWHERE.includes(p) && ![...collected].some((c) => p.startsWith(`${c}.`)));
    expect(uncollected).toEqual([]);
    // A replayed history may hold endorsements dated after asOf (not yet made: ignored by the
    // rules); no counter would accept such a date, so those dates are left out of the form.
    const facts = structuredClone(fixture.facts);
    if (Array.isArray(facts.permit?.endorsedOn)) facts.permit.endorsedOn = facts.permit.endorsedOn.filter((d: string) => !isAfter(d, fixture.asOf));
    const messages = collecting.flatMap((form) => {
      const data = caseToForm(form, { asOf: fixture.asOf, facts });
      return validateForm(resolved(form.name, regulation, fixture.asOf), data).filter((p) => p.code !== 'form.required').map((p) => p.message);
    });
    // Someone living outside Qujing is served by no Qujing counter: every form that records
    // the residence says so, and nothing else is wrong.
    const county = fixture.facts.residence?.county;
    if (county && !qujingCounties.includes(county)) {
      expect(messages.length).toBeGreaterThan(0);
      for (const m of messages) expect(m).toMatch(/（residence\.county）：应为以下之一：530302 麒麟区/);
    } else {
      expect(messages).toEqual([]);
    }
  });
});
