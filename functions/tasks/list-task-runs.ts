import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { listTaskRuns, taskRunView } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const list = listTaskRuns({ tasks: repositories().tasks, runs: repositories().taskRuns });

export const handler = httpHandler(routes.listTaskRuns, async ({ principal, params, query }) => {
  const { occurrence, ...page } = query;
  const runs = await list(principal.tenantId, params.id, {
    ...page,
    ...(occurrence ? { occurrence: new Date(occurrence).toISOString() } : {}),
  });
  return ok({ ...runs, items: runs.items.map(taskRunView) });
});
