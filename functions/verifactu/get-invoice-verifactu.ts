import { repositories, verifactuConfig } from '@sello/aws';
import { invoiceVerifactuView } from '@sello/aws/verifactu';
import { routes } from '@sello/contracts';
import { getInvoice, NotFoundError } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const { invoices, verifactu } = repositories();
const environment = verifactuConfig()?.environment ?? 'test';

export const handler = httpHandler(routes.getInvoiceVerifactu, async ({ principal, params }) => {
  const invoice = await getInvoice({ invoices })(principal.tenantId, params.id);
  const history = await verifactu.ofInvoice(principal.tenantId, invoice.id);
  if (history.length === 0) throw new NotFoundError('VERI*FACTU record of invoice', params.id);
  return ok(invoiceVerifactuView(invoice, history, environment));
});
