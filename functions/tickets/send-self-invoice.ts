import { sendSelfInvoice } from '@sello/app/tickets';
import { SelfInvoiceDelivery, triggered } from '@sello/contracts';
import { jobHandler } from '@sello/http';

const send = sendSelfInvoice();

export const handler = jobHandler(
  triggered.sendSelfInvoice,
  SelfInvoiceDelivery,
  async ({ tenantId, invoiceId, email }) => {
    const invoice = await send(tenantId, invoiceId, [email]);
    return { invoiceId: invoice.id, status: invoice.status };
  },
);
