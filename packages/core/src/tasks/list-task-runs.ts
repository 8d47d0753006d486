import type { Page, PageRequest } from '../shared/page.ts';
import { getTask } from './get-task.ts';
import type { TaskRepository, TaskRun, TaskRunRepository } from './model.ts';

/** A task's runs, newest occurrence first (a deleted task's runs are gone with it: 404). */
export const listTaskRuns =
  (deps: { tasks: Pick<TaskRepository, 'get'>; runs: Pick<TaskRunRepository, 'list'> }) =>
  async (
    tenantId: string,
    taskId: string,
    page: PageRequest & { occurrence?: string },
  ): Promise<Page<TaskRun>> => {
    await getTask(deps)(tenantId, taskId);
    return deps.runs.list(tenantId, taskId, page);
  };
