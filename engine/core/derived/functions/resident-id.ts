import { residentIdBirthDate, residentIdSex } from '../resident-id.js';
import { defineFunction } from '../function.js';

export const residentIdBirthDateFn = defineFunction({
  name: 'residentIdBirthDate',
  label: '公民身份号码所载出生日期（GB 11643）',
  args: { idNumber: { type: 'string', label: '公民身份号码' } },
  returns: 'date',
  compute: ({ idNumber }) => residentIdBirthDate(idNumber),
});

export const residentIdSexFn = defineFunction({
  name: 'residentIdSex',
  label: '公民身份号码所载性别（顺序码奇数为男、偶数为女）',
  args: { idNumber: { type: 'string', label: '公民身份号码' } },
  returns: 'string',
  compute: ({ idNumber }) => residentIdSex(idNumber),
});
