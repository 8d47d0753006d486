import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { getTask, taskView } from '@sello/core';
import { httpHandler, ok, versionEtag } from '@sello/http';

const get = getTask({ tasks: repositories().tasks });

export const handler = httpHandler(routes.getTask, async ({ principal, params }) => {
  const task = await get(principal.tenantId, params.id);
  return ok(taskView(task, new Date()), { etag: versionEtag(task.version) });
});
