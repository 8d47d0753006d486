/**
 * What the domain needs from a scheduler: keep named schedules that invoke one of our triggered
 * functions. EventBridge Scheduler implements it in AWS; a store plus a tick loop does locally.
 */
export interface ScheduleSpec {
  /** Unique within the schedule group: 1-64 of `[0-9a-zA-Z-_.]`. */
  name: string;
  /** `rate(n unit)`, `cron(min hour dom month dow year)` or `at(yyyy-mm-ddThh:mm:ss)`. */
  expression: string;
  /** IANA time zone in which cron() and at() expressions are read. */
  timezone: string;
  /** Inclusive bounds; rate() schedules count their periods from `startDate`. Ignored by at(). */
  startDate?: Date;
  endDate?: Date;
  enabled: boolean;
  /** Id of a triggered function in the route table, e.g. `runTask`. */
  target: string;
  /**
   * The event the target receives. String values may contain the AWS context placeholders
   * `<aws.scheduler.scheduled-time>`, `<aws.scheduler.execution-id>`,
   * `<aws.scheduler.attempt-number>` and `<aws.scheduler.schedule-arn>`.
   */
  input: Record<string, unknown>;
  /** Let the scheduler fire up to this many minutes late (1-1440) to spread load. */
  flexibleWindowMinutes?: number;
  /** Delete the schedule once it can fire no more (after an at() fired, after the end date). */
  deleteAfterCompletion?: boolean;
}

export interface SchedulerPort {
  /** Creates the schedule or replaces the one with the same name. Idempotent. */
  upsert(spec: ScheduleSpec): Promise<void>;
  /** Deletes the schedule; deleting one that does not exist is not an error. */
  remove(name: string): Promise<void>;
}
