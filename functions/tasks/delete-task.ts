import { taskDeps } from '@sello/aws';
import { routes } from '@sello/contracts';
import { deleteTask } from '@sello/core';
import { httpHandler, noContent } from '@sello/http';

const remove = deleteTask(taskDeps());

export const handler = httpHandler(routes.deleteTask, async ({ principal, params }) => {
  await remove(principal.tenantId, params.id);
  return noContent();
});
