import { httpHandler } from '@sello/app/http';
import { getTask } from '@sello/app/tasks';
import { routes } from '@sello/contracts';
import { taskView } from '@sello/core/tasks';
import { ok, versionEtag } from '@sello/http';

const get = getTask();

export const handler = httpHandler(routes.getTask, async ({ principal, params }) => {
  const task = await get(principal.tenantId, params.id);
  return ok(taskView(task, new Date()), { etag: versionEtag(task.version) });
});
