/**
 * A task's *when*: the client's schedule (expression or periodicity, time zone, local start and end
 * dates) resolved into what EventBridge Scheduler runs, and the questions runs ask of it (is this
 * an occurrence? which occurrences came before?). All on the schedule engine in ../schedules, so
 * the local scheduler, the validation of on-demand runs and AWS agree on every instant.
 */
import { type FieldError, ValidationError } from '../errors.ts';
import type { ScheduleSpec } from '../ports/scheduler.ts';
import {
  isOccurrence,
  nextOccurrence,
  occurrencesBetween,
  type Periodicity,
  parseScheduleExpression,
  periodicityToExpression,
  validateTimezone,
} from '../schedules/expression.ts';
import { SCHEDULER_PLACEHOLDERS } from '../schedules/spec.ts';
import { DAY_MS, HOUR_MS, instantForLocalLenient, MINUTE_MS } from '../schedules/time-zone.ts';
import type { Task, TaskSchedule } from './model.ts';

export const PERIODICITIES: readonly Periodicity[] = [
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'yearly',
];

export interface ScheduleInput {
  expression: string;
  timezone: string;
  startDate: string;
  endDate?: string;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

interface LocalTime {
  date: string;
  hasTime: boolean;
  /** The wall clock as if it were UTC (a `localKey`). */
  key: number;
}

function parseLocal(value: string, path: string, errors: FieldError[]): LocalTime | undefined {
  const match = LOCAL.exec(value);
  const [y, mo, d, h = 0, mi = 0, s = 0] = (match?.slice(1) ?? []).map((x) =>
    x === undefined ? undefined : Number(x),
  ) as number[];
  const key = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h, mi, s);
  const back = new Date(key);
  const valid =
    !!match &&
    back.getUTCFullYear() === y &&
    back.getUTCMonth() === (mo ?? 0) - 1 &&
    back.getUTCDate() === d &&
    h <= 23 &&
    mi <= 59 &&
    s <= 59;
  if (!valid) {
    errors.push({
      path,
      message: 'A local date or date and time: YYYY-MM-DD or YYYY-MM-DDTHH:MM',
    });
    return undefined;
  }
  return { date: value.slice(0, 10), hasTime: match?.[4] !== undefined, key };
}

/**
 * Resolves and checks a schedule; every problem is reported at once under `path`. A periodicity
 * is anchored on the start date (and its time, 00:00 if none): `monthly` from 2027-01-31T09:00
 * fires at 09:00 on the last day of every month (see `periodicityToExpression`). A date-only end
 * date includes the whole of that local day.
 */
export function resolveSchedule(input: ScheduleInput, path = 'schedule'): TaskSchedule {
  const errors: FieldError[] = [];
  const collect = (action: () => void) => {
    try {
      action();
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      for (const e of err.errors) errors.push({ ...e, path: e.path.replace(/^schedule/, path) });
    }
  };
  collect(() => validateTimezone(input.timezone));
  const start = parseLocal(input.startDate, `${path}.startDate`, errors);
  const end =
    input.endDate === undefined ? undefined : parseLocal(input.endDate, `${path}.endDate`, errors);

  let awsExpression: string | undefined;
  const periodicity = PERIODICITIES.find((p) => p === input.expression);
  if (periodicity) {
    if (start) {
      collect(() => {
        awsExpression = periodicityToExpression(periodicity, {
          date: start.date,
          time: input.startDate.slice(11, 16) || '00:00',
        });
      });
    }
  } else {
    collect(() => {
      awsExpression = parseScheduleExpression(input.expression).source;
    });
  }
  if (errors.length || !start || !awsExpression) {
    throw new ValidationError(
      `Invalid schedule: ${errors.map((e) => e.message).join('; ')}`,
      errors,
    );
  }
  const startsAt = instantForLocalLenient(start.key, input.timezone);
  const endsAt = end
    ? end.hasTime
      ? instantForLocalLenient(end.key, input.timezone)
      : instantForLocalLenient(end.key + DAY_MS, input.timezone) - 1000
    : undefined;
  if (endsAt !== undefined && endsAt <= startsAt) {
    const message = 'endDate must be after startDate';
    throw new ValidationError(message, [{ path: `${path}.endDate`, message }]);
  }
  return {
    expression: input.expression,
    timezone: input.timezone,
    startDate: input.startDate,
    ...(input.endDate !== undefined ? { endDate: input.endDate } : {}),
    awsExpression,
    startsAt: new Date(startsAt).toISOString(),
    ...(endsAt !== undefined ? { endsAt: new Date(endsAt).toISOString() } : {}),
  };
}

