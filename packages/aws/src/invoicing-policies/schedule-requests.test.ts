import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import {
  deleteInvoicingPolicy,
  type InvoicingPolicy,
  putInvoicingPolicy,
} from '@sello/core/invoicing-policies';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { EventBridgeScheduler } from '../scheduler/eventbridge-scheduler.ts';

const schedulerMock = mockClient(SchedulerClient);
const ACCOUNT = 'arn:aws:lambda:eu-south-2:123456789012:function';
const config = {
  groupName: 'sello-prod',
  targetArn: (target: string) => `${ACCOUNT}:sello-prod-${target}`,
  roleArn: 'arn:aws:iam::123456789012:role/sello-prod-scheduler',
  deadLetterQueueArn: 'arn:aws:sqs:eu-south-2:123456789012:sello-prod-scheduler-dlq',
};
const creates = () =>
  schedulerMock.commandCalls(CreateScheduleCommand).map((call) => call.args[0].input);

/** The policy use cases over the real EventBridge adapter, its client mocked (no AWS here). */
function setup() {
  const stored = new Map<string, InvoicingPolicy>();
  const deps = {
    policies: {
      get: async (_t: string, c: string) => stored.get(c),
      getMany: async () => [],
      put: async (p: InvoicingPolicy) => {
        stored.set(p.customerId, p);
      },
      delete: async (_t: string, c: string) => stored.delete(c),
    },
    customers: { get: async (_t: string, id: string) => ({ id }) as never },
    scheduler: new EventBridgeScheduler(new SchedulerClient({ region: 'eu-south-2' }), config),
    target: 'runInvoicingPolicy',
    clock: { now: () => new Date('2026-12-07T10:00:00Z') },
  };
  return { put: putInvoicingPolicy(deps), remove: deleteInvoicingPolicy(deps) };
}

const request = (over: Record<string, unknown>) => ({
  Name: 'policy-cus_01jexample',
  GroupName: 'sello-prod',
  ScheduleExpressionTimezone: 'Europe/Madrid',
  State: 'ENABLED',
  FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
  Target: {
    Arn: `${ACCOUNT}:sello-prod-runInvoicingPolicy`,
    RoleArn: config.roleArn,
    Input:
      '{"tenantId":"ten_1","customerId":"cus_01jexample","occurrence":"<aws.scheduler.scheduled-time>"}',
    RetryPolicy: { MaximumEventAgeInSeconds: 21600, MaximumRetryAttempts: 185 },
    DeadLetterConfig: { Arn: config.deadLetterQueueArn },
  },
  ActionAfterCompletion: 'NONE',
  ...over,
});

describe("a policy's one EventBridge schedule", () => {
  beforeEach(() => {
    schedulerMock.reset();
    // A new policy: no schedule to update yet, so it is created.
    schedulerMock
      .on(UpdateScheduleCommand)
      .rejects(new ResourceNotFoundException({ message: 'nope', Message: 'nope', $metadata: {} }));
    schedulerMock.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:x' });
    schedulerMock.on(DeleteScheduleCommand).resolves({});
  });

  it('monthly: CreateSchedule on the 1st at 00:00 in the zone, from the next one', async () => {
    await setup().put('ten_1', 'cus_01jexample', { kind: 'monthly', timezone: 'Europe/Madrid' });
    expect(creates()).toStrictEqual([
      request({
        ScheduleExpression: 'cron(0 0 1 * ? *)',
        StartDate: new Date('2026-12-31T23:00:00.000Z'),
      }),
    ]);
  });

  it('everyDays: every local midnight (the run bills every N-th), from the first occurrence', async () => {
    await setup().put('ten_1', 'cus_01jexample', {
      kind: 'everyDays',
      days: 15,
      timezone: 'Europe/Madrid',
      startDate: '2026-12-01',
    });
    expect(creates()).toStrictEqual([
      request({
        ScheduleExpression: 'cron(0 0 * * ? *)',
        StartDate: new Date('2026-12-15T23:00:00.000Z'),
      }),
    ]);
  });

  it('perDeposit has none: turning a policy into one, or deleting it, deletes the schedule', async () => {
    const { put, remove } = setup();
    await put('ten_1', 'cus_01jexample', { kind: 'monthly', timezone: 'Europe/Madrid' });
    await put('ten_1', 'cus_01jexample', { kind: 'perDeposit', timezone: 'Europe/Madrid' });
    await remove('ten_1', 'cus_01jexample');
    expect(creates()).toHaveLength(1);
    expect(schedulerMock.commandCalls(DeleteScheduleCommand).map((c) => c.args[0].input)).toEqual([
      { Name: 'policy-cus_01jexample', GroupName: 'sello-prod' },
      { Name: 'policy-cus_01jexample', GroupName: 'sello-prod' },
    ]);
  });
});
