import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '@sello/core/errors';
import type { ScheduleSpec } from '@sello/core/ports';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalScheduler, type LocalSchedulerOptions } from './local-scheduler.ts';
import { LocalSchedulerPort } from './local-scheduler-port.ts';
import {
  InMemoryScheduleStore,
  JsonFileScheduleStore,
  type ScheduleStore,
} from './schedule-store.ts';

const d = (iso: string) => new Date(iso);
const CREATED = d('2026-11-23T09:00:00Z');

const spec = (over: Partial<ScheduleSpec> = {}): ScheduleSpec => ({
  name: 'daily-report',
  expression: 'cron(0 10 * * ? *)',
  timezone: 'UTC',
  enabled: true,
  target: 'runTask',
  input: { task: 'report' },
  ...over,
});

function setup(
  options: Partial<LocalSchedulerOptions> = {},
  store: ScheduleStore = new InMemoryScheduleStore(),
) {
  const clock = { now: CREATED };
  const port = new LocalSchedulerPort(store, () => clock.now);
  const invoke = vi.fn(async (_target: string, _event: unknown) => {});
  const onMissed = vi.fn();
  const log = vi.fn();
  const scheduler = new LocalScheduler({
    store,
    invoke,
    onMissed,
    log,
    clock: () => clock.now,
    ...options,
  });
  const firedAt = (result: { fired: Array<{ at: Date }> }) =>
    result.fired.map((f) => f.at.toISOString());
  return { store, clock, port, invoke, onMissed, log, scheduler, firedAt };
}

