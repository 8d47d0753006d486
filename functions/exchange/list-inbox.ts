import { listInbox } from '@sello/app/exchange';
import { formats } from '@sello/app/formats';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { inboxEntryView } from '@sello/core/exchange';
import { ok } from '@sello/http';

const list = listInbox();

export const handler = httpHandler(routes.listInbox, async ({ principal, query }) => {
  const page = await list(principal, query);
  return ok({ ...page, items: page.items.map((i) => inboxEntryView(i, formats)) });
});
