import { describe, expect, it } from 'vitest';
import { checkCharacter, residentIdBirthDate, residentIdProblem, residentIdSex } from '../../engine/core/derived/resident-id.js';

describe('公民身份号码 (GB 11643)', () => {
  it('accepts a number with the right check character, X included', () => {
    expect(residentIdProblem('510104198806210574')).toBeUndefined();
    expect(checkCharacter('44010620040610024')).toBe('X');
    expect(residentIdProblem('44010620040610024X')).toBeUndefined();
  });
  it('names what is wrong, in Chinese', () => {
    expect(residentIdProblem('510104198806210575')).toBe('公民身份号码校验码错误：应为 4，实为 5');
    expect(residentIdProblem('51010419880230057X')).toMatch(/出生日期 19880230 不是有效日期/);
    expect(residentIdProblem('990104198806210574')).toMatch(/地址码 990104/);
    expect(residentIdProblem('5101041988062105')).toMatch(/18 位/);
    expect(residentIdProblem('44010620040610024x')).toMatch(/大写 X/);
  });
  it('reads the birth date and sex', () => {
    expect(residentIdBirthDate('510104198806210574')).toBe('1988-06-21');
    expect(residentIdSex('510104198806210574')).toBe('male');
    expect(residentIdSex('530102199511020189')).toBe('female');
  });
});
