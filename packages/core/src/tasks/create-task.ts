import type { TaskDeps } from './deps.ts';
import type { Task } from './model.ts';
import { scheduleSpecFor } from './schedule.ts';
import { checkTask, deliveryOf, scheduleOf, type TaskInput, tenantTimezone } from './task-input.ts';

/**
 * Creates a task and its schedule. The schedule is written first: a schedule without its task
 * only fires runs that find nothing to do, while a task without its schedule would silently never
 * run. Nothing before creation is ever run by the schedule (see `scheduleSpecFor`).
 */
export const createTask =
  (deps: TaskDeps) =>
  async (tenantId: string, input: TaskInput): Promise<Task> => {
    const timezone = await tenantTimezone(deps, tenantId);
    const now = deps.clock.now().toISOString();
    const task: Task = {
      id: deps.ids.next('tsk'),
      tenantId,
      name: input.name,
      ...(input.description ? { description: input.description } : {}),
      documentType: input.documentType,
      template: input.template,
      pricePolicy: input.pricePolicy,
      customerIds: input.customerIds,
      ...(input.assets && Object.keys(input.assets).length ? { assets: input.assets } : {}),
      schedule: scheduleOf(input.schedule, timezone),
      delivery: deliveryOf(input.delivery),
      ...(input.reportTo?.length ? { reportTo: input.reportTo } : {}),
      status: 'active',
      activeSince: now,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await checkTask(deps, task, task.customerIds);
    await deps.scheduler.upsert(scheduleSpecFor(task, deps.target, deps.clock.now()));
    try {
      await deps.tasks.create(task);
    } catch (err) {
      await deps.scheduler
        .remove(scheduleSpecFor(task, deps.target, new Date()).name)
        .catch(() => {});
      throw err;
    }
    return task;
  };
