/**
 * EventBridge Scheduler expressions (`rate(...)`, `cron(...)`, `at(...)`) as pure domain code:
 * parsing with AWS's validation rules and computing fire instants, so the local scheduler fires
 * exactly when AWS would and use cases can preview occurrences.
 *
 * Rules (they follow the EventBridge Scheduler documentation):
 * - rate(n unit): a fixed period (minute = 60 s, hour = 3600 s, day = 86 400 s; a day is 24 hours
 *   even across daylight-saving changes). Occurrences are `start + k * period` for k = 0, 1, ...
 *   where `start` is `window.start`; callers pass the schedule's StartDate or, without one, its
 *   creation time (AWS starts invoking at once). With no `window.start` the anchor is the Unix
 *   epoch. The time zone does not matter.
 * - cron(...): evaluated on the wall clock of the time zone. A local time skipped by a
 *   spring-forward change does not fire that day; a local time repeated by a fall-back change
 *   fires once, at its first occurrence.
 * - at(yyyy-mm-ddThh:mm:ss): wall-clock time in the zone. If ambiguous, the first occurrence; if
 *   inside a gap, moved forward by the gap (so the one-time schedule still fires). StartDate and
 *   EndDate are ignored, as AWS ignores them for one-time schedules.
 * - The window is inclusive: occurrences at exactly `start` or `end` count.
 */
import { ValidationError } from '../errors.ts';
import { type CronFields, cronInstants, invalidExpression, parseCronFields } from './cron.ts';
import {
  DAY_MS,
  HOUR_MS,
  instantForLocalLenient,
  MINUTE_MS,
  validateTimezone,
  type WallClock,
} from './time-zone.ts';

export type { CronFields, DayOfMonthRule, DayOfWeekRule } from './cron.ts';
export { validateTimezone } from './time-zone.ts';

export type RateUnit = 'minute' | 'hour' | 'day';

export interface RateExpression {
  kind: 'rate';
  value: number;
  unit: RateUnit;
  periodMs: number;
  source: string;
}

export interface CronExpression extends CronFields {
  kind: 'cron';
  source: string;
}

/** A local wall-clock time; month is 1-12. */
export interface AtExpression extends WallClock {
  kind: 'at';
  source: string;
}

export type ScheduleExpression = RateExpression | CronExpression | AtExpression;

/** Bounds of a schedule (StartDate / EndDate), both inclusive. */
export interface ScheduleWindow {
  start?: Date;
  end?: Date;
}

const UNIT_MS: Record<RateUnit, number> = { minute: MINUTE_MS, hour: HOUR_MS, day: DAY_MS };

function parseRate(body: string, source: string): RateExpression {
  const match = /^(\d+) (minute|minutes|hour|hours|day|days)$/.exec(body);
  if (!match?.[1] || !match[2]) {
    throw invalidExpression(
      `Invalid rate expression "${source}": use rate(<positive integer> minute(s)|hour(s)|day(s)), e.g. rate(5 minutes)`,
    );
  }
  const value = Number(match[1]);
  const word = match[2];
  if (value < 1 || !Number.isSafeInteger(value)) {
    throw invalidExpression(`Invalid rate expression "${source}": the value must be at least 1`);
  }
  // AWS requires the singular for 1 and the plural otherwise (rate(1 hours) is rejected).
  const plural = word.endsWith('s');
  if (plural !== (value !== 1)) {
    throw invalidExpression(
      `Invalid rate expression "${source}": use the ${value === 1 ? 'singular' : 'plural'} unit with ${value}`,
    );
  }
  const unit = (plural ? word.slice(0, -1) : word) as RateUnit;
  return { kind: 'rate', value, unit, periodMs: value * UNIT_MS[unit], source };
}

