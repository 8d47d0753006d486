import { httpHandler } from '@sello/app/http';
import { createTask } from '@sello/app/tasks';
import { routes } from '@sello/contracts';
import { taskView } from '@sello/core/tasks';
import { created, versionEtag } from '@sello/http';

const create = createTask();

export const handler = httpHandler(routes.createTask, async ({ principal, body }) => {
  const task = await create(principal.tenantId, body);
  return created(taskView(task, new Date()), `/v1/tasks/${task.id}`, versionEtag(task.version));
});
