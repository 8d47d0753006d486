import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { ValidationError } from '@sello/core/errors';
import type { ScheduleSpec } from '@sello/core/ports';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { EventBridgeScheduler } from './eventbridge-scheduler.ts';

const schedulerMock = mockClient(SchedulerClient);

const ACCOUNT = 'arn:aws:lambda:eu-south-2:123456789012:function';
const config = {
  groupName: 'sello-dev',
  targetArn: (target: string) => `${ACCOUNT}:sello-dev-${target}`,
  roleArn: 'arn:aws:iam::123456789012:role/sello-dev-scheduler',
  deadLetterQueueArn: 'arn:aws:sqs:eu-south-2:123456789012:sello-dev-scheduler-dlq',
};

const spec = (over: Partial<ScheduleSpec> = {}): ScheduleSpec => ({
  name: 't-1.recurring.tpl-1',
  expression: 'cron(0 8 1 * ? *)',
  timezone: 'Europe/Madrid',
  enabled: true,
  target: 'runTask',
  input: { tenantId: 't-1', templateId: 'tpl-1', scheduledFor: '<aws.scheduler.scheduled-time>' },
  ...over,
});

/** The complete request for `spec()`: every field the adapter sends. */
const baseRequest = {
  Name: 't-1.recurring.tpl-1',
  GroupName: 'sello-dev',
  ScheduleExpression: 'cron(0 8 1 * ? *)',
  ScheduleExpressionTimezone: 'Europe/Madrid',
  State: 'ENABLED',
  FlexibleTimeWindow: { Mode: 'OFF' },
  Target: {
    Arn: 'arn:aws:lambda:eu-south-2:123456789012:function:sello-dev-runTask',
    RoleArn: 'arn:aws:iam::123456789012:role/sello-dev-scheduler',
    Input:
      '{"tenantId":"t-1","templateId":"tpl-1","scheduledFor":"<aws.scheduler.scheduled-time>"}',
    RetryPolicy: { MaximumEventAgeInSeconds: 21600, MaximumRetryAttempts: 185 },
    DeadLetterConfig: { Arn: 'arn:aws:sqs:eu-south-2:123456789012:sello-dev-scheduler-dlq' },
  },
  ActionAfterCompletion: 'NONE',
};

/** Options for SDK service exceptions, which carry the message twice. */
const serviceError = (message: string) => ({ message, Message: message, $metadata: {} });
const notFound = () => new ResourceNotFoundException(serviceError('Schedule not found'));

const updates = () =>
  schedulerMock.commandCalls(UpdateScheduleCommand).map((call) => call.args[0].input);
const creates = () =>
  schedulerMock.commandCalls(CreateScheduleCommand).map((call) => call.args[0].input);
const deletes = () =>
  schedulerMock.commandCalls(DeleteScheduleCommand).map((call) => call.args[0].input);

