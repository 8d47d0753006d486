import { httpHandler } from '@sello/app/http';
import { deleteTask } from '@sello/app/tasks';
import { routes } from '@sello/contracts';
import { noContent } from '@sello/http';

const remove = deleteTask();

export const handler = httpHandler(routes.deleteTask, async ({ principal, params }) => {
  await remove(principal.tenantId, params.id);
  return noContent();
});
