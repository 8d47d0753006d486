import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPlatform } from '../../../packages/local/src/platform.ts';
import { freePort } from '../../../packages/local/src/services/ports.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'sello-sched-'));
const platform = await startPlatform({
  dataDir,
  port: await freePort(),
  mailPort: await freePort(),
  schedulerIntervalMs: 0,
});
afterAll(async () => {
  await platform.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the local scheduler loop', () => {
  it('fires the system schedules from the route table through the same handlers', async () => {
    const { schedules } = JSON.parse(readFileSync(join(dataDir, 'schedules.json'), 'utf8'));
    const heartbeat = schedules.find(
      (s: { target: string }) => s.target === 'recordSchedulerHeartbeat',
    ) as { createdAt: string; expression: string; timezone: string };
    expect(heartbeat).toMatchObject({ expression: 'rate(5 minutes)', timezone: 'UTC' });

    const created = new Date(heartbeat.createdAt).getTime();
    // Other system schedules (the VERI*FACTU sender) fire in the same ticks; follow the heartbeat.
    const beats = (fired: Array<{ name: string; at: Date }>) =>
      fired.filter((f) => f.name === 'system-recordSchedulerHeartbeat');
    const first = await platform.scheduler.tick(new Date(created + 1000));
    expect(beats(first.fired).map((f) => f.at.getTime())).toEqual([created]);
    const later = await platform.scheduler.tick(new Date(created + 12 * 60_000));
    expect(beats(later.fired).map((f) => f.at.getTime() - created)).toEqual([300_000, 600_000]);
    expect(later.failed).toEqual([]);

    // The handler wrote the heartbeat of the last occurrence into DynamoDB Local.
    const { repositories } = await import('@sello/app/platform');
    const last = await repositories().heartbeats.last('scheduler');
    // <aws.scheduler.scheduled-time> has second precision, as in AWS.
    expect(new Date(last!.at).getTime()).toBe(Math.floor((created + 600_000) / 1000) * 1000);
    // A repeated tick for the same instant fires nothing twice.
    expect(beats((await platform.scheduler.tick(new Date(created + 12 * 60_000))).fired)).toEqual(
      [],
    );
  });
});
