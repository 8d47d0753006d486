import {
  CreateScheduleCommand,
  type CreateScheduleInput,
  DeleteScheduleCommand,
  type RetryPolicy,
  type SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import type { SchedulerPort, ScheduleSpec } from '@sello/core/ports';
import { validateScheduleSpec } from '@sello/core/schedules';

export interface EventBridgeSchedulerConfig {
  /** Schedule group holding Sello's schedules (created by the stack). */
  groupName: string;
  /**
   * Lambda function ARN for a target id of the route table, e.g. `runTask` (the stack passes them
   * to every function managing schedules, one variable per target).
   */
  targetArn: (target: string) => string;
  /** Role EventBridge Scheduler assumes to invoke the targets (lambda:InvokeFunction). */
  roleArn: string;
  /** SQS queue receiving invocations that could not be delivered. */
  deadLetterQueueArn: string;
  retryPolicy?: Required<RetryPolicy>;
}

/**
 * Scheduler invokes Lambda targets asynchronously, so its retries only cover failures to hand the
 * event to Lambda (throttling, service errors); the function's own errors are retried by Lambda's
 * async configuration. We give up after 6 hours rather than AWS's default 24: an invoice run more
 * than 6 hours late should go to the dead-letter queue for a person to look at (it may have
 * crossed a day or period boundary) instead of arriving silently. The attempt count is left at
 * the maximum, 185, so that the age, not the count, ends a throttling episode; the handlers are
 * idempotent on schedule name + scheduled time, so a retry that did reach Lambda does no harm.
 */
export const DEFAULT_SCHEDULER_RETRY_POLICY: Required<RetryPolicy> = {
  MaximumEventAgeInSeconds: 6 * 3600,
  MaximumRetryAttempts: 185,
};

function errorName(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'name' in err ? String(err.name) : undefined;
}

/** SchedulerPort on EventBridge Scheduler; one schedule per spec, in one group. */
export class EventBridgeScheduler implements SchedulerPort {
  private readonly retryPolicy: Required<RetryPolicy>;
  private readonly targetArn: (target: string) => string;

  constructor(
    private readonly client: SchedulerClient,
    private readonly config: EventBridgeSchedulerConfig,
  ) {
    this.retryPolicy = config.retryPolicy ?? DEFAULT_SCHEDULER_RETRY_POLICY;
    this.targetArn = config.targetArn;
  }

  /**
   * UpdateSchedule replaces every field, so the same full input serves for both calls. Update
   * first (schedules are changed more often than created); create when it does not exist; if a
   * concurrent caller created it in between, update again.
   */
  async upsert(spec: ScheduleSpec): Promise<void> {
    validateScheduleSpec(spec);
    const input = this.toInput(spec);
    try {
      await this.client.send(new UpdateScheduleCommand(input));
      return;
    } catch (err) {
      if (errorName(err) !== 'ResourceNotFoundException') throw err;
    }
    try {
      await this.client.send(new CreateScheduleCommand(input));
    } catch (err) {
      if (errorName(err) !== 'ConflictException') throw err;
      await this.client.send(new UpdateScheduleCommand(input));
    }
  }

  async remove(name: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteScheduleCommand({ Name: name, GroupName: this.config.groupName }),
      );
    } catch (err) {
      if (errorName(err) !== 'ResourceNotFoundException') throw err;
    }
  }

  /** The request shared by CreateSchedule and UpdateSchedule. */
  toInput(spec: ScheduleSpec): CreateScheduleInput {
    const input: CreateScheduleInput = {
      Name: spec.name,
      GroupName: this.config.groupName,
      ScheduleExpression: spec.expression,
      ScheduleExpressionTimezone: spec.timezone,
      State: spec.enabled ? 'ENABLED' : 'DISABLED',
      // The SDK does not check required members; the service rejects a missing window.
      FlexibleTimeWindow:
        spec.flexibleWindowMinutes === undefined
          ? { Mode: 'OFF' }
          : { Mode: 'FLEXIBLE', MaximumWindowInMinutes: spec.flexibleWindowMinutes },
      Target: {
        Arn: this.targetArn(spec.target),
        RoleArn: this.config.roleArn,
        Input: JSON.stringify(spec.input),
        RetryPolicy: { ...this.retryPolicy },
        DeadLetterConfig: { Arn: this.config.deadLetterQueueArn },
      },
      // Sent explicitly so an update can also turn deletion off.
      ActionAfterCompletion: spec.deleteAfterCompletion ? 'DELETE' : 'NONE',
    };
    // Omitted, not undefined: an update without them clears the bounds.
    if (spec.startDate) input.StartDate = spec.startDate;
    if (spec.endDate) input.EndDate = spec.endDate;
    return input;
  }
}
