import { httpHandler } from '@sello/app/http';
import { listTasks } from '@sello/app/tasks';
import { routes } from '@sello/contracts';
import { taskSummaryView } from '@sello/core/tasks';
import { ok } from '@sello/http';

const list = listTasks();

export const handler = httpHandler(routes.listTasks, async ({ principal, query }) => {
  const page = await list(principal.tenantId, query);
  const now = new Date();
  return ok({ ...page, items: page.items.map((t) => taskSummaryView(t, now)) });
});
