// A document valid for a period that renewals extend: the shape of art. 14 ¶2–¶3, with
// the period, the dates and where residence years start all coming from YAML.
import { addMonthsCivil, compareDates, type CalendarDate } from '../../dates/calendar-date.js';
import { defineFunction } from '../function.js';

export interface Validity {
  status: 'valid' | 'suspended';
  expiresOn: CalendarDate;
  countedFrom?: CalendarDate;
  steps: string[];
}

export function renewableValidity(
  issuedOn: CalendarDate, renewals: CalendarDate[], asOf: CalendarDate, months: number, countedFrom?: CalendarDate,
): Validity {
  let expiresOn = addMonthsCivil(issuedOn, months);
  let periodStart = issuedOn; // the current year of validity runs (periodStart, expiresOn]
  let counted = countedFrom;
  const steps = [`${issuedOn} 签发，有效期至 ${expiresOn}`];
  const made = renewals.filter((d) => compareDates(d, asOf) <= 0).sort(compareDates);
  const ignored = renewals.filter((d) => compareDates(d, asOf) > 0);
  for (const date of made) {
    if (compareDates(date, issuedOn) < 0) {
      steps.push(`${date} 早于签发之日，不计`);
    } else if (compareDates(date, expiresOn) <= 0) {
      if (compareDates(date, periodStart) <= 0) {
        steps.push(`${date} 本年度已续期，不再顺延（每年续期1次）`);
        continue;
      }
      periodStart = expiresOn;
      expiresOn = addMonthsCivil(expiresOn, months);
      steps.push(`${date} 按期续期，有效期顺延至 ${expiresOn}`);
    } else {
      steps.push(`${expiresOn} 届满未续期，自次日起使用功能中止`);
      periodStart = date;
      expiresOn = addMonthsCivil(date, months);
      counted = date;
      steps.push(`${date} 补办续期，使用功能恢复，有效期至 ${expiresOn}，居住年限自该日起连续计算`);
    }
  }
  for (const date of ignored) steps.push(`${date} 晚于决定日，尚未办理，不计`);
  const status = compareDates(asOf, expiresOn) <= 0 ? 'valid' : 'suspended';
  if (status === 'suspended') steps.push(`${expiresOn} 届满未续期，自次日起使用功能中止`);
  return { status, expiresOn, countedFrom: counted, steps };
}

export const renewableValidityFn = defineFunction({
  name: 'renewableValidity',
  label: '按续期顺延、逾期中止、补办恢复的有效期',
  args: {
    issuedOn: { type: 'date', label: '签发之日' },
    renewals: { type: 'list', optional: true, label: '续期之日' },
    asOf: { type: 'date', label: '决定日' },
    months: { type: 'integer', label: '每次有效月数' },
    countedFrom: { type: 'date', optional: true, label: '居住年限原起算日' },
  },
  returns: 'object',
  returnsFields: {
    status: { type: 'string', values: ['valid', 'suspended'] },
    expiresOn: { type: 'date' },
    countedFrom: { type: 'date' },
    steps: { type: 'list', items: 'string' },
  },
  compute: ({ issuedOn, renewals, asOf, months, countedFrom }) => renewableValidity(issuedOn, renewals ?? [], asOf, months, countedFrom),
});
