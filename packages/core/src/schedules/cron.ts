/**
 * AWS cron (`min hour day-of-month month day-of-week year`) parsed and evaluated natively.
 * General-purpose cron libraries read a different dialect (seconds first, Sunday = 0) and
 * silently mis-schedule AWS expressions, so we implement the AWS rules ourselves.
 */
import { ValidationError } from '../errors.ts';
import { dayConverter, HOUR_MS, MINUTE_MS, wallClockAt } from './time-zone.ts';

/** How the day-of-month field selects days. */
export type DayOfMonthRule =
  | { kind: 'any' } // `?`
  | { kind: 'days'; days: readonly number[] }
  | { kind: 'last' } // `L`
  | { kind: 'lastWeekday' } // `LW`
  | { kind: 'nearestWeekday'; day: number }; // `15W`

/** How the day-of-week field selects days. Weekdays use AWS numbering: 1 = SUN ... 7 = SAT. */
export type DayOfWeekRule =
  | { kind: 'any' } // `?`
  | { kind: 'days'; days: readonly number[] }
  | { kind: 'last'; weekday: number } // `6L`: last Friday of the month
  | { kind: 'nth'; weekday: number; nth: number }; // `2#1`: first Monday of the month

export interface CronFields {
  minutes: readonly number[];
  hours: readonly number[];
  dayOfMonth: DayOfMonthRule;
  months: readonly number[];
  dayOfWeek: DayOfWeekRule;
  /** Undefined means every year AWS accepts (1970-2199). */
  years?: readonly number[];
}

export const MIN_YEAR = 1970;
export const MAX_YEAR = 2199;

const MONTH_NAMES = [
  'JAN',
  'FEB',
  'MAR',
  'APR',
  'MAY',
  'JUN',
  'JUL',
  'AUG',
  'SEP',
  'OCT',
  'NOV',
  'DEC',
];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  label: string;
  min: number;
  max: number;
  names?: readonly string[];
  allowStep: boolean;
}

const MINUTES: FieldSpec = { label: 'minutes', min: 0, max: 59, allowStep: true };
const HOURS: FieldSpec = { label: 'hours', min: 0, max: 23, allowStep: true };
const DAYS_OF_MONTH: FieldSpec = { label: 'day-of-month', min: 1, max: 31, allowStep: true };
const MONTHS: FieldSpec = { label: 'month', min: 1, max: 12, names: MONTH_NAMES, allowStep: true };
// AWS documents no `/` for day-of-week.
const DAYS_OF_WEEK: FieldSpec = {
  label: 'day-of-week',
  min: 1,
  max: 7,
  names: DAY_NAMES,
  allowStep: false,
};
const YEARS: FieldSpec = { label: 'year', min: MIN_YEAR, max: MAX_YEAR, allowStep: true };

export function invalidExpression(message: string): ValidationError {
  return new ValidationError(message, [{ path: 'schedule.expression', message }]);
}

function fieldError(spec: FieldSpec, token: string, why: string): ValidationError {
  return invalidExpression(`Invalid cron ${spec.label} field "${token}": ${why}`);
}

function parseValue(spec: FieldSpec, text: string, whole: string): number {
  let value: number;
  if (/^\d+$/.test(text)) {
    value = Number(text);
  } else {
    const index = spec.names?.indexOf(text.toUpperCase()) ?? -1;
    if (index < 0) throw fieldError(spec, whole, `"${text}" is not a valid value`);
    value = index + 1;
  }
  if (value < spec.min || value > spec.max) {
    throw fieldError(spec, whole, `${value} is outside ${spec.min}-${spec.max}`);
  }
  return value;
}

