import { NotFoundError } from '../errors.ts';
import type { Task, TaskRepository } from './model.ts';

export const getTask =
  ({ tasks }: { tasks: Pick<TaskRepository, 'get'> }) =>
  async (tenantId: string, id: string): Promise<Task> => {
    const task = await tasks.get(tenantId, id);
    if (!task || task.deletedAt) throw new NotFoundError('Task', id);
    return task;
  };