describe('LocalScheduler', () => {
  it('fires each occurrence once', async () => {
    const { port, scheduler, invoke, store, firedAt } = setup();
    await port.upsert(spec());

    expect(firedAt(await scheduler.tick(d('2026-11-23T09:59:59Z')))).toEqual([]);
    expect(firedAt(await scheduler.tick(d('2026-11-23T10:00:00Z')))).toEqual([
      '2026-11-23T10:00:00.000Z',
    ]);
    expect(firedAt(await scheduler.tick(d('2026-11-23T10:00:00Z')))).toEqual([]);
    expect(firedAt(await scheduler.tick(d('2026-11-23T10:30:00Z')))).toEqual([]);
    expect(firedAt(await scheduler.tick(d('2026-11-24T10:00:30Z')))).toEqual([
      '2026-11-24T10:00:00.000Z',
    ]);

    expect(invoke).toHaveBeenCalledTimes(2);
    expect(invoke).toHaveBeenCalledWith('runTask', { task: 'report' });
    expect((await store.list())[0]).toMatchObject({
      createdAt: '2026-11-23T09:00:00.000Z',
      lastFiredAt: '2026-11-24T10:00:00.000Z',
    });
  });

  it('replaces the AWS context placeholders anywhere in string values', async () => {
    const { port, scheduler, invoke } = setup();
    await port.upsert(
      spec({
        name: 'invoice.tpl-1',
        expression: 'cron(0 11 * * ? *)',
        timezone: 'Europe/Madrid',
        input: {
          templateId: 'tpl-1',
          scheduledFor: '<aws.scheduler.scheduled-time>',
          meta: {
            executionId: '<aws.scheduler.execution-id>',
            attempt: '<aws.scheduler.attempt-number>',
            scheduleArn: '<aws.scheduler.schedule-arn>',
            note: 'due <aws.scheduler.scheduled-time> (try <aws.scheduler.attempt-number>)',
          },
          list: ['<aws.scheduler.scheduled-time>', 3, true, null],
          unknown: '<aws.scheduler.something-else>',
        },
      }),
    );

    await scheduler.tick(d('2026-11-23T10:00:05Z'));

    expect(invoke).toHaveBeenCalledTimes(1);
    expect(invoke.mock.calls[0]).toEqual([
      'runTask',
      {
        templateId: 'tpl-1',
        scheduledFor: '2026-11-23T10:00:00Z',
        meta: {
          executionId: expect.stringMatching(/^[0-9a-f]{16}$/),
          attempt: '1',
          scheduleArn: 'arn:aws:scheduler:local:000000000000:schedule/default/invoice.tpl-1',
          note: 'due 2026-11-23T10:00:00Z (try 1)',
        },
        list: ['2026-11-23T10:00:00Z', 3, true, null],
        unknown: '<aws.scheduler.something-else>',
      },
    ]);
  });

  it('fires a rate schedule at creation and then every period (no StartDate)', async () => {
    const { port, scheduler, firedAt } = setup();
    await port.upsert(spec({ expression: 'rate(30 minutes)' }));

    expect(firedAt(await scheduler.tick(d('2026-11-23T09:00:00Z')))).toEqual([
      '2026-11-23T09:00:00.000Z',
    ]);
    expect(firedAt(await scheduler.tick(d('2026-11-23T10:10:00Z')))).toEqual([
      '2026-11-23T09:30:00.000Z',
      '2026-11-23T10:00:00.000Z',
    ]);
  });

  it('fires at most maxCatchUp overdue occurrences, newest ones, and reports the rest as missed', async () => {
    const { port, scheduler, onMissed, firedAt } = setup();
    await port.upsert(spec({ expression: 'cron(0 * * * ? *)' }));

    const result = await scheduler.tick(d('2026-11-23T15:30:00Z'));

    expect(firedAt(result)).toEqual([
      '2026-11-23T13:00:00.000Z',
      '2026-11-23T14:00:00.000Z',
      '2026-11-23T15:00:00.000Z',
    ]);
    const missed = ['10', '11', '12'].map((h) => d(`2026-11-23T${h}:00:00Z`));
    expect(result.missed).toEqual([{ name: 'daily-report', instants: missed }]);
    expect(onMissed).toHaveBeenCalledWith('daily-report', missed);
    expect(firedAt(await scheduler.tick(d('2026-11-23T15:59:00Z')))).toEqual([]);
    expect(firedAt(await scheduler.tick(d('2026-11-23T16:00:00Z')))).toEqual([
      '2026-11-23T16:00:00.000Z',
    ]);
    expect(onMissed).toHaveBeenCalledTimes(1);
  });

  it('honours a custom maxCatchUp', async () => {
    const { port, scheduler, firedAt } = setup({ maxCatchUp: 1 });
    await port.upsert(spec({ expression: 'cron(0 * * * ? *)' }));
    const result = await scheduler.tick(d('2026-11-23T12:10:00Z'));
    expect(firedAt(result)).toEqual(['2026-11-23T12:00:00.000Z']);
    expect(result.missed[0]?.instants).toHaveLength(2);
  });

  it('does not fire disabled schedules, nor backfill them when re-enabled', async () => {
    const { port, scheduler, invoke, clock, firedAt } = setup();
    await port.upsert(spec({ enabled: false }));

    expect(firedAt(await scheduler.tick(d('2026-11-25T12:00:00Z')))).toEqual([]);
    clock.now = d('2026-11-25T12:00:00Z');
    await port.upsert(spec({ enabled: true }));
    expect(firedAt(await scheduler.tick(d('2026-11-25T12:00:00Z')))).toEqual([]);
    expect(firedAt(await scheduler.tick(d('2026-11-26T10:00:00Z')))).toEqual([
      '2026-11-26T10:00:00.000Z',
    ]);
    expect(invoke).toHaveBeenCalledTimes(1);
  });

  it('stops at the end date, and deletes on completion when asked', async () => {
    const { port, scheduler, store, firedAt } = setup();
    const endDate = d('2026-11-24T10:00:00Z');
    await port.upsert(spec({ name: 'keep', endDate }));
    await port.upsert(spec({ name: 'drop', endDate, deleteAfterCompletion: true }));

    expect(firedAt(await scheduler.tick(d('2026-11-23T10:00:00Z')))).toEqual([
      '2026-11-23T10:00:00.000Z',
      '2026-11-23T10:00:00.000Z',
    ]);
    expect((await store.list()).map((s) => s.name)).toEqual(['drop', 'keep']);
    const last = await scheduler.tick(d('2026-11-24T10:00:00Z'));
    expect(last.fired.map((f) => f.name).sort()).toEqual(['drop', 'keep']);
    expect((await store.list()).map((s) => s.name)).toEqual(['keep']);
    expect(firedAt(await scheduler.tick(d('2026-11-28T10:00:00Z')))).toEqual([]);
  });

  it('fires an at() schedule once in its time zone and deletes it after completion', async () => {
    const { port, scheduler, store, invoke, firedAt } = setup();
    await port.upsert(
      spec({
        name: 'reminder',
        expression: 'at(2026-11-23T11:00:00)',
        timezone: 'Europe/Madrid',
        deleteAfterCompletion: true,
        input: { at: '<aws.scheduler.scheduled-time>' },
      }),
    );
    await port.upsert(spec({ name: 'one-off', expression: 'at(2026-11-23T10:30:00)' }));

    expect(firedAt(await scheduler.tick(d('2026-11-23T09:59:59Z')))).toEqual([]);
    expect(firedAt(await scheduler.tick(d('2026-11-23T10:00:00Z')))).toEqual([
      '2026-11-23T10:00:00.000Z',
    ]);
    expect(invoke).toHaveBeenCalledWith('runTask', { at: '2026-11-23T10:00:00Z' });
    expect((await store.list()).map((s) => s.name)).toEqual(['one-off']);

    expect(firedAt(await scheduler.tick(d('2026-11-23T12:00:00Z')))).toEqual([
      '2026-11-23T10:30:00.000Z',
    ]);
    expect(firedAt(await scheduler.tick(d('2026-11-24T12:00:00Z')))).toEqual([]);
    expect((await store.list()).map((s) => s.name)).toEqual(['one-off']);
  });

  it('fires an at() schedule whose time had already passed when it was created', async () => {
    const { port, scheduler, firedAt } = setup();
    await port.upsert(spec({ expression: 'at(2026-11-22T08:00:00)' }));
    expect(firedAt(await scheduler.tick(d('2026-11-23T09:00:01Z')))).toEqual([
      '2026-11-22T08:00:00.000Z',
    ]);
  });

  it('retries a failing invoke on the next tick with the next attempt number', async () => {
    const { port, scheduler, invoke, store, firedAt } = setup();
    await port.upsert(spec({ input: { attempt: '<aws.scheduler.attempt-number>' } }));
    invoke.mockRejectedValueOnce(new Error('handler blew up'));

    const first = await scheduler.tick(d('2026-11-23T10:00:00Z'));
    expect(first.fired).toEqual([]);
    expect(first.failed).toEqual([
      {
        name: 'daily-report',
        at: d('2026-11-23T10:00:00Z'),
        attempt: 1,
        error: 'handler blew up',
        gaveUp: false,
      },
    ]);
    expect((await store.list())[0]?.lastFiredAt).toBeUndefined();

    const second = await scheduler.tick(d('2026-11-23T10:00:10Z'));
    expect(firedAt(second)).toEqual(['2026-11-23T10:00:00.000Z']);
    expect(second.fired[0]?.attempt).toBe(2);
    expect(invoke.mock.calls.map((c) => c[1])).toEqual([{ attempt: '1' }, { attempt: '2' }]);
    expect((await store.list())[0]?.lastFiredAt).toBe('2026-11-23T10:00:00.000Z');
  });

  it('gives an occurrence up after maxAttempts and keeps later ones waiting until then', async () => {
    const { port, scheduler, invoke, log, firedAt } = setup({ maxAttempts: 2 });
    await port.upsert(spec({ expression: 'cron(0 * * * ? *)' }));
    invoke.mockRejectedValueOnce(new Error('down')).mockRejectedValueOnce(new Error('still down'));

    const first = await scheduler.tick(d('2026-11-23T10:00:00Z'));
    expect(first.failed.map((f) => [f.attempt, f.gaveUp])).toEqual([[1, false]]);
    // 11:00 is due too, but waits behind 10:00, which is given up on its second attempt.
    const second = await scheduler.tick(d('2026-11-23T11:00:00Z'));
    expect(second.failed.map((f) => [f.at.toISOString(), f.attempt, f.gaveUp])).toEqual([
      ['2026-11-23T10:00:00.000Z', 2, true],
    ]);
    expect(firedAt(second)).toEqual(['2026-11-23T11:00:00.000Z']);
    expect(firedAt(await scheduler.tick(d('2026-11-23T11:30:00Z')))).toEqual([]);
    expect(log).toHaveBeenCalledWith('schedule gave up', expect.objectContaining({ attempt: 2 }));
  });

  it('never fires an occurrence twice when ticks overlap', async () => {
    const { port, scheduler, invoke } = setup();
    await port.upsert(spec());
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    invoke.mockImplementation(() => gate);

    const first = scheduler.tick(d('2026-11-23T10:00:00Z'));
    const second = scheduler.tick(d('2026-11-23T10:00:00Z'));
    const third = scheduler.tick(d('2026-11-23T10:00:01Z'));
    await new Promise((resolve) => setImmediate(resolve));
    release();
    const results = await Promise.all([first, second, third]);

    expect(invoke).toHaveBeenCalledTimes(1);
    expect(results.map((r) => r.fired.length)).toEqual([1, 0, 0]);
  });

  it('keeps going when one stored schedule is broken', async () => {
    const { store, port, scheduler, log, firedAt } = setup();
    await store.put({
      ...spec({ name: 'broken', expression: 'cron(bad)' }),
      createdAt: CREATED.toISOString(),
    });
    await port.upsert(spec());
    expect(firedAt(await scheduler.tick(d('2026-11-23T10:00:00Z')))).toEqual([
      '2026-11-23T10:00:00.000Z',
    ]);
    expect(log).toHaveBeenCalledWith(
      'schedule skipped',
      expect.objectContaining({ name: 'broken' }),
    );
  });

  it('start() ticks on a timer and stop() waits for the tick in flight', async () => {
    vi.useFakeTimers({ now: d('2026-11-23T09:59:59.500Z') });
    try {
      const store = new InMemoryScheduleStore();
      await new LocalSchedulerPort(store, () => CREATED).upsert(spec());
      const invoke = vi.fn(async () => {});
      const scheduler = new LocalScheduler({ store, invoke });
      scheduler.start(1000);
      await vi.advanceTimersByTimeAsync(1000);
      expect(invoke).toHaveBeenCalledTimes(1);
      await scheduler.stop();
      await vi.advanceTimersByTimeAsync(24 * 3600 * 1000);
      expect(invoke).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('LocalSchedulerPort', () => {
  it('validates specs like the AWS adapter', async () => {
    const { port, store } = setup();
    await expect(port.upsert(spec({ expression: 'cron(0 8 * * * *)' }))).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(port.upsert(spec({ name: 'no spaces allowed' }))).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await store.list()).toEqual([]);
  });

  it('keeps createdAt and the cursor on update, moves the cursor to now when the timing changes', async () => {
    const { port, store, scheduler, clock } = setup();
    await port.upsert(spec());
    await scheduler.tick(d('2026-11-23T10:00:00Z'));

    clock.now = d('2026-11-23T12:00:00Z');
    await port.upsert(spec({ input: { task: 'report', v: 2 } }));
    expect((await store.list())[0]).toMatchObject({
      createdAt: '2026-11-23T09:00:00.000Z',
      lastFiredAt: '2026-11-23T10:00:00.000Z',
      input: { task: 'report', v: 2 },
    });

    clock.now = d('2026-11-23T13:00:00Z');
    await port.upsert(spec({ expression: 'cron(30 10 * * ? *)' }));
    expect((await store.list())[0]?.lastFiredAt).toBe('2026-11-23T13:00:00.000Z');

    await port.remove('daily-report');
    await port.remove('daily-report');
    expect(await store.list()).toEqual([]);
  });
});

describe('JsonFileScheduleStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sello-schedules-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('persists schedules and cursors across instances', async () => {
    const path = join(dir, 'nested', 'schedules.json');
    const first = setup({}, new JsonFileScheduleStore(path));
    const window = { startDate: d('2026-11-01T00:00:00Z'), endDate: d('2026-12-31T23:59:59Z') };
    await first.port.upsert(spec({ ...window, flexibleWindowMinutes: 15 }));
    expect(first.firedAt(await first.scheduler.tick(d('2026-11-23T10:00:00Z')))).toEqual([
      '2026-11-23T10:00:00.000Z',
    ]);

    const second = setup({}, new JsonFileScheduleStore(path));
    const [stored] = await second.store.list();
    expect(stored).toEqual({
      ...spec({ ...window, flexibleWindowMinutes: 15 }),
      createdAt: '2026-11-23T09:00:00.000Z',
      lastFiredAt: '2026-11-23T10:00:00.000Z',
    });
    expect(stored?.startDate).toBeInstanceOf(Date);
    expect(second.firedAt(await second.scheduler.tick(d('2026-11-23T10:00:30Z')))).toEqual([]);
    expect(second.firedAt(await second.scheduler.tick(d('2026-11-24T10:00:00Z')))).toEqual([
      '2026-11-24T10:00:00.000Z',
    ]);

    const file = JSON.parse(await readFile(path, 'utf8'));
    expect(file.version).toBe(1);
    expect(file.schedules[0]).toMatchObject({
      name: 'daily-report',
      startDate: '2026-11-01T00:00:00.000Z',
      lastFiredAt: '2026-11-24T10:00:00.000Z',
    });
    expect(await readdir(join(dir, 'nested'))).toEqual(['schedules.json']);

    await second.port.remove('daily-report');
    expect(await new JsonFileScheduleStore(path).list()).toEqual([]);
  });

  it('treats a missing file as empty and serialises concurrent writes', async () => {
    const store = new JsonFileScheduleStore(join(dir, 'schedules.json'));
    expect(await store.list()).toEqual([]);
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((name) =>
        store.put({ ...spec({ name }), createdAt: CREATED.toISOString() }),
      ),
    );
    expect((await store.list()).map((s) => s.name)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('refuses a corrupt file with a clear message', async () => {
    const path = join(dir, 'schedules.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(path, '{not json'));
    await expect(new JsonFileScheduleStore(path).list()).rejects.toThrow(/not valid JSON/);
  });
});
