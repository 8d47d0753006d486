import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { EventBridgeScheduler } from '@sello/aws';
import { functionArnEnv } from '@sello/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { functionArn } from './config.ts';

const RUN_TASK = 'arn:aws:lambda:eu-south-2:123456789012:function:sello-prod-run-task';
afterAll(() => {
  delete process.env.SELLO_FUNCTION_RUN_TASK;
});

describe('function ARNs from the environment', () => {
  it('names one variable per function id, in constant case', () => {
    expect(functionArnEnv('runTask')).toBe('SELLO_FUNCTION_RUN_TASK');
    expect(functionArnEnv('processIssuedInvoices')).toBe('SELLO_FUNCTION_PROCESS_ISSUED_INVOICES');
    process.env.SELLO_FUNCTION_RUN_TASK = RUN_TASK;
    expect(functionArn('runTask')).toBe(RUN_TASK);
  });

  it('are what run-time schedules target', async () => {
    process.env.SELLO_FUNCTION_RUN_TASK = RUN_TASK;
    const port = new EventBridgeScheduler(new SchedulerClient({ region: 'eu-south-2' }), {
      groupName: 'sello-prod',
      roleArn: 'arn:aws:iam::123456789012:role/sello-prod-scheduler',
      deadLetterQueueArn: 'arn:aws:sqs:eu-south-2:123456789012:sello-prod-scheduler-dlq',
      targetArn: functionArn,
    });
    expect(
      port.toInput({
        name: 'ten_1.task',
        expression: 'rate(1 day)',
        timezone: 'Europe/Madrid',
        enabled: true,
        target: 'runTask',
        input: {},
      }).Target?.Arn,
    ).toBe(RUN_TASK);
    expect(() =>
      port.toInput({
        name: 'ten_1.task',
        expression: 'rate(1 day)',
        timezone: 'Europe/Madrid',
        enabled: true,
        target: 'notReachable',
        input: {},
      }),
    ).toThrow('Missing environment variable SELLO_FUNCTION_NOT_REACHABLE');
  });
});
