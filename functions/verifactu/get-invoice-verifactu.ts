import { httpHandler } from '@sello/app/http';
import { getInvoiceVerifactu } from '@sello/app/verifactu';
import { routes } from '@sello/contracts';
import { ok } from '@sello/http';

const get = getInvoiceVerifactu();

export const handler = httpHandler(routes.getInvoiceVerifactu, async ({ principal, params }) =>
  ok(await get(principal.tenantId, params.id)),
);
