import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { listTasks, taskSummaryView } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const list = listTasks({ tasks: repositories().tasks });

export const handler = httpHandler(routes.listTasks, async ({ principal, query }) => {
  const page = await list(principal.tenantId, query);
  const now = new Date();
  return ok({ ...page, items: page.items.map((t) => taskSummaryView(t, now)) });
});
