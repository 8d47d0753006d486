/**
 * A policy's *when*. Occurrences are local midnights in the policy's time zone, strictly after
 * its start (`startsAt`): for `monthly` those of the 1st of each month, for `everyDays` those of
 * every N-th day counted from the start day. The occurrence closes the period that began at the
 * previous one: [previous, occurrence).
 *
 * EventBridge has no "every 15 days on the local calendar": rate(15 days) counts 24-hour days and
 * would drift an hour off midnight across daylight-saving changes. So an `everyDays` schedule
 * fires at every local midnight and the run ignores the days that are not an occurrence (a read
 * of the policy); a `monthly` one fires on the 1st only.
 */
import type { ScheduleSpec } from '../ports/scheduler.ts';
import { SCHEDULER_PLACEHOLDERS } from '../schedules/spec.ts';
import { DAY_MS, instantForLocalLenient, MINUTE_MS } from '../schedules/time-zone.ts';
import { todayIn } from '../shared/dates.ts';
import type { InvoicingPolicy } from './model.ts';

/** The day number of a local date (days since 1970-01-01). */
const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** 00:00 of a local date in `timezone` (the first instant of that day there). */
export const localMidnight = (date: string, timezone: string): Date =>
  new Date(instantForLocalLenient(Date.parse(`${date}T00:00:00Z`), timezone));

type Scheduled = Pick<InvoicingPolicy, 'kind' | 'days' | 'timezone' | 'startDate' | 'startsAt'>;

/** Whether the local date is an occurrence day of the policy (ignoring the start). */
function isOccurrenceDay(p: Scheduled, date: string): boolean {
  if (p.kind === 'monthly') return date.endsWith('-01');
  if (p.kind === 'everyDays' && p.days) {
    const since = dayNumber(date) - dayNumber(p.startDate);
    return since > 0 && since % p.days === 0;
  }
  return false;
}

/** Whether the policy's schedule has an occurrence at exactly `instant`. */
export function isPolicyOccurrence(p: Scheduled, instant: Date): boolean {
  if (instant.getTime() <= Date.parse(p.startsAt)) return false;
  const date = todayIn(p.timezone, instant);
  return (
    isOccurrenceDay(p, date) && localMidnight(date, p.timezone).getTime() === instant.getTime()
  );
}

/** The occurrence day after `date` (exclusive). */
function nextDay(p: Scheduled, date: string): string {
  if (p.kind === 'monthly') {
    const [y, m] = date.split('-').map(Number) as [number, number];
    return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  }
  const n = p.days ?? 1;
  const since = dayNumber(date) - dayNumber(p.startDate);
  return dateOf(dayNumber(p.startDate) + (Math.floor(since / n) + 1) * n);
}

/**
 * The start of the period an occurrence closes: the previous occurrence, or the policy's start
 * for its first one.
 */
export function periodStart(p: Scheduled, occurrence: Date): Date {
  const date = todayIn(p.timezone, occurrence);
  let previous: string;
  if (p.kind === 'monthly') {
    const [y, m] = date.split('-').map(Number) as [number, number];
    previous = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 10);
  } else {
    previous = dateOf(dayNumber(date) - (p.days ?? 1));
  }
  const from = localMidnight(previous, p.timezone);
  return from.getTime() < Date.parse(p.startsAt) ? new Date(p.startsAt) : from;
}

/** The first `count` occurrences strictly after `after`. None for `perDeposit`. */
export function nextPolicyOccurrences(p: Scheduled, after: Date, count: number): Date[] {
  if (p.kind === 'perDeposit') return [];
  const out: Date[] = [];
  const from = new Date(Math.max(after.getTime(), Date.parse(p.startsAt)));
  let date = todayIn(p.timezone, from);
  if (!isOccurrenceDay(p, date)) date = nextDay(p, date);
  while (out.length < count) {
    const at = localMidnight(date, p.timezone);
    if (at.getTime() > from.getTime()) out.push(at);
    date = nextDay(p, date);
  }
  return out;
}

/**
 * The occurrence a scheduler delivery stands for: the delivered instant itself, or the local
 * midnight up to `toleranceMinutes` before it (a flexible window). Undefined when it is none (an
 * `everyDays` schedule fires daily; a changed policy no longer has that instant).
 */
export function deliveredPolicyOccurrence(
  p: Scheduled,
  delivered: Date,
  toleranceMinutes: number,
): Date | undefined {
  if (isPolicyOccurrence(p, delivered)) return delivered;
  const midnight = localMidnight(todayIn(p.timezone, delivered), p.timezone);
  const late = delivered.getTime() - midnight.getTime();
  return late >= 0 && late <= toleranceMinutes * MINUTE_MS && isPolicyOccurrence(p, midnight)
    ? midnight
    : undefined;
}

/** One schedule per policy, named after its customer (ids are unique in the stage). */
export const policyScheduleName = (customerId: string) => `policy-${customerId}`;

/** Deliveries may come this much after the scheduled time (EventBridge's flexible window). */
export const POLICY_FLEXIBLE_WINDOW_MINUTES = 15;

/**
 * The EventBridge schedule of a policy (none for `perDeposit`): local midnights of the 1st of
 * each month, or of every day for `everyDays` (see above), from the first occurrence after `now`
 * (AWS never back-fills), delivering `{tenantId, customerId, occurrence}` to `target`.
 */
export function policyScheduleSpec(
  p: InvoicingPolicy,
  target: string,
  now: Date,
): ScheduleSpec | undefined {
  if (p.kind === 'perDeposit') return undefined;
  const [first] = nextPolicyOccurrences(p, new Date(now.getTime() - 1), 1);
  return {
    name: policyScheduleName(p.customerId),
    expression: p.kind === 'monthly' ? 'cron(0 0 1 * ? *)' : 'cron(0 0 * * ? *)',
    timezone: p.timezone,
    enabled: true,
    target,
    input: {
      tenantId: p.tenantId,
      customerId: p.customerId,
      occurrence: SCHEDULER_PLACEHOLDERS.scheduledTime,
    },
    flexibleWindowMinutes: POLICY_FLEXIBLE_WINDOW_MINUTES,
    ...(first ? { startDate: first } : {}),
  };
}