function parseAt(body: string, source: string): AtExpression {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  if (!match) {
    throw invalidExpression(
      `Invalid at expression "${source}": use at(yyyy-mm-ddThh:mm:ss), local time without offset`,
    );
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const probe = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const valid =
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    probe.getUTCFullYear() === year &&
    probe.getUTCMonth() === month - 1 &&
    probe.getUTCDate() === day;
  if (!valid) throw invalidExpression(`Invalid at expression "${source}": no such date or time`);
  return { kind: 'at', year, month, day, hour, minute, second, source };
}

/**
 * Parses an EventBridge Scheduler expression, rejecting what AWS would reject. Throws a
 * ValidationError on path `schedule.expression`.
 */
export function parseScheduleExpression(expr: string): ScheduleExpression {
  if (typeof expr !== 'string') throw invalidExpression('The schedule expression must be a string');
  const source = expr;
  const match = /^(rate|cron|at)\((.*)\)$/.exec(source);
  if (!match?.[1] || match[2] === undefined) {
    throw invalidExpression(
      `Invalid schedule expression "${expr}": expected rate(...), cron(...) or at(...)`,
    );
  }
  const body = match[2];
  // Be as strict as AWS rather than accept locally what the service would refuse.
  if (body !== body.trim()) {
    throw invalidExpression(
      `Invalid schedule expression "${expr}": no spaces inside the parentheses`,
    );
  }
  switch (match[1]) {
    case 'rate':
      return parseRate(body, source);
    case 'at':
      return parseAt(body, source);
    default:
      return { kind: 'cron', ...parseCronFields(body), source };
  }
}

function toExpression(expr: string | ScheduleExpression): ScheduleExpression {
  return typeof expr === 'string' ? parseScheduleExpression(expr) : expr;
}

function checkedTime(date: Date | undefined, path: string): number | undefined {
  if (date === undefined) return undefined;
  const time = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(time)) {
    const message = `${path} must be a valid date`;
    throw new ValidationError(message, [{ path, message }]);
  }
  return time;
}

/** The instant an at() expression names, read in `timezone`. */
export function atInstant(expr: AtExpression, timezone: string): Date {
  validateTimezone(timezone);
  const local = Date.UTC(expr.year, expr.month - 1, expr.day, expr.hour, expr.minute, expr.second);
  return new Date(instantForLocalLenient(local, timezone));
}

function* rateInstants(periodMs: number, anchorMs: number, afterMs: number): Generator<number> {
  let k = afterMs < anchorMs ? 0 : Math.floor((afterMs - anchorMs) / periodMs) + 1;
  while (true) {
    yield anchorMs + k * periodMs;
    k += 1;
  }
}

/**
 * Lazily yields the fire instants strictly after `after`, ascending, within the window. Unbounded
 * for rate expressions without `window.end`: stop iterating yourself.
 */
export function* iterateOccurrences(
  expr: string | ScheduleExpression,
  timezone: string,
  after: Date,
  window: ScheduleWindow = {},
): Generator<Date> {
  const parsed = toExpression(expr);
  validateTimezone(timezone);
  const afterMs = checkedTime(after, 'after') as number;
  if (parsed.kind === 'at') {
    const instant = atInstant(parsed, timezone);
    if (instant.getTime() > afterMs) yield instant;
    return;
  }
  const startMs = checkedTime(window.start, 'schedule.startDate');
  const endMs = checkedTime(window.end, 'schedule.endDate');
  // "Strictly after from" with from = start - 1 ms admits an occurrence exactly at start.
  const fromMs = startMs === undefined ? afterMs : Math.max(afterMs, startMs - 1);
  const instants =
    parsed.kind === 'rate'
      ? rateInstants(parsed.periodMs, startMs ?? 0, fromMs)
      : cronInstants(parsed, timezone, fromMs);
  for (const instant of instants) {
    if (endMs !== undefined && instant > endMs) return;
    yield new Date(instant);
  }
}

/** The first fire instant strictly after `after` within the window, or undefined if none. */
export function nextOccurrence(
  expr: string | ScheduleExpression,
  timezone: string,
  after: Date,
  window?: ScheduleWindow,
): Date | undefined {
  for (const instant of iterateOccurrences(expr, timezone, after, window)) return instant;
  return undefined;
}

