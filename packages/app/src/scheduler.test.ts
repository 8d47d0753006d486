import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { ENV, functionArnEnv } from '@sello/contracts';
import { resolveSchedule, scheduleSpecFor, type Task } from '@sello/core/tasks';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { taskScheduler, useTaskScheduler } from './scheduler.ts';

const scheduler = mockClient(SchedulerClient);
const RUN_TASK = 'arn:aws:lambda:eu-south-2:123456789012:function:sello-prod-run-task';
const env = {
  [ENV.schedulerGroup]: 'sello-prod',
  [ENV.schedulerRoleArn]: 'arn:aws:iam::123456789012:role/sello-prod-scheduler',
  [ENV.schedulerDlqArn]: 'arn:aws:sqs:eu-south-2:123456789012:sello-prod-scheduler-dlq',
  [functionArnEnv('runTask')]: RUN_TASK,
};

const task: Task = {
  id: 'tsk_01kaexampleexampleexample0',
  tenantId: 'ten_01kaexampleexampleexample0',
  name: 'Cuotas',
  documentType: 'invoice',
  template: { lines: [] },
  pricePolicy: 'template',
  customerIds: ['cus_1'],
  schedule: resolveSchedule({
    expression: 'monthly',
    timezone: 'Europe/Madrid',
    startDate: '2027-01-31T09:00',
    endDate: '2027-12-31',
  }),
  delivery: { mode: 'create', formats: ['pdf'], issue: false },
  status: 'active',
  activeSince: '2027-02-10T12:00:00.000Z',
  version: 1,
  createdAt: '2027-02-10T12:00:00.000Z',
  updatedAt: '2027-02-10T12:00:00.000Z',
};

beforeAll(() => Object.assign(process.env, env));
afterAll(() => {
  for (const name of Object.keys(env)) delete process.env[name];
  scheduler.restore();
});
beforeEach(() => {
  scheduler.reset();
  useTaskScheduler(undefined);
});

const calls = <T>(command: new (...args: never[]) => T) =>
  scheduler.commandCalls(command as never).map((c) => c.args[0].input);

describe('the tasks scheduler on EventBridge Scheduler', () => {
  it("creates a task's schedule: group, time zone, window, bounds, run function, DLQ, retries", async () => {
    scheduler
      .on(UpdateScheduleCommand)
      .rejects(new ResourceNotFoundException({ message: 'no', Message: 'no', $metadata: {} }));
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:x' });

    await taskScheduler.upsert(scheduleSpecFor(task, 'runTask', new Date('2027-02-10T12:00:00Z')));

    expect(calls(CreateScheduleCommand)).toStrictEqual([
      {
        Name: 'task-tsk_01kaexampleexampleexample0',
        GroupName: 'sello-prod',
        ScheduleExpression: 'cron(0 9 L * ? *)',
        ScheduleExpressionTimezone: 'Europe/Madrid',
        State: 'ENABLED',
        FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
        Target: {
          Arn: RUN_TASK,
          RoleArn: 'arn:aws:iam::123456789012:role/sello-prod-scheduler',
          Input:
            '{"tenantId":"ten_01kaexampleexampleexample0","taskId":"tsk_01kaexampleexampleexample0","occurrence":"<aws.scheduler.scheduled-time>"}',
          RetryPolicy: { MaximumEventAgeInSeconds: 21600, MaximumRetryAttempts: 185 },
          DeadLetterConfig: { Arn: 'arn:aws:sqs:eu-south-2:123456789012:sello-prod-scheduler-dlq' },
        },
        ActionAfterCompletion: 'NONE',
        // The first month end after creation (AWS refuses a StartDate in the past).
        StartDate: new Date('2027-02-28T08:00:00Z'),
        EndDate: new Date('2027-12-31T22:59:59Z'),
      },
    ]);
  });

  it('pausing updates the same schedule to DISABLED; deleting removes it', async () => {
    scheduler.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn:x' });
    scheduler.on(DeleteScheduleCommand).resolves({});
    await taskScheduler.upsert(
      scheduleSpecFor({ ...task, status: 'paused' }, 'runTask', new Date('2027-02-10T12:00:00Z')),
    );
    expect(calls(UpdateScheduleCommand)).toMatchObject([
      { Name: 'task-tsk_01kaexampleexampleexample0', State: 'DISABLED' },
    ]);
    expect(calls(CreateScheduleCommand)).toEqual([]);
    await taskScheduler.remove('task-tsk_01kaexampleexampleexample0');
    expect(calls(DeleteScheduleCommand)).toStrictEqual([
      { Name: 'task-tsk_01kaexampleexampleexample0', GroupName: 'sello-prod' },
    ]);
  });

  it('a continuation is a one-time schedule in UTC that deletes itself', async () => {
    scheduler.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn:x' });
    await taskScheduler.upsert({
      name: 'run-run_01kaexampleexampleexample0',
      expression: 'at(2027-02-28T08:14:00)',
      timezone: 'UTC',
      enabled: true,
      target: 'runTask',
      input: { tenantId: 't', taskId: 'k', occurrence: '2027-02-28T08:00:00.000Z', runId: 'r' },
      deleteAfterCompletion: true,
    });
    expect(calls(UpdateScheduleCommand)).toMatchObject([
      {
        ScheduleExpression: 'at(2027-02-28T08:14:00)',
        ScheduleExpressionTimezone: 'UTC',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: { Arn: RUN_TASK },
      },
    ]);
  });

  it('uses the scheduler the local platform registers instead', async () => {
    const specs: string[] = [];
    useTaskScheduler({
      upsert: async (s) => void specs.push(s.name),
      remove: async () => {},
    });
    await taskScheduler.upsert(scheduleSpecFor(task, 'runTask', new Date('2027-02-10T12:00:00Z')));
    expect(specs).toEqual(['task-tsk_01kaexampleexampleexample0']);
    expect(scheduler.calls()).toHaveLength(0);
  });
});