/** Parses `*`, `a`, `a-b`, `a/s`, `*\/s`, `a-b/s` and comma lists of them into sorted values. */
function parseList(spec: FieldSpec, field: string): number[] {
  const values = new Set<number>();
  for (const item of field.split(',')) {
    if (item === '') throw fieldError(spec, field, 'empty list item');
    const [range, stepText, extra] = item.split('/');
    if (extra !== undefined || range === undefined || range === '') {
      throw fieldError(spec, field, `"${item}" is not a value, range or increment`);
    }
    let step = 1;
    if (stepText !== undefined) {
      if (!spec.allowStep) throw fieldError(spec, field, 'increments (/) are not allowed here');
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1) {
        throw fieldError(spec, field, `increment "${stepText}" must be a positive integer`);
      }
      step = Number(stepText);
    }
    let from: number;
    let to: number;
    if (range === '*') {
      from = spec.min;
      to = spec.max;
    } else if (range.includes('-')) {
      const [a, b, more] = range.split('-');
      if (a === undefined || b === undefined || more !== undefined || a === '' || b === '') {
        throw fieldError(spec, field, `"${range}" is not a valid range`);
      }
      from = parseValue(spec, a, field);
      to = parseValue(spec, b, field);
      // Wrap-around ranges (e.g. FRI-MON) are not documented by AWS; refuse rather than guess.
      if (from > to) throw fieldError(spec, field, `range "${range}" runs backwards`);
    } else {
      from = parseValue(spec, range, field);
      // `a/s` means "from a to the end of the field, every s".
      to = stepText === undefined ? from : spec.max;
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

function parseDayOfMonth(field: string): DayOfMonthRule {
  if (field === '?') return { kind: 'any' };
  const upper = field.toUpperCase();
  if (upper === 'L') return { kind: 'last' };
  if (upper === 'LW') return { kind: 'lastWeekday' };
  const weekday = /^(\d{1,2})W$/.exec(upper);
  if (weekday?.[1] !== undefined) {
    return { kind: 'nearestWeekday', day: parseValue(DAYS_OF_MONTH, weekday[1], field) };
  }
  if (/[LW]/.test(upper)) {
    throw fieldError(DAYS_OF_MONTH, field, 'L and W must be used alone (L, LW or nW)');
  }
  return { kind: 'days', days: parseList(DAYS_OF_MONTH, field) };
}

function parseDayOfWeek(field: string): DayOfWeekRule {
  if (field === '?') return { kind: 'any' };
  const upper = field.toUpperCase();
  // A lone L in day-of-week is its last day, Saturday.
  if (upper === 'L') return { kind: 'days', days: [7] };
  if (upper.includes('#')) {
    const nth = /^([A-Z]{3}|\d)#(\d)$/.exec(upper);
    if (nth?.[1] === undefined || nth[2] === undefined) {
      throw fieldError(DAYS_OF_WEEK, field, 'use a single day#n, e.g. 2#1 or MON#1');
    }
    const n = Number(nth[2]);
    if (n < 1 || n > 5) throw fieldError(DAYS_OF_WEEK, field, 'the n in day#n must be 1-5');
    return { kind: 'nth', weekday: parseValue(DAYS_OF_WEEK, nth[1], field), nth: n };
  }
  const last = /^([A-Z]{3}|\d)L$/.exec(upper);
  if (last?.[1] !== undefined) {
    return { kind: 'last', weekday: parseValue(DAYS_OF_WEEK, last[1], field) };
  }
  if (upper.includes('L')) throw fieldError(DAYS_OF_WEEK, field, 'L must be used alone or as dayL');
  return { kind: 'days', days: parseList(DAYS_OF_WEEK, field) };
}

/** Parses the six fields inside `cron(...)`. */
export function parseCronFields(body: string): CronFields {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) {
    throw invalidExpression(
      `cron() needs 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`,
    );
  }
  const [minutes, hours, dom, month, dow, year] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if ((dom === '?') === (dow === '?')) {
    throw invalidExpression(
      'cron() needs ? in exactly one of day-of-month and day-of-week (e.g. cron(0 8 1 * ? *) or cron(0 8 ? * MON *))',
    );
  }
  if (hours.includes('?') || minutes.includes('?') || month.includes('?') || year.includes('?')) {
    throw invalidExpression('? is only allowed in the day-of-month and day-of-week fields');
  }
  const parsed: CronFields = {
    minutes: parseList(MINUTES, minutes),
    hours: parseList(HOURS, hours),
    dayOfMonth: parseDayOfMonth(dom),
    months: parseList(MONTHS, month),
    dayOfWeek: parseDayOfWeek(dow),
  };
  if (year !== '*') parsed.years = parseList(YEARS, year);
  return parsed;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** AWS weekday number: 1 = Sunday ... 7 = Saturday. */
function awsWeekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

function nearestWeekday(year: number, month: number, day: number, length: number): number {
  const weekday = awsWeekday(year, month, day);
  // Saturday moves back to Friday, Sunday forward to Monday, never leaving the month.
  if (weekday === 7) return day === 1 ? 3 : day - 1;
  if (weekday === 1) return day === length ? day - 2 : day + 1;
  return day;
}

function dayMatches(c: CronFields, year: number, month: number, day: number, length: number) {
  const dom = c.dayOfMonth;
  switch (dom.kind) {
    case 'days':
      if (!dom.days.includes(day)) return false;
      break;
    case 'last':
      if (day !== length) return false;
      break;
    case 'lastWeekday':
      if (day !== nearestWeekday(year, month, length, length)) return false;
      break;
    case 'nearestWeekday':
      if (dom.day > length || day !== nearestWeekday(year, month, dom.day, length)) return false;
      break;
    case 'any':
      break;
  }
  const dow = c.dayOfWeek;
  if (dow.kind === 'any') return true;
  const weekday = awsWeekday(year, month, day);
  switch (dow.kind) {
    case 'days':
      return dow.days.includes(weekday);
    case 'last':
      return weekday === dow.weekday && day + 7 > length;
    case 'nth':
      return weekday === dow.weekday && Math.ceil(day / 7) === dow.nth;
  }
}

/**
 * Fire instants (epoch ms), ascending, strictly after `afterMs`. The expression is read on the
 * wall clock of `timezone`, with AWS's daylight-saving rules: a local time that does not exist
 * (spring forward) is skipped, and one that happens twice (fall back) fires once, the first time.
 * Taking the first reading keeps instants in the same order as local times, so the first match
 * is the next occurrence. Ends after the last year the expression allows.
 */
export function* cronInstants(c: CronFields, timezone: string, afterMs: number): Generator<number> {
  const lastYear = c.years ? (c.years[c.years.length - 1] ?? MAX_YEAR) : MAX_YEAR;
  const start = wallClockAt(afterMs, timezone);
  let year = start.year;
  let month = start.month;
  let day = start.day;
  if (year < MIN_YEAR) [year, month, day] = [MIN_YEAR, 1, 1];
  const nextMonth = () => {
    day = 1;
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  };
  while (year <= lastYear) {
    if (c.years && !c.years.includes(year)) {
      const nextYear = c.years.find((y) => y > year);
      if (nextYear === undefined) return;
      [year, month, day] = [nextYear, 1, 1];
      continue;
    }
    if (!c.months.includes(month)) {
      nextMonth();
      continue;
    }
    const length = daysInMonth(year, month);
    if (day > length) {
      nextMonth();
      continue;
    }
    if (dayMatches(c, year, month, day, length)) {
      const toInstants = dayConverter(year, month, day, timezone);
      const midnight = Date.UTC(year, month - 1, day);
      for (const hour of c.hours) {
        for (const minute of c.minutes) {
          const [first] = toInstants(midnight + hour * HOUR_MS + minute * MINUTE_MS);
          if (first !== undefined && first > afterMs) yield first;
        }
      }
    }
    day += 1;
  }
}
