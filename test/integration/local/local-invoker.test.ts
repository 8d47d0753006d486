import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositories } from '@sello/app/platform';
import { FunctionFailedError } from '@sello/aws';
import { type TriggeredDef, triggered, triggeredList } from '@sello/contracts';
import { describe, expect, it } from 'vitest';
import { loadHandler, repoRoot } from '../../../packages/local/src/handlers.ts';
import { LocalInvoker } from '../../../packages/local/src/invoker.ts';

const log = () => {};
const heartbeat = triggered.recordSchedulerHeartbeat;
// A target of run-time schedules, as the automatic tasks' runner is.
const target: TriggeredDef = { ...heartbeat, id: 'probeTarget', trigger: { kind: 'schedules' } };

describe('the local invoker', () => {
  it('runs the targets of run-time schedules for the scheduler loop, and nothing else', async () => {
    const invoker = new LocalInvoker({ log, triggered: [...triggeredList, target] });
    const at = '2026-03-01T09:00:00Z';
    await invoker.runScheduled('probeTarget', { scheduledTime: at });
    expect((await repositories().heartbeats.last('scheduler'))?.at).toBe(
      '2026-03-01T09:00:00.000Z',
    );
    await expect(invoker.runScheduled('renderInvoicePdf', {})).rejects.toThrow(
      'renderInvoicePdf is not a schedule target (trigger invoke)',
    );
    await expect(invoker.runScheduled('nothing', {})).rejects.toThrow(
      'No triggered function nothing',
    );
  });

  it("loads every run-time schedule target of the route table's", async () => {
    for (const def of triggeredList.filter((t) => t.trigger.kind === 'schedules')) {
      expect(typeof (await loadHandler(def.entry)), def.id).toBe('function');
    }
  });

  it('answers a call with the JSON result, and the callee error as Lambda reports it', async () => {
    const invoker = new LocalInvoker({ log });
    const sample = JSON.parse(
      readFileSync(join(repoRoot, 'events/invoke/render-invoice-pdf.json'), 'utf8'),
    );
    const { pdf } = await invoker.call<{ pdf: string }>('renderInvoicePdf', sample);
    expect(Buffer.from(pdf, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const failed = await invoker.call('renderInvoicePdf', { draft: true }).catch((e) => e);
    expect(failed).toBeInstanceOf(FunctionFailedError);
    expect(failed).toMatchObject({ functionId: 'renderInvoicePdf', errorType: 'ValidationError' });
  });

  it('runs a hand-over after the caller moved on, through JSON, and waits for it on demand', async () => {
    const invoker = new LocalInvoker({ log });
    const event = { scheduledTime: new Date('2026-03-02T10:00:00Z') };
    await invoker.handOver('recordSchedulerHeartbeat', event);
    // Not started within the caller's turn.
    expect((await repositories().heartbeats.last('scheduler'))?.at).not.toBe(
      '2026-03-02T10:00:00.000Z',
    );
    expect(await invoker.settled()).toEqual([]);
    // A Date arrives as its JSON string, as it would through Lambda.
    expect((await repositories().heartbeats.last('scheduler'))?.at).toBe(
      '2026-03-02T10:00:00.000Z',
    );
  });

  it('runs hand-overs in order, at most `backgroundConcurrency` at a time', async () => {
    const { runs } = await import('./fixtures/slow-job.ts');
    const slow: TriggeredDef = {
      id: 'probeSlow',
      entry: 'test/integration/local/fixtures/slow-job.ts',
      access: [],
      summary: 'sleeps',
      trigger: { kind: 'invoke' },
    };
    const invoker = new LocalInvoker({ log, triggered: [slow], backgroundConcurrency: 2 });
    for (let n = 1; n <= 6; n++) await invoker.handOver('probeSlow', { n });
    expect(await invoker.settled()).toEqual([]);
    expect(runs.most).toBe(2);
    expect(runs.done).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
