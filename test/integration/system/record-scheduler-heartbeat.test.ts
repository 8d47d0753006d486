import { repositories } from '@sello/app/platform';
import { triggered } from '@sello/contracts';
import { describe, expect, it } from 'vitest';
import { lambdaContext } from '../../../packages/local/src/apigw.ts';

const { handler } = await import('../../../functions/system/record-scheduler-heartbeat.ts');
const ctx = () => lambdaContext(triggered.recordSchedulerHeartbeat.id, 10);

describe('recordSchedulerHeartbeat', () => {
  it('records the scheduled time, and a late duplicate never moves it back', async () => {
    await handler({ scheduledTime: '2026-11-23T10:05:00Z' }, ctx());
    await handler({ scheduledTime: '2026-11-23T10:00:00Z' }, ctx());
    const last = await repositories().heartbeats.last('scheduler');
    expect(last?.at).toBe('2026-11-23T10:05:00.000Z');
  });

  it('rejects an event without a scheduled time so the DLQ keeps it', async () => {
    await expect(handler({ scheduledTime: 'yesterday' }, ctx())).rejects.toMatchObject({
      errors: [{ path: 'scheduledTime' }],
    });
  });
});
