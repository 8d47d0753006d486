import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import type { ScheduleSpec } from '../ports/scheduler.ts';
import { validateScheduleSpec } from './spec.ts';

const spec = (over: Partial<ScheduleSpec> = {}): ScheduleSpec => ({
  name: 'tenant-1.invoice_tpl-1',
  expression: 'cron(0 8 1 * ? *)',
  timezone: 'Europe/Madrid',
  enabled: true,
  target: 'runTask',
  input: { templateId: 'tpl-1' },
  ...over,
});

describe('validateScheduleSpec', () => {
  it('returns the parsed expression of a valid spec', () => {
    expect(validateScheduleSpec(spec())).toMatchObject({ kind: 'cron', hours: [8] });
    expect(validateScheduleSpec(spec({ flexibleWindowMinutes: 1440 })).kind).toBe('cron');
  });

  it('reports every problem at once, with paths', () => {
    let error: unknown;
    try {
      validateScheduleSpec(
        spec({
          name: 'has space',
          expression: 'cron(0 8 * * * *)',
          timezone: 'Nowhere/City',
          startDate: new Date('2026-12-01T00:00:00Z'),
          endDate: new Date('2026-11-01T00:00:00Z'),
          target: '',
          flexibleWindowMinutes: 0,
        }),
      );
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((e) => e.path)).toEqual([
      'schedule.name',
      'schedule.expression',
      'schedule.timezone',
      'schedule.endDate',
      'schedule.target',
      'schedule.flexibleWindowMinutes',
    ]);
  });

  it('enforces the AWS name rule (1-64 of [0-9a-zA-Z-_.])', () => {
    expect(() => validateScheduleSpec(spec({ name: 'a'.repeat(64) }))).not.toThrow();
    expect(() => validateScheduleSpec(spec({ name: 'a'.repeat(65) }))).toThrow(ValidationError);
    expect(() => validateScheduleSpec(spec({ name: '' }))).toThrow(ValidationError);
    expect(() => validateScheduleSpec(spec({ name: 'tenant/1' }))).toThrow(ValidationError);
  });

  it('requires a JSON object input', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => validateScheduleSpec(spec({ input: circular }))).toThrow(/serialisable/);
    expect(() =>
      validateScheduleSpec(spec({ input: [] as unknown as Record<string, unknown> })),
    ).toThrow(/JSON object/);
  });
});