const windowOf = (s: TaskSchedule) => ({
  start: new Date(s.startsAt),
  ...(s.endsAt ? { end: new Date(s.endsAt) } : {}),
});

/** Whether the schedule fires at exactly `instant`, inside its start/end window. */
export const firesAt = (s: TaskSchedule, instant: Date): boolean =>
  isOccurrence(s.awsExpression, s.timezone, instant, windowOf(s));

/** The first `count` occurrences strictly after `after`. */
export function nextOccurrences(s: TaskSchedule, after: Date, count: number): Date[] {
  const out: Date[] = [];
  let cursor = after;
  while (out.length < count) {
    const next = nextOccurrence(s.awsExpression, s.timezone, cursor, windowOf(s));
    if (!next) break;
    out.push(next);
    cursor = next;
  }
  return out;
}

/**
 * The latest `count` occurrences strictly before `before` and at or after `since`, ascending.
 * Searches backwards in widening spans, so a minutely task and a yearly one both cost a few
 * evaluations.
 */
export function occurrencesBefore(
  s: TaskSchedule,
  before: Date,
  since: Date,
  count: number,
): Date[] {
  const floor = Math.max(since.getTime(), new Date(s.startsAt).getTime());
  const end = before.getTime() - 1;
  if (count < 1 || end < floor) return [];
  for (let span = HOUR_MS; ; span *= 2) {
    const from = Math.max(floor, end - span);
    // (from - 1 ms, end]: `from` itself counts.
    const found = occurrencesBetween(
      s.awsExpression,
      s.timezone,
      new Date(from - 1),
      new Date(end),
      windowOf(s),
      100_000,
    );
    if (found.length >= count || from === floor) return found.slice(-count);
  }
}

/**
 * The occurrence a scheduler delivery stands for. AWS puts the nominal fire time in
 * `<aws.scheduler.scheduled-time>`; should a delivery ever carry a later instant (a flexible
 * window), the latest occurrence up to `toleranceMinutes` before it is taken. Undefined when
 * the schedule has no such occurrence (it was changed after the event left).
 */
export function deliveredOccurrence(
  s: TaskSchedule,
  delivered: Date,
  toleranceMinutes: number,
): Date | undefined {
  if (firesAt(s, delivered)) return delivered;
  const found = occurrencesBetween(
    s.awsExpression,
    s.timezone,
    new Date(delivered.getTime() - toleranceMinutes * MINUTE_MS - 1),
    delivered,
    windowOf(s),
  );
  return found.at(-1);
}

/** The schedule of a task is named after it (unique in the stage's group, ≤ 64 characters). */
export const scheduleName = (taskId: string) => `task-${taskId}`;

/** The one-time schedule that resumes a run that ran out of time. */
export const continuationName = (runId: string) => `run-${runId}`;

/** Scheduler deliveries may be late by this much; AWS fires within the window after the time. */
export const FLEXIBLE_WINDOW_MINUTES = 15;

/**
 * The EventBridge schedule of a task at `now`. AWS refuses a StartDate more than 5 minutes in the
 * past, and a past one would mean nothing anyway (AWS never back-fills): the schedule starts at the
 * first occurrence at or after max(start, now), which for rate() keeps the periods on the grid
 * counted from the task's start. A task whose last occurrence has passed gets a disabled
 * schedule. at() ignores start and end dates, as AWS does.
 */
export function scheduleSpecFor(task: Task, target: string, now: Date): ScheduleSpec {
  const s = task.schedule;
  const base: ScheduleSpec = {
    name: scheduleName(task.id),
    expression: s.awsExpression,
    timezone: s.timezone,
    enabled: task.status === 'active',
    target,
    input: {
      tenantId: task.tenantId,
      taskId: task.id,
      occurrence: SCHEDULER_PLACEHOLDERS.scheduledTime,
    },
    flexibleWindowMinutes: FLEXIBLE_WINDOW_MINUTES,
  };
  if (s.awsExpression.startsWith('at(')) return base;
  const from = new Date(Math.max(new Date(s.startsAt).getTime(), now.getTime()) - 1);
  const first = nextOccurrence(s.awsExpression, s.timezone, from, windowOf(s));
  if (!first) return { ...base, enabled: false };
  return { ...base, startDate: first, ...(s.endsAt ? { endDate: new Date(s.endsAt) } : {}) };
}
