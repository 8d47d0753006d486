/**
 * The local stand-in for EventBridge Scheduler: schedules live in a ScheduleStore and a tick
 * loop fires them by calling the same handlers AWS would invoke, with the same input.
 *
 * Rules of the loop:
 * - Window: a schedule fires the occurrences in (lastFiredAt, now], bounded by its StartDate and
 *   EndDate. Before its first firing the range starts at createdAt, so nothing before creation is
 *   backfilled. rate() periods count from StartDate, or createdAt without one, and the occurrence
 *   at createdAt itself fires (AWS starts a rate schedule without StartDate at once). An at()
 *   schedule fires once when its time has come, even if that time had already passed at
 *   creation.
 * - Catch-up: when the loop was not running (laptop asleep, server stopped), only the latest
 *   `maxCatchUp` (default 3) due occurrences fire, oldest first; older ones are reported through
 *   `onMissed` and never fire, much as AWS drops events older than their maximum age.
 * - Retries: a failing invoke is retried on the next ticks, up to `maxAttempts` (default 3) in
 *   all, with `<aws.scheduler.attempt-number>` counting up; later occurrences of that schedule
 *   wait, so they fire in order. After the last attempt the occurrence is given up (reported in
 *   `failed` with `gaveUp: true`) and the schedule moves on. Attempt counts live in memory: a
 *   restart starts counting again.
 * - Exactly once: ticks are serialised, and the cursor is stored after each successful invoke, so
 *   overlapping calls never fire an occurrence twice.
 */
import { randomBytes } from 'node:crypto';
import {
  iterateOccurrences,
  nextOccurrence,
  parseScheduleExpression,
  type ScheduleExpression,
  type ScheduleWindow,
} from '@sello/core/schedules';
import type { ScheduleStore, StoredSchedule } from './schedule-store.ts';

export interface LocalSchedulerOptions {
  store: ScheduleStore;
  /** Runs the triggered function `target` with `event`, as the Lambda would receive it. */
  invoke: (target: string, event: unknown) => Promise<void>;
  clock?: () => Date;
  /** How many overdue occurrences of one schedule a tick fires at most. Default 3. */
  maxCatchUp?: number;
  /** Attempts per occurrence before it is given up. Default 3. */
  maxAttempts?: number;
  /** Schedule group named in the pseudo ARN. Default `default`. */
  groupName?: string;
  onMissed?: (name: string, instants: Date[]) => void;
  log?: (msg: string, data?: Record<string, unknown>) => void;
}

export interface TickResult {
  fired: Array<{ name: string; at: Date; attempt: number }>;
  missed: Array<{ name: string; instants: Date[] }>;
  failed: Array<{ name: string; at: Date; attempt: number; error: string; gaveUp: boolean }>;
}

/** The earliest Date JavaScript can represent: "no lower bound" for a never-fired at(). */
const BEGINNING_OF_TIME = new Date(-8.64e15);

/** AWS's form of `<aws.scheduler.scheduled-time>`: second precision, `Z`, no milliseconds. */
export function awsTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function localScheduleArn(groupName: string, name: string): string {
  return `arn:aws:scheduler:local:000000000000:schedule/${groupName}/${name}`;
}

const PLACEHOLDER = /<aws\.scheduler\.(scheduled-time|execution-id|attempt-number|schedule-arn)>/g;

/**
 * Builds the event the target receives. AWS sends Input as a JSON string with the placeholders
 * replaced in the text; doing the same here gives handlers the exact same JSON (Dates become
 * strings, undefined disappears). The replacement values need no JSON escaping.
 */
