// The studio's model worker keeps each YAML text it has read, so a check after an edit reads
// again only the edited file: a text read again gives the same data and positions, as a copy
// of its own (what one check does to its data never reaches the next).
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../engine/core/source-file.js';
import { keepReadTexts } from '../../studio/src/impact/known-texts.js';

describe('texts kept between checks', () => {
  it('gives the same data and places again, never the same objects', () => {
    keepReadTexts();
    const text = 'id: x\nvalues:\n  "2017-10-09": [a, b]\nnested: { c: 3 }\n';
    const first = parseSource('rules/parameters/x.yaml', text);
    (first.data as { values: Record<string, string[]> }).values['2017-10-09'].push('changed');
    const again = parseSource('rules/parameters/x.yaml', text);
    expect(again.data).toEqual({ id: 'x', values: { '2017-10-09': ['a', 'b'] }, nested: { c: 3 } });
    expect(again.locate(['nested', 'c'])).toEqual(first.locate(['nested', 'c']));
    expect(again.locate(['nested', 'c'])).toMatchObject({ line: 4 });
    // a text with a problem is not kept: read again, it says so again
    expect(parseSource('a.yaml', 'a: [').problems.length).toBeGreaterThan(0);
    expect(parseSource('a.yaml', 'a: [').problems.length).toBeGreaterThan(0);
  });
});
