import { type FieldError, ValidationError } from '../errors.ts';
import type { ScheduleSpec } from '../ports/scheduler.ts';
import {
  parseScheduleExpression,
  type ScheduleExpression,
  validateTimezone,
} from './expression.ts';

/** EventBridge Scheduler's rule for schedule names. */
export const SCHEDULE_NAME_PATTERN = /^[0-9a-zA-Z_.-]{1,64}$/;

/** The context placeholders AWS replaces in a schedule's input when it fires. */
export const SCHEDULER_PLACEHOLDERS = {
  scheduledTime: '<aws.scheduler.scheduled-time>',
  executionId: '<aws.scheduler.execution-id>',
  attemptNumber: '<aws.scheduler.attempt-number>',
  scheduleArn: '<aws.scheduler.schedule-arn>',
} as const;

function errorOf(err: unknown): FieldError[] {
  if (err instanceof ValidationError) return err.errors;
  throw err;
}

function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/**
 * Checks a spec the way the service would (and a little more: the input must be JSON), so both
 * adapters reject the same specs before anything is stored. Reports every problem at once.
 * Returns the parsed expression.
 */
export function validateScheduleSpec(spec: ScheduleSpec): ScheduleExpression {
  const errors: FieldError[] = [];
  const add = (path: string, message: string) => errors.push({ path, message });
  if (typeof spec.name !== 'string' || !SCHEDULE_NAME_PATTERN.test(spec.name)) {
    add('schedule.name', 'The name must be 1-64 characters of letters, digits, "-", "_" and "."');
  }
  let parsed: ScheduleExpression | undefined;
  try {
    parsed = parseScheduleExpression(spec.expression);
  } catch (err) {
    errors.push(...errorOf(err));
  }
  try {
    validateTimezone(spec.timezone);
  } catch (err) {
    errors.push(...errorOf(err));
  }
  if (spec.startDate !== undefined && !isValidDate(spec.startDate)) {
    add('schedule.startDate', 'startDate must be a valid date');
  }
  if (spec.endDate !== undefined && !isValidDate(spec.endDate)) {
    add('schedule.endDate', 'endDate must be a valid date');
  }
  if (
    isValidDate(spec.startDate) &&
    isValidDate(spec.endDate) &&
    spec.endDate.getTime() <= spec.startDate.getTime()
  ) {
    add('schedule.endDate', 'endDate must be after startDate');
  }
  if (typeof spec.enabled !== 'boolean') add('schedule.enabled', 'enabled must be true or false');
  if (typeof spec.target !== 'string' || spec.target.trim() === '') {
    add('schedule.target', 'The target function id is required');
  }
  if (spec.input === null || typeof spec.input !== 'object' || Array.isArray(spec.input)) {
    add('schedule.input', 'The input must be a JSON object');
  } else {
    try {
      JSON.stringify(spec.input);
    } catch {
      add('schedule.input', 'The input must be serialisable as JSON');
    }
  }
  const window = spec.flexibleWindowMinutes;
  if (window !== undefined && (!Number.isInteger(window) || window < 1 || window > 1440)) {
    add(
      'schedule.flexibleWindowMinutes',
      'flexibleWindowMinutes must be an integer from 1 to 1440',
    );
  }
  if (errors.length > 0 || parsed === undefined) {
    throw new ValidationError(
      `Invalid schedule: ${errors.map((e) => e.message).join('; ')}`,
      errors,
    );
  }
  return parsed;
}