describe('EventBridgeScheduler', () => {
  let scheduler: EventBridgeScheduler;

  beforeEach(() => {
    schedulerMock.reset();
    scheduler = new EventBridgeScheduler(new SchedulerClient({ region: 'eu-south-2' }), config);
  });

  it('updates an existing schedule with the full request and does not create', async () => {
    schedulerMock.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn:x' });

    await scheduler.upsert(spec());

    expect(updates()).toStrictEqual([baseRequest]);
    expect(creates()).toStrictEqual([]);
  });

  it('creates the schedule when the update finds none', async () => {
    schedulerMock.on(UpdateScheduleCommand).rejects(notFound());
    schedulerMock.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:x' });

    await scheduler.upsert(spec());

    expect(updates()).toStrictEqual([baseRequest]);
    expect(creates()).toStrictEqual([baseRequest]);
  });

  it('updates again when a concurrent caller created the schedule first', async () => {
    schedulerMock
      .on(UpdateScheduleCommand)
      .rejectsOnce(notFound())
      .resolves({ ScheduleArn: 'arn:x' });
    schedulerMock.on(CreateScheduleCommand).rejects(new ConflictException(serviceError('exists')));

    await scheduler.upsert(spec());

    expect(updates()).toStrictEqual([baseRequest, baseRequest]);
    expect(creates()).toStrictEqual([baseRequest]);
  });

  it('sends dates, a flexible window, DISABLED and DELETE when the spec asks for them', async () => {
    schedulerMock.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn:x' });
    const startDate = new Date('2026-12-01T00:00:00Z');
    const endDate = new Date('2027-12-31T23:59:59Z');

    await scheduler.upsert(
      spec({
        name: 'reminder-1',
        expression: 'at(2026-12-24T09:30:00)',
        timezone: 'America/Mexico_City',
        startDate,
        endDate,
        enabled: false,
        target: 'sendReminder',
        input: { invoiceId: 'inv-1' },
        flexibleWindowMinutes: 15,
        deleteAfterCompletion: true,
      }),
    );

    expect(updates()).toStrictEqual([
      {
        Name: 'reminder-1',
        GroupName: 'sello-dev',
        ScheduleExpression: 'at(2026-12-24T09:30:00)',
        ScheduleExpressionTimezone: 'America/Mexico_City',
        State: 'DISABLED',
        FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
        Target: {
          Arn: 'arn:aws:lambda:eu-south-2:123456789012:function:sello-dev-sendReminder',
          RoleArn: 'arn:aws:iam::123456789012:role/sello-dev-scheduler',
          Input: '{"invoiceId":"inv-1"}',
          RetryPolicy: { MaximumEventAgeInSeconds: 21600, MaximumRetryAttempts: 185 },
          DeadLetterConfig: { Arn: 'arn:aws:sqs:eu-south-2:123456789012:sello-dev-scheduler-dlq' },
        },
        ActionAfterCompletion: 'DELETE',
        StartDate: startDate,
        EndDate: endDate,
      },
    ]);
  });

  it('uses a configured retry policy', async () => {
    schedulerMock.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn:x' });
    const custom = new EventBridgeScheduler(new SchedulerClient({ region: 'eu-south-2' }), {
      ...config,
      retryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 3 },
    });

    await custom.upsert(spec());

    expect(updates()).toStrictEqual([
      {
        ...baseRequest,
        Target: {
          ...baseRequest.Target,
          RetryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 3 },
        },
      },
    ]);
  });

  it('propagates other errors without trying to create', async () => {
    schedulerMock
      .on(UpdateScheduleCommand)
      .rejects(new ValidationException(serviceError('Invalid Schedule Expression')));

    await expect(scheduler.upsert(spec())).rejects.toThrow('Invalid Schedule Expression');
    expect(creates()).toStrictEqual([]);
  });

  it('rejects an invalid spec before calling AWS', async () => {
    await expect(
      scheduler.upsert(spec({ expression: 'cron(0 8 * * * *)' })),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(scheduler.upsert(spec({ timezone: 'Mars/Olympus' }))).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(schedulerMock.calls()).toHaveLength(0);
  });

  it('deletes a schedule by name and group', async () => {
    schedulerMock.on(DeleteScheduleCommand).resolves({});

    await scheduler.remove('t-1.recurring.tpl-1');

    expect(deletes()).toStrictEqual([{ Name: 't-1.recurring.tpl-1', GroupName: 'sello-dev' }]);
  });

  it('treats deleting a missing schedule as done', async () => {
    schedulerMock.on(DeleteScheduleCommand).rejects(notFound());

    await expect(scheduler.remove('gone')).resolves.toBeUndefined();
    expect(deletes()).toStrictEqual([{ Name: 'gone', GroupName: 'sello-dev' }]);
  });

  it('propagates other delete errors', async () => {
    schedulerMock.on(DeleteScheduleCommand).rejects(new ConflictException(serviceError('busy')));

    await expect(scheduler.remove('t-1.recurring.tpl-1')).rejects.toThrow('busy');
  });
});
