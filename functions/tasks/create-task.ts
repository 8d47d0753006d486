import { taskDeps } from '@sello/aws';
import { routes } from '@sello/contracts';
import { createTask, taskView } from '@sello/core';
import { created, httpHandler, versionEtag } from '@sello/http';

const create = createTask(taskDeps());

export const handler = httpHandler(routes.createTask, async ({ principal, body }) => {
  const task = await create(principal.tenantId, body);
  return created(taskView(task, new Date()), `/v1/tasks/${task.id}`, versionEtag(task.version));
});
