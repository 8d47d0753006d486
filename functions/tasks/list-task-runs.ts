import { httpHandler } from '@sello/app/http';
import { listTaskRuns } from '@sello/app/tasks';
import { routes } from '@sello/contracts';
import { taskRunView } from '@sello/core/tasks';
import { ok } from '@sello/http';

const list = listTaskRuns();

export const handler = httpHandler(routes.listTaskRuns, async ({ principal, params, query }) => {
  const { occurrence, ...page } = query;
  const runs = await list(principal.tenantId, params.id, {
    ...page,
    ...(occurrence ? { occurrence: new Date(occurrence).toISOString() } : {}),
  });
  return ok({ ...runs, items: runs.items.map(taskRunView) });
});
