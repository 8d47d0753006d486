import { setInboxStatus } from '@sello/app/exchange';
import { formats } from '@sello/app/formats';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { inboxInvoiceView } from '@sello/core/exchange';
import { ok } from '@sello/http';

const setStatus = setInboxStatus();

export const handler = httpHandler(routes.setInboxStatus, async ({ principal, params, body }) =>
  ok(inboxInvoiceView(await setStatus(principal, params.id, body), formats)),
);
