import { taskDeps } from '@sello/aws';
import { routes } from '@sello/contracts';
import { taskView, updateTask } from '@sello/core';
import { httpHandler, ifMatchVersion, ok, versionEtag } from '@sello/http';

const update = updateTask(taskDeps());

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
