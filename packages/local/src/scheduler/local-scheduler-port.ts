import type { SchedulerPort, ScheduleSpec } from '@sello/core/ports';
import { validateScheduleSpec } from '@sello/core/schedules';
import type { ScheduleStore, StoredSchedule } from './schedule-store.ts';

/**
 * SchedulerPort for the local platform: use cases schedule things exactly as in AWS, and the
 * LocalScheduler loop fires them from the same store.
 *
 * Replacing a schedule keeps its createdAt (so rate() periods keep their anchor) and its cursor,
 * except that, as in AWS, a changed timing or a re-enabled schedule only fires from now on:
 * nothing between the old cursor and the update is backfilled. A changed at() schedule counts as
 * not fired yet.
 */
export class LocalSchedulerPort implements SchedulerPort {
  constructor(
    private readonly store: ScheduleStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async upsert(spec: ScheduleSpec): Promise<void> {
    const expression = validateScheduleSpec(spec);
    const now = this.clock();
    const existing = (await this.store.list()).find((s) => s.name === spec.name);
    const stored: StoredSchedule = {
      ...structuredClone(spec),
      createdAt: existing?.createdAt ?? now.toISOString(),
    };
    if (existing) {
      const timingChanged =
        existing.expression !== spec.expression ||
        existing.timezone !== spec.timezone ||
        existing.startDate?.getTime() !== spec.startDate?.getTime() ||
        existing.endDate?.getTime() !== spec.endDate?.getTime();
      const reEnabled = !existing.enabled && spec.enabled;
      if (expression.kind === 'at') {
        if (!timingChanged && existing.lastFiredAt) stored.lastFiredAt = existing.lastFiredAt;
      } else if (timingChanged || reEnabled) {
        stored.lastFiredAt = now.toISOString();
      } else if (existing.lastFiredAt) {
        stored.lastFiredAt = existing.lastFiredAt;
      }
    }
    await this.store.put(stored);
  }

  remove(name: string): Promise<void> {
    return this.store.delete(name);
  }
}
