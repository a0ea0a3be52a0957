// A term renewed by acts done inside a period: a regulation-neutral primitive. Every legal
// choice is an argument given in YAML (rules/articles/14-…, parameters, the chosen reading
// of an interpretation): how long one term runs, when the renewal period for a term ending
// on E opens (E − opensMonths months − opensDays days) and closes (E − closesDays days),
// and where the count of years restarts. The rules, read from the arguments:
// - an act inside the period of the current term extends it by one term (so a second act
//   in the same term falls before the next period opens and does not count);
// - an act before the period opens does not count;
// - past the period's last day without an act the document lapses; an act after the
//   period restores it for one term from the act's date, and the count restarts there.
import { addDays, addMonthsCivil, compareDates, type CalendarDate } from '../../dates/calendar-date.js';
import { defineFunction } from '../function.js';

export interface PeriodRule {
  /** the term, in months */
  months: number;
  /** the period for a term ending on E opens on E − opensMonths months − opensDays days */
  opensMonths: number;
  opensDays: number;
  /** … and closes on E − closesDays days */
  closesDays: number;
}

export interface Validity {
  status: 'valid' | 'suspended';
  endsOn: CalendarDate;
  periodOpens: CalendarDate;
  periodCloses: CalendarDate;
  countedFrom?: CalendarDate;
  steps: string[];
}

export function renewalPeriod(endsOn: CalendarDate, rule: PeriodRule): { opens: CalendarDate; closes: CalendarDate } {
  return { opens: addDays(addMonthsCivil(endsOn, -rule.opensMonths), -rule.opensDays), closes: addDays(endsOn, -rule.closesDays) };
}

export function renewableValidity(
  issuedOn: CalendarDate, renewals: CalendarDate[], asOf: CalendarDate, rule: PeriodRule, countedFrom?: CalendarDate,
): Validity {
  let endsOn = addMonthsCivil(issuedOn, rule.months);
  let period = renewalPeriod(endsOn, rule);
  let counted = countedFrom;
  const steps = [`${issuedOn} 起算，有效至 ${endsOn}；办理期间 ${period.opens} 至 ${period.closes}`];
  const made = renewals.filter((d) => compareDates(d, asOf) <= 0).sort(compareDates);
  const ignored = renewals.filter((d) => compareDates(d, asOf) > 0);
  for (const date of made) {
    if (compareDates(date, period.opens) < 0) {
      steps.push(`${date} 早于办理期间开始之日 ${period.opens}，不计`);
    } else if (compareDates(date, period.closes) <= 0) {
      endsOn = addMonthsCivil(endsOn, rule.months);
      period = renewalPeriod(endsOn, rule);
      steps.push(`${date} 在办理期间内，有效期顺延至 ${endsOn}；下一办理期间 ${period.opens} 至 ${period.closes}`);
    } else {
      steps.push(`${period.closes} 办理期间届满未办理，自次日起中止`);
      endsOn = addMonthsCivil(date, rule.months);
      period = renewalPeriod(endsOn, rule);
      counted = date;
      steps.push(`${date} 逾期补办，恢复，有效期至 ${endsOn}，年限自该日起连续计算；下一办理期间 ${period.opens} 至 ${period.closes}`);
    }
  }
  for (const date of ignored) steps.push(`${date} 晚于决定日，尚未办理，不计`);
  const status = compareDates(asOf, period.closes) <= 0 ? 'valid' : 'suspended';
  if (status === 'suspended') steps.push(`${period.closes} 办理期间届满未办理，自次日起中止`);
  return { status, endsOn, periodOpens: period.opens, periodCloses: period.closes, countedFrom: counted, steps };
}

export const renewableValidityFn = defineFunction({
  name: 'renewableValidity',
  label: '在办理期间内办理即顺延、逾期中止、补办恢复的有效期',
  args: {
    issuedOn: { type: 'date', label: '起算之日' },
    renewals: { type: 'list', optional: true, label: '办理之日' },
    asOf: { type: 'date', label: '决定日' },
    months: { type: 'integer', label: '每次有效月数' },
    opensMonths: { type: 'integer', label: '办理期间开始：届满之日前推的月数' },
    opensDays: { type: 'integer', label: '办理期间开始：再前推的日数（负数为后推）' },
    closesDays: { type: 'integer', label: '办理期间最后一日：届满之日前推的日数' },
    countedFrom: { type: 'date', optional: true, label: '年限原起算日' },
  },
  returns: 'object',
  returnsFields: {
    status: { type: 'string', values: ['valid', 'suspended'] },
    endsOn: { type: 'date' },
    periodOpens: { type: 'date' },
    periodCloses: { type: 'date' },
    countedFrom: { type: 'date' },
    steps: { type: 'list', items: 'string' },
  },
  compute: ({ issuedOn, renewals, asOf, months, opensMonths, opensDays, closesDays, countedFrom }) =>
    renewableValidity(issuedOn, renewals ?? [], asOf, { months, opensMonths, opensDays, closesDays }, countedFrom),
});
