// A term renewed by acts done inside a period: a regulation-neutral primitive. Every legal
// choice is an argument given in YAML (rules/articles/…, parameters, the chosen reading
// of an interpretation): how long one term runs, when the renewal period for a term ending
// on E opens (E − opensMonths months − opensDays days) and closes (E − closesDays days),
// whether a last day that is a rest day or holiday moves on, and where the count of years
// restarts. The rules, read from the arguments:
// - the terms run from an anchor (the issue date, or the day of a late act): the n-th term
//   ends on anchor + n terms (民法典 art. 202: the corresponding day of the last month, or its
//   last day where it has none), never on the previous end + one term, which would lose
//   29 February and the 31st for good after the first short month;
// - an act inside the period of the current term extends it by one term (so a second act
//   in the same term falls before the next period opens and does not count);
// - an act before the period opens does not count — unless `earlyActsStand`: an act the
//   authority did stands until it is revoked, so an early act that is the first of its term
//   (made on or after the current term's first day) extends it like one in the period and is
//   listed in `earlyActs` for review; a second act in a term already renewed still does not count;
// - where the period's last day is a rest day or holiday and lastDayMovesPastRestDays is
//   set, the last day is the day after the rest ends: the first working day of the
//   working-day calendar after it (民法典 art. 203 ¶1);
// - past the period's last day without an act the document lapses; an act after the
//   period restores it for one term from the act's date, and the count restarts there —
//   unless `lateActIsTheTermsAct`: where the period of a term runs from its first days (a
//   deadline rather than a closing window), the late act is itself the act of the term it
//   begins, so that term is renewed at once (two terms from the act) and a second act in it
//   does not count; otherwise the term begun by a late act would take a second act days later.
import { addDays, addMonthsCivil, compareDates, type CalendarDate } from '../../dates/calendar-date.js';
import { addWorkingDays, CalendarRangeError, isWorkingDay } from '../../dates/working-days.js';
import { defineFunction } from '../function.js';

export interface PeriodRule {
  /** the term, in months */
  months: number;
  /** the period for a term ending on E opens on E − opensMonths months − opensDays days */
  opensMonths: number;
  opensDays: number;
  /** … and closes on E − closesDays days */
  closesDays: number;
  /** … moved, where that day is a rest day or holiday, to the first working day after it */
  lastDayMovesPastRestDays: boolean;
}

export interface Validity {
  status: 'valid' | 'suspended';
  endsOn: CalendarDate;
  periodOpens: CalendarDate;
  periodCloses: CalendarDate;
  countedFrom?: CalendarDate;
  /** acts made before their period opened that were counted (earlyActsStand), for review */
  earlyActs: CalendarDate[];
  /** the last of them, if any */
  lastEarlyAct?: CalendarDate;
  steps: string[];
}

export interface RenewalPeriod {
  opens: CalendarDate;
  /** the last day: moved past rest days where the rule says so and the calendar has the year */
  closes: CalendarDate;
  /** the last day as the text counts it, before any move */
  closesByText: CalendarDate;
  /** the calendar lacks the year it would be moved in: `closes` is the text's day, and may still move */
  uncovered?: CalendarRangeError;
}

/** The period for the term ending on `endsOn`. */
export function renewalPeriod(endsOn: CalendarDate, rule: PeriodRule): RenewalPeriod {
  const opens = addDays(addMonthsCivil(endsOn, -rule.opensMonths), -rule.opensDays);
  const closesByText = addDays(endsOn, -rule.closesDays);
  if (!rule.lastDayMovesPastRestDays) return { opens, closes: closesByText, closesByText };
  try {
    return { opens, closes: isWorkingDay(closesByText) ? closesByText : addWorkingDays(closesByText, 1), closesByText };
  } catch (e) {
    if (!(e instanceof CalendarRangeError)) throw e;
    return { opens, closes: closesByText, closesByText, uncovered: e };
  }
}

/**
 * Whether `date` is on or before the period's last day. A date after the text's last day,
 * where the calendar cannot say whether that day moves, is not decided by guessing.
 */
function onOrBeforeLastDay(date: CalendarDate, period: RenewalPeriod): boolean {
  if (compareDates(date, period.closesByText) <= 0) return true;
  if (period.uncovered) throw period.uncovered;
  return compareDates(date, period.closes) <= 0;
}

function describePeriod(period: RenewalPeriod): string {
  const span = `${period.opens} 至 ${period.closes}`;
  if (period.uncovered) return `${span}（工作日历尚无 ${period.uncovered.year} 年的节假日安排：该日如为休息日或法定节假日，最后一日还将顺延）`;
  if (period.closes !== period.closesByText) return `${span}（${period.closesByText} 为休息日或法定节假日，最后一日顺延至其后第一个工作日）`;
  return span;
}

