import { addDays, addMonthsCivil, fullYearsBetween } from '../../dates/calendar-date.js';
import { EvaluationError } from '../../evaluation-error.js';
import { addWorkingDays } from '../../dates/working-days.js';
import { defineFunction } from '../function.js';

export const addWorkingDaysFn = defineFunction({
  name: 'addWorkingDays',
  label: '某日之后第 N 个工作日（当日不计入）',
  args: { from: { type: 'date', label: '起算日' }, days: { type: 'integer', label: '工作日数' } },
  returns: 'date',
  compute: ({ from, days }) => addWorkingDays(from, days),
});

export const addMonthsFn = defineFunction({
  name: 'addMonths',
  label: '按月计算的期间届满之日（民法典第二百零一条至第二百零三条）',
  args: { from: { type: 'date', label: '起算日' }, months: { type: 'integer', label: '月数' } },
  returns: 'date',
  compute: ({ from, months }) => addMonthsCivil(from, months),
});

export const subtractDaysFn = defineFunction({
  name: 'subtractDays',
  label: '某日之前 N 日',
  args: { from: { type: 'date', label: '基准日' }, days: { type: 'integer', label: '日数' } },
  returns: 'date',
  compute: ({ from, days }) => addDays(from, -days),
});

// Forward counting, as texts say it: "自受理之日起15日内" is addDays(acceptedOn, 15): the
// day the period starts on is not counted (民法典 art. 201), so the 15th day after it is the last.
export const addDaysFn = defineFunction({
  name: 'addDays',
  label: '某日之后第 N 日（当日不计入）',
  args: { from: { type: 'date', label: '起算日' }, days: { type: 'integer', label: '日数' } },
  returns: 'date',
  compute: ({ from, days }) => addDays(from, days),
});

export const addYearsFn = defineFunction({
  name: 'addYears',
  label: '按年计算的期间届满之日（民法典第二百零一条至第二百零三条）',
  args: { from: { type: 'date', label: '起算日' }, years: { type: 'integer', label: '年数' } },
  returns: 'date',
  compute: ({ from, years }) => addMonthsCivil(from, years * 12),
});

export const fullYearsFn = defineFunction({
  name: 'fullYears',
  label: '周岁（两日之间的整年数）',
  args: {
    from: { type: 'date', label: '出生日期' },
    to: { type: 'date', label: '计算日' },
    // where a birthday the year lacks (29 February) falls: nextDay (1 March) or lastDay (28 February)
    missingDay: { type: 'string', label: '当年没有该日的生日：nextDay 次日，lastDay 月末日' },
  },
  returns: 'integer',
  compute: ({ from, to, missingDay }) => {
    if (missingDay !== 'nextDay' && missingDay !== 'lastDay') throw new EvaluationError('derived.badArgument', `fullYears 的 missingDay 应为 nextDay 或 lastDay，不是 ${JSON.stringify(missingDay)}`);
    return fullYearsBetween(from, to, missingDay);
  },
});
