import type { Page, PageRequest } from '../shared/page.ts';
import type { TaskRepository, TaskSummary } from './model.ts';

export const listTasks =
  ({ tasks }: { tasks: Pick<TaskRepository, 'list'> }) =>
  (tenantId: string, page: PageRequest): Promise<Page<TaskSummary>> =>
    tasks.list(tenantId, page);
