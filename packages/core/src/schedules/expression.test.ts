import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import {
  isOccurrence,
  nextOccurrence,
  occurrencesBetween,
  parseScheduleExpression,
  periodicityToExpression,
  validateTimezone,
} from './expression.ts';

const d = (iso: string) => new Date(iso);
const isoList = (dates: Date[]) => dates.map((x) => x.toISOString());
const next = (expr: string, tz: string, after: string, window?: { start?: Date; end?: Date }) =>
  nextOccurrence(expr, tz, d(after), window)?.toISOString();
const between = (expr: string, tz: string, from: string, to: string) =>
  isoList(occurrencesBetween(expr, tz, d(from), d(to)));

function expectInvalid(action: () => unknown, path: string, message?: RegExp) {
  try {
    action();
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    const error = err as ValidationError;
    expect(error.errors[0]?.path).toBe(path);
    if (message) expect(error.message).toMatch(message);
    return;
  }
  throw new Error('expected a ValidationError');
}

describe('parseScheduleExpression', () => {
  it('parses rate expressions with singular and plural units', () => {
    expect(parseScheduleExpression('rate(5 minutes)')).toEqual({
      kind: 'rate',
      value: 5,
      unit: 'minute',
      periodMs: 300_000,
      source: 'rate(5 minutes)',
    });
    expect(parseScheduleExpression('rate(1 hour)')).toMatchObject({
      unit: 'hour',
      periodMs: 3_600_000,
    });
    expect(parseScheduleExpression('rate(7 days)')).toMatchObject({
      unit: 'day',
      periodMs: 604_800_000,
    });
  });

  it('parses cron with AWS day-of-week numbering and names', () => {
    expect(parseScheduleExpression('cron(0 8 ? * 2 *)')).toEqual({
      kind: 'cron',
      minutes: [0],
      hours: [8],
      dayOfMonth: { kind: 'any' },
      months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      dayOfWeek: { kind: 'days', days: [2] },
      source: 'cron(0 8 ? * 2 *)',
    });
    expect(parseScheduleExpression('cron(0 18 ? * MON-FRI *)')).toMatchObject({
      dayOfWeek: { kind: 'days', days: [2, 3, 4, 5, 6] },
    });
    expect(parseScheduleExpression('cron(1/10 * * JAN,MAR ? 2027)')).toMatchObject({
      minutes: [1, 11, 21, 31, 41, 51],
      months: [1, 3],
      years: [2027],
    });
  });

  it('parses the L, W and # forms', () => {
    const dom = (field: string) =>
      parseScheduleExpression(`cron(0 9 ${field} * ? *)`) as { dayOfMonth: unknown };
    const dow = (field: string) =>
      parseScheduleExpression(`cron(0 9 ? * ${field} *)`) as { dayOfWeek: unknown };
    expect(dom('L').dayOfMonth).toEqual({ kind: 'last' });
    expect(dom('LW').dayOfMonth).toEqual({ kind: 'lastWeekday' });
    expect(dom('15W').dayOfMonth).toEqual({ kind: 'nearestWeekday', day: 15 });
    expect(dow('6L').dayOfWeek).toEqual({ kind: 'last', weekday: 6 });
    expect(dow('FRIL').dayOfWeek).toEqual({ kind: 'last', weekday: 6 });
    expect(dow('2#1').dayOfWeek).toEqual({ kind: 'nth', weekday: 2, nth: 1 });
    expect(dow('L').dayOfWeek).toEqual({ kind: 'days', days: [7] });
  });

  it('parses at() as a local wall-clock time', () => {
    expect(parseScheduleExpression('at(2026-12-24T09:30:00)')).toEqual({
      kind: 'at',
      year: 2026,
      month: 12,
      day: 24,
      hour: 9,
      minute: 30,
      second: 0,
      source: 'at(2026-12-24T09:30:00)',
    });
  });

  it.each([
    ['every 5 minutes', /expected rate\(\.\.\.\), cron\(\.\.\.\) or at\(\.\.\.\)/],
    [' rate(5 minutes)', /expected rate/],
    ['rate( 5 minutes)', /no spaces/],
    ['rate(0 minutes)', /at least 1/],
    ['rate(-1 minutes)', /positive integer/],
    ['rate(1.5 hours)', /positive integer/],
    ['rate(5 weeks)', /minute\(s\)\|hour\(s\)\|day\(s\)/],
    ['rate(1 hours)', /singular/],
    ['rate(5 hour)', /plural/],
    ['cron(0 8 * * * *)', /\? in exactly one/],
    ['cron(0 8 ? * ? *)', /\? in exactly one/],
    ['cron(0 8 1 * ?)', /6 fields/],
    ['cron(0 0 8 1 * ? *)', /6 fields/],
    ['cron(60 8 1 * ? *)', /minutes field "60": 60 is outside 0-59/],
    ['cron(0 24 1 * ? *)', /hours field "24"/],
    ['cron(0 8 32 * ? *)', /day-of-month field "32"/],
    ['cron(0 8 0 * ? *)', /day-of-month field "0"/],
    ['cron(0 8 1 13 ? *)', /month field "13"/],
    ['cron(0 8 ? * 0 *)', /day-of-week field "0": 0 is outside 1-7/],
    ['cron(0 8 ? * 8 *)', /day-of-week field "8"/],
    ['cron(0 8 ? * MON/2 *)', /increments/],
    ['cron(0 8 ? * FRI-MON *)', /backwards/],
    ['cron(0 8 ? * 2#6 *)', /1-5/],
    ['cron(0 8 ? * 2#1,3#2 *)', /single day#n/],
    ['cron(0 8 ? * 6L,2 *)', /L must be used alone/],
    ['cron(0 8 L-2 * ? *)', /L and W must be used alone/],
    ['cron(0 8 1,L * ? *)', /L and W must be used alone/],
    ['cron(0 8 1 * ? 1969)', /year field "1969"/],
    ['cron(0 8 1 * ? 2200)', /year field "2200"/],
    ['cron(*/0 8 1 * ? *)', /increment "0"/],
    ['cron(0 8 1 FOO ? *)', /"FOO" is not a valid value/],
    ['cron(0 ? 1 * ? *)', /only allowed in the day-of-month and day-of-week/],
    ['at(2026-02-30T10:00:00)', /no such date/],
    ['at(2026-12-24T24:00:00)', /no such date/],
    ['at(2026-12-24T09:30)', /yyyy-mm-ddThh:mm:ss/],
    ['at(2026-12-24T09:30:00Z)', /yyyy-mm-ddThh:mm:ss/],
  ])('rejects %s', (expr, message) => {
    expectInvalid(() => parseScheduleExpression(expr), 'schedule.expression', message);
  });
});

describe('cron occurrences', () => {
  it('reads day-of-week 2 as Monday (AWS numbers SUN=1 .. SAT=7)', () => {
    // 2026-11-23 is a Monday; 08:00 has passed, so the next is the following Monday.
    expect(next('cron(0 8 ? * 2 *)', 'UTC', '2026-11-23T07:59:00Z')).toBe(
      '2026-11-23T08:00:00.000Z',
    );
    expect(next('cron(0 8 ? * 2 *)', 'UTC', '2026-11-23T08:00:00Z')).toBe(
      '2026-11-30T08:00:00.000Z',
    );
    expect(next('cron(0 8 ? * 1 *)', 'UTC', '2026-11-23T08:00:00Z')).toBe(
      '2026-11-29T08:00:00.000Z',
    );
  });

  it('fires on weekdays only with MON-FRI, in the zone', () => {
    // Friday 2026-11-27 after 09:00 Madrid (CET, UTC+1) -> Monday 2026-11-30.
    expect(
      between(
        'cron(0 9 ? * MON-FRI *)',
        'Europe/Madrid',
        '2026-11-27T08:00:00Z',
        '2026-12-02T00:00:00Z',
      ),
    ).toEqual(['2026-11-30T08:00:00.000Z', '2026-12-01T08:00:00.000Z']);
  });

  it('fires on the last day of each month with L, across DST', () => {
    expect(
      between('cron(0 9 L * ? *)', 'Europe/Madrid', '2026-01-01T00:00:00Z', '2026-05-01T00:00:00Z'),
    ).toEqual([
      '2026-01-31T08:00:00.000Z',
      '2026-02-28T08:00:00.000Z',
      '2026-03-31T07:00:00.000Z',
      '2026-04-30T07:00:00.000Z',
    ]);
    expect(next('cron(0 9 L 2 ? *)', 'UTC', '2028-01-01T00:00:00Z')).toBe(
      '2028-02-29T09:00:00.000Z',
    );
  });

  it('skips months without the day when the day is fixed (31)', () => {
    expect(
      between('cron(0 0 31 * ? *)', 'UTC', '2026-01-01T00:00:00Z', '2026-06-01T00:00:00Z'),
    ).toEqual(['2026-01-31T00:00:00.000Z', '2026-03-31T00:00:00.000Z', '2026-05-31T00:00:00.000Z']);
  });

  it('supports last weekday-of-month (6L), nth weekday (2#1) and L as Saturday', () => {
    expect(
      between('cron(0 9 ? * 6L *)', 'UTC', '2026-01-01T00:00:00Z', '2026-04-01T00:00:00Z'),
    ).toEqual(['2026-01-30T09:00:00.000Z', '2026-02-27T09:00:00.000Z', '2026-03-27T09:00:00.000Z']);
    expect(
      between('cron(0 9 ? * 2#1 *)', 'UTC', '2026-01-01T00:00:00Z', '2026-04-01T00:00:00Z'),
    ).toEqual(['2026-01-05T09:00:00.000Z', '2026-02-02T09:00:00.000Z', '2026-03-02T09:00:00.000Z']);
    expect(next('cron(0 9 ? * L *)', 'UTC', '2026-01-01T00:00:00Z')).toBe(
      '2026-01-03T09:00:00.000Z',
    );
  });

  it('supports nearest weekday (W) without leaving the month, and LW', () => {
    // 15 Feb and 15 Mar 2026 are Sundays -> Monday the 16th.
    expect(
      between('cron(0 9 15W * ? *)', 'UTC', '2026-01-01T00:00:00Z', '2026-04-01T00:00:00Z'),
    ).toEqual(['2026-01-15T09:00:00.000Z', '2026-02-16T09:00:00.000Z', '2026-03-16T09:00:00.000Z']);
    // 1 Aug 2026 is a Saturday: the nearest weekday in August is Monday the 3rd, not 31 July.
    expect(next('cron(0 9 1W * ? *)', 'UTC', '2026-07-15T00:00:00Z')).toBe(
      '2026-08-03T09:00:00.000Z',
    );
    // 31 May 2026 is a Sunday: the last weekday is Friday the 29th.
    expect(next('cron(0 9 LW * ? *)', 'UTC', '2026-05-01T00:00:00Z')).toBe(
      '2026-05-29T09:00:00.000Z',
    );
  });

  it('filters by the year field', () => {
    expect(
      between('cron(0 0 1 1 ? 2027,2029)', 'UTC', '2026-01-01T00:00:00Z', '2035-01-01T00:00:00Z'),
    ).toEqual(['2027-01-01T00:00:00.000Z', '2029-01-01T00:00:00.000Z']);
    expect(next('cron(0 0 1 1 ? 2027-2029/2)', 'UTC', '2027-01-01T00:00:00Z')).toBe(
      '2029-01-01T00:00:00.000Z',
    );
    expect(next('cron(0 0 1 1 ? 2027)', 'UTC', '2027-01-01T00:00:00Z')).toBeUndefined();
  });

  it('returns undefined for dates that never exist', () => {
    expect(next('cron(0 0 30 2 ? *)', 'Europe/Madrid', '2026-01-01T00:00:00Z')).toBeUndefined();
  });

  it('skips a 02:30 occurrence on the Europe/Madrid spring-forward night (29 Mar 2026)', () => {
    // 02:00 CET jumps to 03:00 CEST, so 02:30 does not exist that day; AWS skips it.
    expect(
      between(
        'cron(30 2 * * ? *)',
        'Europe/Madrid',
        '2026-03-27T12:00:00Z',
        '2026-03-31T00:00:00Z',
      ),
    ).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-30T00:30:00.000Z']);
    // The weekly "last Sunday of March" case: that Sunday is missing, the next week is in CEST.
    expect(
      between(
        'cron(30 2 ? * SUN *)',
        'Europe/Madrid',
        '2026-03-20T00:00:00Z',
        '2026-04-10T00:00:00Z',
      ),
    ).toEqual(['2026-03-22T01:30:00.000Z', '2026-04-05T00:30:00.000Z']);
  });

  it('fires a repeated local time once on the Europe/Madrid fall-back night (25 Oct 2026)', () => {
    // 03:00 CEST goes back to 02:00 CET, so 02:30 happens twice (00:30Z and 01:30Z); AWS fires once.
    expect(
      between(
        'cron(30 2 * * ? *)',
        'Europe/Madrid',
        '2026-10-23T12:00:00Z',
        '2026-10-27T00:00:00Z',
      ),
    ).toEqual(['2026-10-24T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
    // Every 30 minutes: the repeated hour does not fire again.
    expect(
      between(
        'cron(0/30 * * * ? *)',
        'Europe/Madrid',
        '2026-10-24T23:45:00Z',
        '2026-10-25T02:30:00Z',
      ),
    ).toEqual([
      '2026-10-25T00:00:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T02:00:00.000Z',
      '2026-10-25T02:30:00.000Z',
    ]);
    // Asking from inside the second pass does not fire the repeated time either.
    expect(next('cron(45 2 * * ? *)', 'Europe/Madrid', '2026-10-25T01:30:00Z')).toBe(
      '2026-10-26T01:45:00.000Z',
    );
  });

  it('fires 01:30 once on the America/New_York fall-back night (1 Nov 2026)', () => {
    expect(
      between(
        'cron(30 1 * * ? *)',
        'America/New_York',
        '2026-10-31T12:00:00Z',
        '2026-11-02T12:00:00Z',
      ),
    ).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
  });

  it('keeps America/Mexico_City at UTC-6 all year (no DST since 2022)', () => {
    expect(next('cron(0 9 * * ? *)', 'America/Mexico_City', '2026-01-15T00:00:00Z')).toBe(
      '2026-01-15T15:00:00.000Z',
    );
    expect(next('cron(0 9 * * ? *)', 'America/Mexico_City', '2026-07-15T00:00:00Z')).toBe(
      '2026-07-15T15:00:00.000Z',
    );
    // Summer 2021 still had daylight saving time (UTC-5).
    expect(next('cron(0 9 * * ? *)', 'America/Mexico_City', '2021-07-15T00:00:00Z')).toBe(
      '2021-07-15T14:00:00.000Z',
    );
  });

  it('bounds occurrences by the start and end dates, both inclusive', () => {
    const window = { start: d('2026-11-24T08:00:00Z'), end: d('2026-11-26T08:00:00Z') };
    expect(
      isoList(
        occurrencesBetween(
          'cron(0 8 * * ? *)',
          'UTC',
          d('2026-11-01T00:00:00Z'),
          d('2026-12-31T00:00:00Z'),
          window,
        ),
      ),
    ).toEqual(['2026-11-24T08:00:00.000Z', '2026-11-25T08:00:00.000Z', '2026-11-26T08:00:00.000Z']);
    expect(next('cron(0 8 * * ? *)', 'UTC', '2026-11-26T08:00:00Z', window)).toBeUndefined();
  });
});

describe('rate occurrences', () => {
  const window = { start: d('2026-11-23T10:15:00Z') };

  it('counts periods from the window start, which is itself an occurrence', () => {
    expect(next('rate(2 hours)', 'UTC', '2026-11-23T00:00:00Z', window)).toBe(
      '2026-11-23T10:15:00.000Z',
    );
    expect(next('rate(2 hours)', 'UTC', '2026-11-23T10:15:00Z', window)).toBe(
      '2026-11-23T12:15:00.000Z',
    );
    expect(next('rate(2 hours)', 'UTC', '2026-11-23T13:00:00Z', window)).toBe(
      '2026-11-23T14:15:00.000Z',
    );
    expect(isOccurrence('rate(2 hours)', 'UTC', d('2026-11-23T16:15:00Z'), window)).toBe(true);
    expect(isOccurrence('rate(2 hours)', 'UTC', d('2026-11-23T11:15:00Z'), window)).toBe(false);
    expect(isOccurrence('rate(2 hours)', 'UTC', d('2026-11-23T08:15:00Z'), window)).toBe(false);
  });

  it('anchors at the Unix epoch without a start date', () => {
    expect(next('rate(5 minutes)', 'UTC', '2026-11-23T10:02:30Z')).toBe('2026-11-23T10:05:00.000Z');
  });

  it('treats a day as 24 hours, whatever the time zone does', () => {
    const start = { start: d('2026-03-28T09:00:00Z') }; // 10:00 CET
    expect(
      isoList(
        occurrencesBetween(
          'rate(1 day)',
          'Europe/Madrid',
          d('2026-03-28T00:00:00Z'),
          d('2026-03-30T12:00:00Z'),
          start,
        ),
      ),
    ).toEqual(['2026-03-28T09:00:00.000Z', '2026-03-29T09:00:00.000Z', '2026-03-30T09:00:00.000Z']);
  });

  it('stops at the end date and honours the limit', () => {
    const bounded = { start: d('2026-11-23T10:00:00Z'), end: d('2026-11-23T10:20:00Z') };
    expect(
      isoList(
        occurrencesBetween(
          'rate(10 minutes)',
          'UTC',
          d('2026-11-23T00:00:00Z'),
          d('2026-11-24T00:00:00Z'),
          bounded,
        ),
      ),
    ).toEqual(['2026-11-23T10:00:00.000Z', '2026-11-23T10:10:00.000Z', '2026-11-23T10:20:00.000Z']);
    expect(
      occurrencesBetween(
        'rate(1 minute)',
        'UTC',
        d('2026-11-23T00:00:00Z'),
        d('2026-11-24T00:00:00Z'),
        {},
        5,
      ),
    ).toHaveLength(5);
  });
});

describe('at occurrences', () => {
  it('reads the wall clock in the schedule time zone', () => {
    expect(next('at(2026-12-24T09:30:00)', 'Europe/Madrid', '2026-01-01T00:00:00Z')).toBe(
      '2026-12-24T08:30:00.000Z',
    );
    expect(next('at(2026-12-24T09:30:00)', 'America/Mexico_City', '2026-01-01T00:00:00Z')).toBe(
      '2026-12-24T15:30:00.000Z',
    );
    expect(
      next('at(2026-12-24T09:30:00)', 'Europe/Madrid', '2026-12-24T08:30:00Z'),
    ).toBeUndefined();
    expect(
      isOccurrence('at(2026-12-24T09:30:00)', 'Europe/Madrid', d('2026-12-24T08:30:00Z')),
    ).toBe(true);
  });

  it('moves a time in the spring-forward gap forward, and takes the first of a repeated time', () => {
    expect(next('at(2026-03-29T02:30:00)', 'Europe/Madrid', '2026-01-01T00:00:00Z')).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(next('at(2026-10-25T02:30:00)', 'Europe/Madrid', '2026-01-01T00:00:00Z')).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('ignores the start and end dates, as AWS does for one-time schedules', () => {
    const window = { start: d('2027-01-01T00:00:00Z'), end: d('2027-02-01T00:00:00Z') };
    expect(next('at(2026-12-24T09:30:00)', 'UTC', '2026-01-01T00:00:00Z', window)).toBe(
      '2026-12-24T09:30:00.000Z',
    );
  });
});

describe('validateTimezone', () => {
  it('accepts IANA zones and UTC', () => {
    expect(() => validateTimezone('Europe/Madrid')).not.toThrow();
    expect(() => validateTimezone('America/Mexico_City')).not.toThrow();
    expect(() => validateTimezone('UTC')).not.toThrow();
  });

  it.each(['Mars/Olympus', '+01:00', '', 'CET+1'])('rejects %j', (tz) => {
    expectInvalid(() => validateTimezone(tz), 'schedule.timezone', /IANA/);
  });

  it('is applied when computing occurrences', () => {
    expectInvalid(
      () => nextOccurrence('cron(0 8 * * ? *)', 'Nowhere/City', d('2026-01-01T00:00:00Z')),
      'schedule.timezone',
    );
  });
});

describe('periodicityToExpression', () => {
  it('builds daily, weekly, monthly, quarterly and yearly crons from the anchor', () => {
    const anchor = { date: '2026-11-23', time: '09:30' }; // a Monday
    expect(periodicityToExpression('daily', anchor)).toBe('cron(30 9 * * ? *)');
    expect(periodicityToExpression('weekly', anchor)).toBe('cron(30 9 ? * MON *)');
    expect(periodicityToExpression('monthly', anchor)).toBe('cron(30 9 23 * ? *)');
    expect(periodicityToExpression('quarterly', anchor)).toBe('cron(30 9 23 2,5,8,11 ? *)');
    expect(periodicityToExpression('yearly', anchor)).toBe('cron(30 9 23 11 ? *)');
    expect(periodicityToExpression('daily', { date: '2026-11-23' })).toBe('cron(0 0 * * ? *)');
  });

  it('uses L when some fired month lacks the anchor day', () => {
    expect(periodicityToExpression('monthly', { date: '2026-01-31' })).toBe('cron(0 0 L * ? *)');
    expect(periodicityToExpression('monthly', { date: '2026-01-29' })).toBe('cron(0 0 L * ? *)');
    expect(periodicityToExpression('monthly', { date: '2026-02-28' })).toBe('cron(0 0 28 * ? *)');
    // Jan/Apr/Jul/Oct all have a 30th; a 31st does not exist in April.
    expect(periodicityToExpression('quarterly', { date: '2026-01-30' })).toBe(
      'cron(0 0 30 1,4,7,10 ? *)',
    );
    expect(periodicityToExpression('quarterly', { date: '2026-01-31' })).toBe(
      'cron(0 0 L 1,4,7,10 ? *)',
    );
    expect(periodicityToExpression('yearly', { date: '2028-02-29' })).toBe('cron(0 0 L 2 ? *)');
    expect(periodicityToExpression('yearly', { date: '2026-04-30' })).toBe('cron(0 0 30 4 ? *)');
  });

  it('makes monthly-on-the-31st fire on the last day of shorter months', () => {
    const expr = periodicityToExpression('monthly', { date: '2026-01-31', time: '10:00' });
    expect(
      isoList(
        occurrencesBetween(
          expr,
          'Europe/Madrid',
          d('2026-01-30T00:00:00Z'),
          d('2026-05-01T00:00:00Z'),
          {
            start: d('2026-01-31T09:00:00Z'),
          },
        ),
      ),
    ).toEqual([
      '2026-01-31T09:00:00.000Z',
      '2026-02-28T09:00:00.000Z',
      '2026-03-31T08:00:00.000Z',
      '2026-04-30T08:00:00.000Z',
    ]);
  });

  it('rejects invalid anchors', () => {
    expectInvalid(
      () => periodicityToExpression('monthly', { date: '2026-02-30' }),
      'schedule.anchor.date',
    );
    expectInvalid(
      () => periodicityToExpression('monthly', { date: '23/11/2026' }),
      'schedule.anchor.date',
    );
    expectInvalid(
      () => periodicityToExpression('daily', { date: '2026-11-23', time: '24:00' }),
      'schedule.anchor.time',
    );
  });
});