/** Fire instants in (from, to], ascending, at most `limit` of them (the earliest). */
export function occurrencesBetween(
  expr: string | ScheduleExpression,
  timezone: string,
  from: Date,
  to: Date,
  window?: ScheduleWindow,
  limit = 1000,
): Date[] {
  const toMs = checkedTime(to, 'to') as number;
  const found: Date[] = [];
  if (limit < 1) return found;
  for (const instant of iterateOccurrences(expr, timezone, from, window)) {
    if (instant.getTime() > toMs) break;
    found.push(instant);
    if (found.length >= limit) break;
  }
  return found;
}

/** Whether the schedule fires at exactly `instant` (millisecond precision). */
export function isOccurrence(
  expr: string | ScheduleExpression,
  timezone: string,
  instant: Date,
  window?: ScheduleWindow,
): boolean {
  const time = checkedTime(instant, 'instant') as number;
  return nextOccurrence(expr, timezone, new Date(time - 1), window)?.getTime() === time;
}

export type Periodicity = 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'yearly';

export interface PeriodicityAnchor {
  /** First (reference) date, `YYYY-MM-DD`. */
  date: string;
  /** Local time of day, `HH:MM`; defaults to `00:00`. */
  time?: string;
}

const SHORTEST_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function invalidAnchor(path: string, message: string): ValidationError {
  return new ValidationError(message, [{ path, message }]);
}

/**
 * The AWS cron expression for "every day/week/month/quarter/year like `anchor`", to be used with
 * the schedule's time zone (and the anchor as StartDate if earlier dates must not fire).
 *
 * Month-end rule: the anchor's day of month is kept when every month the expression fires in has
 * that day (February counted as 28 days); otherwise the expression uses `L`, the last day of the
 * month. So monthly on the 29th, 30th or 31st fires on the last day of every month (Jan 31,
 * Feb 28/29, Apr 30, ...); quarterly from Jan 31 fires on the last day of Jan/Apr/Jul/Oct while
 * quarterly from Jan 30 keeps the 30th; yearly from Feb 29 fires on the last day of February.
 * This guarantees exactly one occurrence per period.
 */
export function periodicityToExpression(
  periodicity: Periodicity,
  anchor: PeriodicityAnchor,
): string {
  const dateMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(anchor.date);
  const [year, month, day] = (dateMatch?.slice(1).map(Number) ?? []) as number[];
  const probe = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
  if (
    year === undefined ||
    month === undefined ||
    day === undefined ||
    probe.getUTCFullYear() !== year ||
    probe.getUTCMonth() !== month - 1 ||
    probe.getUTCDate() !== day
  ) {
    throw invalidAnchor(
      'schedule.anchor.date',
      `Invalid anchor date "${anchor.date}" (YYYY-MM-DD)`,
    );
  }
  const time = anchor.time ?? '00:00';
  const timeMatch = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!timeMatch?.[1] || !timeMatch[2]) {
    throw invalidAnchor(
      'schedule.anchor.time',
      `Invalid anchor time "${time}" (HH:MM, 00:00-23:59)`,
    );
  }
  const hour = Number(timeMatch[1]);
  const minute = Number(timeMatch[2]);
  const dayFor = (months: number[]) =>
    months.every((m) => day <= (SHORTEST_MONTH[m - 1] ?? 28)) ? String(day) : 'L';
  switch (periodicity) {
    case 'daily':
      return `cron(${minute} ${hour} * * ? *)`;
    case 'weekly': {
      const weekday = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'][probe.getUTCDay()];
      return `cron(${minute} ${hour} ? * ${weekday} *)`;
    }
    case 'monthly':
      return `cron(${minute} ${hour} ${dayFor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])} * ? *)`;
    case 'quarterly': {
      const months = [0, 3, 6, 9].map((k) => ((month - 1 + k) % 12) + 1).sort((a, b) => a - b);
      return `cron(${minute} ${hour} ${dayFor(months)} ${months.join(',')} ? *)`;
    }
    case 'yearly':
      return `cron(${minute} ${hour} ${dayFor([month])} ${month} ? *)`;
    default:
      throw invalidAnchor('schedule.periodicity', `Unknown periodicity "${String(periodicity)}"`);
  }
}
