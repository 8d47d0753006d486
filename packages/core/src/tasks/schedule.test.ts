import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import type { Task } from './model.ts';
import {
  deliveredOccurrence,
  firesAt,
  nextOccurrences,
  occurrencesBefore,
  resolveSchedule,
  scheduleSpecFor,
} from './schedule.ts';

const d = (iso: string) => new Date(iso);
const iso = (dates: Date[]) => dates.map((x) => x.toISOString());
const madrid = (expression: string, startDate: string, endDate?: string) =>
  resolveSchedule({
    expression,
    timezone: 'Europe/Madrid',
    startDate,
    ...(endDate ? { endDate } : {}),
  });

function pathsOf(action: () => unknown): string[] {
  try {
    action();
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).errors.map((e) => e.path);
  }
  throw new Error('expected a ValidationError');
}

describe('resolveSchedule', () => {
  it('anchors a monthly periodicity on the start date and keeps month ends in Madrid time', () => {
    const s = madrid('monthly', '2027-01-31T09:00');
    expect(s).toEqual({
      expression: 'monthly',
      timezone: 'Europe/Madrid',
      startDate: '2027-01-31T09:00',
      awsExpression: 'cron(0 9 L * ? *)',
      startsAt: '2027-01-31T08:00:00.000Z',
    });
    // 09:00 local on every last day: CET (UTC+1) until the spring change of 28 March, then CEST.
    expect(iso(nextOccurrences(s, d('2027-01-01T00:00:00Z'), 4))).toEqual([
      '2027-01-31T08:00:00.000Z',
      '2027-02-28T08:00:00.000Z',
      '2027-03-31T07:00:00.000Z',
      '2027-04-30T07:00:00.000Z',
    ]);
    // A leap year's February ends on the 29th.
    const leap = madrid('monthly', '2028-01-31T09:00');
    expect(iso(nextOccurrences(leap, d('2028-02-01T00:00:00Z'), 1))).toEqual([
      '2028-02-29T08:00:00.000Z',
    ]);
  });

  it('keeps a day every month has, and takes AWS expressions as they are', () => {
    expect(madrid('monthly', '2027-01-15').awsExpression).toBe('cron(0 0 15 * ? *)');
    expect(madrid('quarterly', '2027-01-31T08:30').awsExpression).toBe('cron(30 8 L 1,4,7,10 ? *)');
    expect(madrid('weekly', '2027-01-04T07:00').awsExpression).toBe('cron(0 7 ? * MON *)');
    expect(madrid('yearly', '2027-03-01').awsExpression).toBe('cron(0 0 1 3 ? *)');
    expect(madrid('cron(0 8 1 * ? *)', '2027-01-01').awsExpression).toBe('cron(0 8 1 * ? *)');
    expect(madrid('rate(7 days)', '2027-01-04T10:00')).toMatchObject({
      awsExpression: 'rate(7 days)',
      startsAt: '2027-01-04T09:00:00.000Z',
    });
  });

  it('skips a time the spring change removes and fires a repeated autumn time once', () => {
    const s = madrid('daily', '2027-03-26T02:30');
    expect(s.awsExpression).toBe('cron(30 2 * * ? *)');
    // 28 March 2027: clocks jump from 02:00 to 03:00, so 02:30 does not exist that day.
    expect(iso(nextOccurrences(s, d('2027-03-26T00:00:00Z'), 3))).toEqual([
      '2027-03-26T01:30:00.000Z',
      '2027-03-27T01:30:00.000Z',
      '2027-03-29T00:30:00.000Z',
    ]);
    // 31 October 2027: 02:30 happens twice (CEST, then CET); it fires at the first.
    expect(iso(nextOccurrences(s, d('2027-10-30T00:00:00Z'), 3))).toEqual([
      '2027-10-30T00:30:00.000Z',
      '2027-10-31T00:30:00.000Z',
      '2027-11-01T01:30:00.000Z',
    ]);
  });

  it('reads a date-only end date as the whole of that local day', () => {
    const s = madrid('monthly', '2027-01-31T09:00', '2027-03-31');
    expect(s.endsAt).toBe('2027-03-31T21:59:59.000Z');
    expect(firesAt(s, d('2027-03-31T07:00:00Z'))).toBe(true);
    expect(firesAt(s, d('2027-04-30T07:00:00Z'))).toBe(false);
    expect(madrid('monthly', '2027-01-31T09:00', '2027-03-31T08:59').endsAt).toBe(
      '2027-03-31T06:59:00.000Z',
    );
  });

  it('reports every fault at once, by path', () => {
    expect(
      pathsOf(() =>
        resolveSchedule({
          expression: 'cron(0 8 * * * *)',
          timezone: 'Mars/Olympus',
          startDate: '2027-02-30',
        }),
      ),
    ).toEqual(['schedule.timezone', 'schedule.startDate', 'schedule.expression']);
    expect(pathsOf(() => madrid('fortnightly', '2027-01-01'))).toEqual(['schedule.expression']);
    expect(pathsOf(() => madrid('monthly', '2027-01-31', '2027-01-30'))).toEqual([
      'schedule.endDate',
    ]);
    expect(pathsOf(() => madrid('monthly', '2027-01-31T25:00'))).toEqual(['schedule.startDate']);
  });
});

