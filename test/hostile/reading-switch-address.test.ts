// 推理's address names a reading to decide under (reading=interpretation=alternative): anything
// the rules do not name as an own interpretation and alternative is ignored, never looked up on a prototype.
import { describe, expect, it } from 'vitest';
import { switchedReading } from '../../studio/src/trace/switched-reading.js';
import { qujing } from '../support/regulation.js';

const regulation = qujing().regulation;

describe('the reading named in 推理\'s address', () => {
  it('takes a reading the rules name', () => {
    expect(switchedReading('endorsement-deadline=literal', regulation)).toEqual({ 'endorsement-deadline': 'literal' });
  });

  it.each([
    null, '', '=', '=literal', 'endorsement-deadline', 'endorsement-deadline=', 'endorsement-deadline=earliest',
    '__proto__=literal', 'constructor=literal', 'toString=x', 'endorsement-deadline=__proto__', 'endorsement-deadline=literal=window',
    'endorsement-deadline=literal\n', 'x'.repeat(100000),
  ])('ignores %j', (param) => {
    expect(switchedReading(param, regulation)).toBeUndefined();
  });
});
