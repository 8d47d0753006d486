import { repositories, verifactuConfig } from '@sello/aws';
import { invoiceVerifactuView } from '@sello/aws/verifactu';
import { routes } from '@sello/contracts';
import { remedyRecord, systemClock } from '@sello/core';
import { created, httpHandler } from '@sello/http';

const { invoices, tenants, verifactu } = repositories();
const config = verifactuConfig();
const remedy = remedyRecord({
  invoices,
  tenants,
  records: verifactu,
  clock: systemClock,
  ...(config ? { system: config.system } : {}),
});

export const handler = httpHandler(
  routes.remedyVerifactuRecord,
  async ({ principal, params, body }) => {
    const { invoice, history } = await remedy(principal.tenantId, params.id, body);
    return created(
      invoiceVerifactuView(invoice, history, config?.environment ?? 'test'),
      `/v1/invoices/${invoice.id}/verifactu`,
    );
  },
);