export function renewableValidity(
  issuedOn: CalendarDate, renewals: CalendarDate[], asOf: CalendarDate, rule: PeriodRule, countedFrom?: CalendarDate, earlyActsStand = false,
  lateActIsTheTermsAct = false,
): Validity {
  // the terms run from `anchor`: the current one is the `terms`-th, ending on anchor + terms × months
  let anchor = issuedOn;
  let terms = 1;
  let endsOn = addMonthsCivil(anchor, terms * rule.months);
  let period = renewalPeriod(endsOn, rule);
  let counted = countedFrom;
  const steps = [`${issuedOn} 起算，有效至 ${endsOn}；办理期间 ${describePeriod(period)}`];
  const earlyActs: CalendarDate[] = [];
  const made = renewals.filter((d) => compareDates(d, asOf) <= 0).sort(compareDates);
  const ignored = renewals.filter((d) => compareDates(d, asOf) > 0);
  for (const date of made) {
    const termBegan = addMonthsCivil(anchor, (terms - 1) * rule.months);
    if (compareDates(date, period.opens) < 0 && earlyActsStand && compareDates(date, termBegan) >= 0) {
      terms += 1;
      endsOn = addMonthsCivil(anchor, terms * rule.months);
      period = renewalPeriod(endsOn, rule);
      earlyActs.push(date);
      steps.push(`${date} 早于办理期间开始之日，但已经办理，在撤销之前有效：有效期顺延至 ${endsOn}（${anchor} 起第 ${terms} 期），列为待复核；下一办理期间 ${describePeriod(period)}`);
    } else if (compareDates(date, period.opens) < 0) {
      steps.push(`${date} 早于办理期间开始之日 ${period.opens}，不计`);
    } else if (onOrBeforeLastDay(date, period)) {
      terms += 1;
      endsOn = addMonthsCivil(anchor, terms * rule.months);
      period = renewalPeriod(endsOn, rule);
      steps.push(`${date} 在办理期间内，有效期顺延至 ${endsOn}（${anchor} 起第 ${terms} 期）；下一办理期间 ${describePeriod(period)}`);
    } else {
      steps.push(`${period.closes} 办理期间届满未办理，自次日起中止`);
      anchor = date;
      terms = lateActIsTheTermsAct ? 2 : 1;
      endsOn = addMonthsCivil(anchor, terms * rule.months);
      period = renewalPeriod(endsOn, rule);
      counted = date;
      const restored = lateActIsTheTermsAct
        ? `逾期补办，恢复；补办即自该日起一期的办理，有效期顺延至 ${endsOn}（${anchor} 起第 2 期），此期内再办理的不计`
        : `逾期补办，恢复，有效期至 ${endsOn}`;
      steps.push(`${date} ${restored}，年限自该日起连续计算；下一办理期间 ${describePeriod(period)}`);
    }
  }
  for (const date of ignored) steps.push(`${date} 晚于决定日，尚未办理，不计`);
  const status = onOrBeforeLastDay(asOf, period) ? 'valid' : 'suspended';
  if (status === 'suspended') steps.push(`${period.closes} 办理期间届满未办理，自次日起中止`);
  return { status, endsOn, periodOpens: period.opens, periodCloses: period.closes, countedFrom: counted, earlyActs, lastEarlyAct: earlyActs.at(-1), steps };
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
    lastDayMovesPastRestDays: { type: 'boolean', label: '办理期间最后一日是休息日或法定节假日的，顺延至其后第一个工作日' },
    countedFrom: { type: 'date', optional: true, label: '年限原起算日' },
    earlyActsStand: { type: 'boolean', optional: true, label: '早于办理期间已经办理的（本期首次），在撤销前有效，计入并列为待复核' },
    lateActIsTheTermsAct: { type: 'boolean', optional: true, label: '逾期补办即为其开始的一期的办理（该期即时顺延，期内再办理的不计）' },
  },
  returns: 'object',
  returnsFields: {
    status: { type: 'string', values: ['valid', 'suspended'] },
    endsOn: { type: 'date' },
    periodOpens: { type: 'date' },
    periodCloses: { type: 'date' },
    countedFrom: { type: 'date' },
    earlyActs: { type: 'list', items: 'date' },
    lastEarlyAct: { type: 'date' },
    steps: { type: 'list', items: 'string' },
  },
  compute: ({ issuedOn, renewals, asOf, months, opensMonths, opensDays, closesDays, lastDayMovesPastRestDays, countedFrom, earlyActsStand, lateActIsTheTermsAct }) =>
    renewableValidity(
      issuedOn, renewals ?? [], asOf, { months, opensMonths, opensDays, closesDays, lastDayMovesPastRestDays }, countedFrom,
      earlyActsStand === true, lateActIsTheTermsAct === true,
    ),
});
