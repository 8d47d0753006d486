import { describe, expect, it } from 'vitest';
import type { InvoicingPolicy } from './model.ts';
import {
  deliveredPolicyOccurrence,
  isPolicyOccurrence,
  localMidnight,
  nextPolicyOccurrences,
  periodStart,
  policyScheduleSpec,
} from './schedule.ts';

const policy = (over: Partial<InvoicingPolicy> = {}): InvoicingPolicy => {
  const base = {
    tenantId: 'ten_1',
    customerId: 'cus_1',
    kind: 'monthly' as const,
    timezone: 'Europe/Madrid',
    startDate: '2026-10-01',
    version: 1,
    createdAt: '2026-10-01T08:00:00.000Z',
    updatedAt: '2026-10-01T08:00:00.000Z',
    ...over,
  };
  return { ...base, startsAt: localMidnight(base.startDate, base.timezone).toISOString() };
};
const at = (iso: string) => new Date(iso);

describe("a policy's occurrences: local midnights in its time zone", () => {
  it('monthly: the 1st at 00:00 in Madrid, CEST or CET, after the start; the period is the month before', () => {
    const p = policy();
    expect(p.startsAt).toBe('2026-09-30T22:00:00.000Z');
    expect(
      nextPolicyOccurrences(p, at('2026-10-05T00:00:00Z'), 3).map((d) => d.toISOString()),
    ).toEqual(['2026-10-31T23:00:00.000Z', '2026-11-30T23:00:00.000Z', '2026-12-31T23:00:00.000Z']);
    expect(isPolicyOccurrence(p, at('2026-10-31T23:00:00Z'))).toBe(true);
    // 00:00 UTC is 01:00 in Madrid: not midnight there.
    expect(isPolicyOccurrence(p, at('2026-11-01T00:00:00Z'))).toBe(false);
    // The start itself opens the first period; it closes none.
    expect(isPolicyOccurrence(p, at('2026-09-30T22:00:00Z'))).toBe(false);
    expect(periodStart(p, at('2026-11-30T23:00:00Z')).toISOString()).toBe(
      '2026-10-31T23:00:00.000Z',
    );
    // The first period runs from the start (in October, before the clocks went back).
    expect(periodStart(p, at('2026-10-31T23:00:00Z')).toISOString()).toBe(
      '2026-09-30T22:00:00.000Z',
    );
  });

  it('everyDays: every N local days from the start day, across a daylight-saving change', () => {
    const p = policy({ kind: 'everyDays', days: 15 });
    expect(
      nextPolicyOccurrences(p, at('2026-10-01T12:00:00Z'), 3).map((d) => d.toISOString()),
    ).toEqual([
      '2026-10-15T22:00:00.000Z', // 16 Oct 00:00 CEST
      '2026-10-30T23:00:00.000Z', // 31 Oct 00:00 CET
      '2026-11-14T23:00:00.000Z',
    ]);
    expect(isPolicyOccurrence(p, at('2026-10-30T23:00:00Z'))).toBe(true);
    // Every other midnight is not one (the schedule fires daily; those deliveries are ignored).
    expect(isPolicyOccurrence(p, at('2026-10-29T23:00:00Z'))).toBe(false);
    expect(periodStart(p, at('2026-10-30T23:00:00Z')).toISOString()).toBe(
      '2026-10-15T22:00:00.000Z',
    );
    const weekly = policy({ kind: 'everyDays', days: 7, startDate: '2026-12-07' });
    expect(
      nextPolicyOccurrences(weekly, at('2026-12-07T10:00:00Z'), 2).map((d) => d.toISOString()),
    ).toEqual(['2026-12-13T23:00:00.000Z', '2026-12-20T23:00:00.000Z']);
  });

  it('a delivery late within the flexible window stands for its midnight; any other instant for none', () => {
    const p = policy();
    expect(deliveredPolicyOccurrence(p, at('2026-10-31T23:09:00Z'), 15)?.toISOString()).toBe(
      '2026-10-31T23:00:00.000Z',
    );
    expect(deliveredPolicyOccurrence(p, at('2026-10-31T23:20:00Z'), 15)).toBeUndefined();
    expect(deliveredPolicyOccurrence(p, at('2026-11-01T23:00:00Z'), 15)).toBeUndefined();
  });

  it('one schedule per policy: the 1st or every day at 00:00 local, from the next occurrence; none per deposit', () => {
    const now = at('2026-12-07T10:00:00Z');
    expect(policyScheduleSpec(policy(), 'runInvoicingPolicy', now)).toEqual({
      name: 'policy-cus_1',
      expression: 'cron(0 0 1 * ? *)',
      timezone: 'Europe/Madrid',
      enabled: true,
      target: 'runInvoicingPolicy',
      input: {
        tenantId: 'ten_1',
        customerId: 'cus_1',
        occurrence: '<aws.scheduler.scheduled-time>',
      },
      flexibleWindowMinutes: 15,
      startDate: at('2026-12-31T23:00:00.000Z'),
    });
    const every = policyScheduleSpec(
      policy({ kind: 'everyDays', days: 21, startDate: '2026-12-07' }),
      'runInvoicingPolicy',
      now,
    );
    expect(every?.expression).toBe('cron(0 0 * * ? *)');
    expect(every?.startDate).toEqual(at('2026-12-27T23:00:00.000Z'));
    expect(policyScheduleSpec(policy({ kind: 'perDeposit' }), 'runInvoicingPolicy', now)).toBe(
      undefined,
    );
  });
});