describe('firesAt', () => {
  const s = madrid('monthly', '2027-01-31T09:00');
  it('accepts the exact instants of the schedule inside its window only', () => {
    expect(firesAt(s, d('2027-01-31T08:00:00Z'))).toBe(true);
    expect(firesAt(s, d('2027-02-28T08:00:00Z'))).toBe(true);
    expect(firesAt(s, d('2031-12-31T08:00:00Z'))).toBe(true);
    expect(firesAt(s, d('2027-02-28T09:00:00Z'))).toBe(false); // not 09:00 in Madrid
    expect(firesAt(s, d('2027-03-31T08:00:00Z'))).toBe(false); // 10:00 in summer time
    expect(firesAt(s, d('2027-02-27T08:00:00Z'))).toBe(false); // not a month end
    expect(firesAt(s, d('2026-12-31T08:00:00Z'))).toBe(false); // before the start
  });
});

describe('occurrencesBefore', () => {
  const s = madrid('monthly', '2027-01-31T09:00');
  it('answers the latest ones before an instant, not before `since`, oldest first', () => {
    expect(
      iso(occurrencesBefore(s, d('2027-05-31T07:00:00Z'), d('2027-01-01T00:00:00Z'), 3)),
    ).toEqual(['2027-02-28T08:00:00.000Z', '2027-03-31T07:00:00.000Z', '2027-04-30T07:00:00.000Z']);
    expect(
      occurrencesBefore(s, d('2027-05-31T07:00:00Z'), d('2027-01-01T00:00:00Z'), 10),
    ).toHaveLength(4);
    expect(
      iso(occurrencesBefore(s, d('2027-05-31T07:00:00Z'), d('2027-04-01T00:00:00Z'), 10)),
    ).toEqual(['2027-04-30T07:00:00.000Z']);
  });

  it('finds the latest of a minutely schedule without walking its history', () => {
    const minutely = madrid('rate(1 minute)', '2020-01-01');
    expect(
      iso(occurrencesBefore(minutely, d('2027-06-01T10:00:00Z'), d('2020-01-01T00:00:00Z'), 2)),
    ).toEqual(['2027-06-01T09:58:00.000Z', '2027-06-01T09:59:00.000Z']);
  });
});

describe('deliveredOccurrence', () => {
  const s = madrid('monthly', '2027-01-31T09:00');
  it('takes the exact time, or the occurrence a late delivery stands for', () => {
    expect(deliveredOccurrence(s, d('2027-02-28T08:00:00Z'), 15)?.toISOString()).toBe(
      '2027-02-28T08:00:00.000Z',
    );
    expect(deliveredOccurrence(s, d('2027-02-28T08:07:00Z'), 15)?.toISOString()).toBe(
      '2027-02-28T08:00:00.000Z',
    );
    expect(deliveredOccurrence(s, d('2027-02-28T08:20:00Z'), 15)).toBeUndefined();
    expect(deliveredOccurrence(s, d('2027-02-27T08:00:00Z'), 15)).toBeUndefined();
  });
});

describe('scheduleSpecFor', () => {
  const task = (over: Partial<Task> = {}): Task => ({
    id: 'tsk_1',
    tenantId: 'ten_1',
    name: 'Cuotas',
    documentType: 'invoice',
    template: { lines: [] },
    pricePolicy: 'template',
    customerIds: ['cus_1'],
    schedule: madrid('monthly', '2027-01-31T09:00'),
    delivery: { mode: 'create', formats: ['pdf'], issue: false },
    status: 'active',
    activeSince: '2027-02-10T12:00:00.000Z',
    version: 1,
    createdAt: '2027-02-10T12:00:00.000Z',
    updatedAt: '2027-02-10T12:00:00.000Z',
    ...over,
  });

  it('starts at the first occurrence after creation: nothing earlier is ever fired', () => {
    expect(scheduleSpecFor(task(), 'runTask', d('2027-02-10T12:00:00Z'))).toEqual({
      name: 'task-tsk_1',
      expression: 'cron(0 9 L * ? *)',
      timezone: 'Europe/Madrid',
      enabled: true,
      target: 'runTask',
      input: { tenantId: 'ten_1', taskId: 'tsk_1', occurrence: '<aws.scheduler.scheduled-time>' },
      flexibleWindowMinutes: 15,
      startDate: d('2027-02-28T08:00:00Z'),
    });
  });

  it('keeps rate() periods on the grid counted from the task start', () => {
    const weekly = task({ schedule: madrid('rate(7 days)', '2027-01-04T10:00') });
    expect(scheduleSpecFor(weekly, 'runTask', d('2027-01-20T00:00:00Z')).startDate).toEqual(
      d('2027-01-25T09:00:00Z'),
    );
  });

  it('is disabled while paused or once the end has passed; at() has no bounds', () => {
    expect(
      scheduleSpecFor(task({ status: 'paused' }), 'runTask', d('2027-02-10T12:00:00Z')).enabled,
    ).toBe(false);
    const ended = task({ schedule: madrid('monthly', '2027-01-31T09:00', '2027-02-01') });
    const spec = scheduleSpecFor(ended, 'runTask', d('2027-03-01T00:00:00Z'));
    expect(spec).toMatchObject({ enabled: false });
    expect(spec.startDate).toBeUndefined();
    expect(spec.endDate).toBeUndefined();
    const once = task({ schedule: madrid('at(2027-06-01T10:00:00)', '2027-01-01') });
    expect(scheduleSpecFor(once, 'runTask', d('2027-02-10T12:00:00Z'))).not.toHaveProperty(
      'startDate',
    );
    const bounded = task({ schedule: madrid('monthly', '2027-01-31T09:00', '2027-12-31') });
    expect(scheduleSpecFor(bounded, 'runTask', d('2027-02-10T12:00:00Z')).endDate).toEqual(
      d('2027-12-31T22:59:59Z'),
    );
  });
});