export function renderInput(
  input: Record<string, unknown>,
  values: Record<string, string>,
): unknown {
  const text = JSON.stringify(input).replace(
    PLACEHOLDER,
    (whole, key: string) => values[key] ?? whole,
  );
  return JSON.parse(text);
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class LocalScheduler {
  private readonly store: ScheduleStore;
  private readonly invoke: LocalSchedulerOptions['invoke'];
  private readonly clock: () => Date;
  private readonly maxCatchUp: number;
  private readonly maxAttempts: number;
  private readonly groupName: string;
  private readonly onMissed: NonNullable<LocalSchedulerOptions['onMissed']>;
  private readonly log: NonNullable<LocalSchedulerOptions['log']>;
  /** Failed attempts so far, per `name@occurrence`. */
  private readonly attempts = new Map<string, number>();
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(options: LocalSchedulerOptions) {
    this.store = options.store;
    this.invoke = options.invoke;
    this.clock = options.clock ?? (() => new Date());
    this.maxCatchUp = Math.max(1, options.maxCatchUp ?? 3);
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.groupName = options.groupName ?? 'default';
    this.onMissed = options.onMissed ?? (() => {});
    this.log = options.log ?? (() => {});
  }

  /**
   * Fires everything due at `now` (default: the clock, read when this tick's turn comes). Calls
   * queue behind each other, so concurrent ticks never see the same cursor.
   */
  tick(now?: Date): Promise<TickResult> {
    const run = this.queue.then(() => this.runTick(now ?? this.clock()));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Ticks every `intervalMs` until stop(). The timer does not keep the process alive. */
  start(intervalMs = 1000): void {
    if (this.running) return;
    this.running = true;
    const schedule = () => {
      this.timer = setTimeout(async () => {
        try {
          await this.tick();
        } catch (err) {
          this.log('scheduler tick failed', { error: describe(err) });
        }
        if (this.running) schedule();
      }, intervalMs);
      this.timer.unref();
    };
    schedule();
  }

  /** Stops the timer and waits for a tick in progress to finish. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.queue;
  }

  private async runTick(now: Date): Promise<TickResult> {
    const result: TickResult = { fired: [], missed: [], failed: [] };
    for (const schedule of await this.store.list()) {
      if (!schedule.enabled) continue;
      try {
        await this.runSchedule(schedule, now, result);
      } catch (err) {
        // One broken schedule (bad expression in the file, store error) must not stop the rest.
        this.log('schedule skipped', { name: schedule.name, error: describe(err) });
      }
    }
    return result;
  }

  private async runSchedule(s: StoredSchedule, now: Date, result: TickResult): Promise<void> {
    const expr = parseScheduleExpression(s.expression);
    const window = windowOf(s, expr);
    const cursor = s.lastFiredAt ? new Date(s.lastFiredAt) : firstCursor(s, expr);

    const due: Date[] = [];
    for (const instant of iterateOccurrences(expr, s.timezone, cursor, window)) {
      if (instant > now) break;
      due.push(instant);
    }
    const missed = due.slice(0, Math.max(0, due.length - this.maxCatchUp));
    const toFire = due.slice(missed.length);
    const lastMissed = missed.at(-1);
    if (lastMissed) {
      // Cursor first: a throwing onMissed must not make the next tick report them again.
      await this.advanceCursor(s.name, lastMissed);
      result.missed.push({ name: s.name, instants: missed });
      this.log('schedule missed occurrences', { name: s.name, count: missed.length });
      this.onMissed(s.name, missed);
    }

    let lastHandled = lastMissed ?? cursor;
    for (const at of toFire) {
      const key = `${s.name}@${at.toISOString()}`;
      const attempt = (this.attempts.get(key) ?? 0) + 1;
      const event = renderInput(s.input, {
        'scheduled-time': awsTimestamp(at),
        'execution-id': randomBytes(8).toString('hex'),
        'attempt-number': String(attempt),
        'schedule-arn': localScheduleArn(this.groupName, s.name),
      });
      let succeeded = true;
      try {
        await this.invoke(s.target, event);
      } catch (err) {
        succeeded = false;
        const gaveUp = attempt >= this.maxAttempts;
        result.failed.push({ name: s.name, at, attempt, error: describe(err), gaveUp });
        this.log(gaveUp ? 'schedule gave up' : 'schedule invoke failed', {
          name: s.name,
          at: awsTimestamp(at),
          attempt,
          error: describe(err),
        });
        if (!gaveUp) {
          this.attempts.set(key, attempt);
          return; // later occurrences wait for this one, to keep order
        }
      }
      this.attempts.delete(key);
      await this.advanceCursor(s.name, at);
      lastHandled = at;
      if (succeeded) result.fired.push({ name: s.name, at, attempt });
    }

    if (s.deleteAfterCompletion && !nextOccurrence(expr, s.timezone, lastHandled, window)) {
      await this.store.delete(s.name);
      this.log('schedule completed and deleted', { name: s.name });
    }
  }

  /**
   * Stores the cursor on the current version of the schedule, so an upsert made while the target
   * ran is kept, and a cursor never moves backwards.
   */
  private async advanceCursor(name: string, at: Date): Promise<void> {
    const current = (await this.store.list()).find((s) => s.name === name);
    if (!current) return;
    if (current.lastFiredAt && Date.parse(current.lastFiredAt) >= at.getTime()) return;
    await this.store.put({ ...current, lastFiredAt: at.toISOString() });
  }
}

/** Where a schedule that never fired starts looking for occurrences (exclusive). */
function firstCursor(s: StoredSchedule, expr: ScheduleExpression): Date {
  const created = Date.parse(s.createdAt);
  switch (expr.kind) {
    case 'at':
      return BEGINNING_OF_TIME;
    case 'rate':
      return new Date(created - 1); // the occurrence at creation fires, as in AWS
    case 'cron':
      return new Date(created);
  }
}

function windowOf(s: StoredSchedule, expr: ScheduleExpression): ScheduleWindow {
  const window: ScheduleWindow = {};
  // rate() counts from StartDate, or from creation when there is none (AWS starts at once).
  const start = s.startDate ?? (expr.kind === 'rate' ? new Date(s.createdAt) : undefined);
  if (start) window.start = start;
  if (s.endDate) window.end = s.endDate;
  return window;
}
