import { httpHandler } from '@sello/app/http';
import { updateTask } from '@sello/app/tasks';
import { routes } from '@sello/contracts';
import { taskView } from '@sello/core/tasks';
import { ifMatchVersion, ok, versionEtag } from '@sello/http';

const update = updateTask();

export const handler = httpHandler(
  routes.updateTask,
  async ({ principal, params, body, headers }) => {
    const task = await update(
      principal.tenantId,
      params.id,
      body,
      ifMatchVersion(headers['if-match']),
    );
    return ok(taskView(task, new Date()), { etag: versionEtag(task.version) });
  },
);
