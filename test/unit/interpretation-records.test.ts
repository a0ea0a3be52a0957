// Interpretation records are for a legal reviewer: each names its question, the reading
// taken, honest alternatives with their consequence, reasons and sources — laws and
// articles, never a project document — in prose without the stray spaces a folded YAML
// line leaves between two Chinese characters.
import { describe, expect, it } from 'vitest';
import { qujing } from '../support/regulation.js';

const regulation = qujing().regulation;
const records = Object.values(regulation.interpretations);
const mine = records;

/** A space between two CJK characters or CJK punctuation: a joined YAML line. */
const STRAY_SPACE = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef][ \t]+[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/u;

function prose(r: (typeof records)[number]): Array<[string, string]> {
  return [
    ['question', r.question], ['reading', r.reading], ['reasoning', r.reasoning],
    ...r.alternatives.flatMap((a, i): Array<[string, string]> => [[`alternatives[${i}].reading`, a.reading], [`alternatives[${i}].consequence`, a.consequence ?? '']]),
    ...r.sources.map((s, i): [string, string] => [`sources[${i}]`, s]),
  ];
}

describe('interpretation records', () => {
  it.each(mine.map((r) => [r.id, r]))('%s: prose without stray spaces', (_id, r) => {
    for (const [field, text] of prose(r)) expect(text, `${r.id}.${field}`).not.toMatch(STRAY_SPACE);
  });

  it.each(mine.map((r) => [r.id, r]))('%s: cites laws, not a project document', (_id, r) => {
    for (const [field, text] of prose(r)) expect(text, `${r.id}.${field}`).not.toMatch(/CASES\.md|README|第 \d 节/);
  });

  it.each(mine.filter((r) => r.id !== 'absent-values').map((r) => [r.id, r]))('%s: has honest alternatives, each with its consequence, and sources', (_id, r) => {
    expect(r.alternatives.length).toBeGreaterThan(0);
    for (const a of r.alternatives) expect(a.consequence ?? '').not.toBe('');
    expect(r.sources.length).toBeGreaterThan(0);
  });

  it('the reviewer’s open questions each have a record, cited by the rules that rest on them', () => {
    const cited = new Set([...regulation.rules.flatMap((r) => r.interpretations), ...Object.values(regulation.derived).flatMap((d) => d.interpretations)]);
    for (const id of ['agents', 'required-materials', 'seizure', 'floating-population', 'arrivals-scope', 'residence-continuity', 'replaced-permit-validity', 'public-services-basis', 'in-force-period']) {
      expect(Object.hasOwn(regulation.interpretations, id), id).toBe(true);
      expect(cited.has(id), `${id} is cited by a rule or derived fact`).toBe(true);
    }
  });

  it('the alternatives the review asked for are there', () => {
    const alternatives = (id: string) => regulation.interpretations[id].alternatives.map((a) => a.reading).join('\n');
    expect(alternatives('agents')).toMatch(/法释〔2006〕1号/);
    expect(alternatives('agents')).toMatch(/行动不便.*残疾人/);
    expect(alternatives('required-materials')).toMatch(/任交一种/);
    expect(alternatives('seizure')).toMatch(/依法/);
    expect(alternatives('floating-population')).toMatch(/跨县级以上行政区域/);
  });
});
