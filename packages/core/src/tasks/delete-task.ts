import type { TaskDeps } from './deps.ts';
import { getTask } from './get-task.ts';
import { scheduleName } from './schedule.ts';

/**
 * Deletes a task (kept, marked deleted, for the documents and runs that name it) and then its
 * schedule. Should removing the schedule fail, its deliveries find a deleted task and do nothing.
 */
export const deleteTask =
  (deps: Pick<TaskDeps, 'tasks' | 'scheduler' | 'clock'>) =>
  async (tenantId: string, id: string): Promise<void> => {
    const current = await getTask(deps)(tenantId, id);
    const now = deps.clock.now().toISOString();
    await deps.tasks.update({
      ...current,
      version: current.version + 1,
      updatedAt: now,
      deletedAt: now,
    });
    await deps.scheduler.remove(scheduleName(id));
  };
