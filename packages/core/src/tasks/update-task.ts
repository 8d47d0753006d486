import { PreconditionFailedError } from '../errors.ts';
import type { TaskDeps } from './deps.ts';
import { getTask } from './get-task.ts';
import type { Task } from './model.ts';
import { scheduleSpecFor } from './schedule.ts';
import { checkTask, deliveryOf, scheduleOf, type TaskPatch, tenantTimezone } from './task-input.ts';

/**
 * Changes a task and brings its schedule in line (pausing disables it, resuming enables it). The
 * schedule is upserted on every change, so a change whose schedule update failed is repaired by
 * repeating it. A new schedule or a resume restarts the count of occurrences (`activeSince`): what
 * fell in a pause is not caught up.
 */
export const updateTask =
  (deps: TaskDeps) =>
  async (
    tenantId: string,
    id: string,
    patch: TaskPatch,
    expectedVersion?: number,
  ): Promise<Task> => {
    const current = await getTask(deps)(tenantId, id);
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      throw new PreconditionFailedError(
        `Task ${id} is at version ${current.version}, not ${expectedVersion}`,
      );
    }
    const now = deps.clock.now();
    const at = now.toISOString();
    const schedule = patch.schedule
      ? scheduleOf(patch.schedule, await tenantTimezone(deps, tenantId))
      : current.schedule;
    const status = patch.status ?? current.status;
    const restarted =
      (status === 'active' && current.status === 'paused') ||
      schedule.awsExpression !== current.schedule.awsExpression ||
      schedule.timezone !== current.schedule.timezone ||
      schedule.startsAt !== current.schedule.startsAt ||
      schedule.endsAt !== current.schedule.endsAt;
    const { description: _d, assets: _a, reportTo: _r, ...rest } = current;
    const description = patch.description === undefined ? current.description : patch.description;
    const assets = patch.assets === undefined ? current.assets : patch.assets;
    const reportTo = patch.reportTo === undefined ? current.reportTo : patch.reportTo;
    const next: Task = {
      ...rest,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(description ? { description } : {}),
      ...(patch.template ? { template: patch.template } : {}),
      ...(patch.pricePolicy ? { pricePolicy: patch.pricePolicy } : {}),
      ...(patch.customerIds ? { customerIds: patch.customerIds } : {}),
      ...(assets && Object.keys(assets).length ? { assets } : {}),
      ...(patch.delivery ? { delivery: deliveryOf(patch.delivery) } : {}),
      ...(reportTo?.length ? { reportTo } : {}),
      schedule,
      status,
      activeSince: restarted ? at : current.activeSince,
      version: current.version + 1,
      updatedAt: at,
    };
    const known = new Set(current.customerIds);
    await checkTask(
      deps,
      next,
      next.customerIds.filter((c) => !known.has(c)),
    );
    await deps.tasks.update(next);
    await deps.scheduler.upsert(scheduleSpecFor(next, deps.target, now));
    return next;
  };
