import { getInboxInvoice } from '@sello/app/exchange';
import { formats } from '@sello/app/formats';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { inboxInvoiceView } from '@sello/core/exchange';
import { ok } from '@sello/http';

const get = getInboxInvoice();

export const handler = httpHandler(routes.getInboxInvoice, async ({ principal, params }) =>
  ok(inboxInvoiceView(await get(principal, params.id), formats)),
);
