import { NotFoundError } from '../errors.ts';
import type { InvoiceRepository } from './invoice-repository.ts';
import type { Invoice } from './model.ts';

export const getInvoice =
  ({ invoices }: { invoices: Pick<InvoiceRepository, 'get'> }) =>
  async (tenantId: string, id: string): Promise<Invoice> => {
    const invoice = await invoices.get(tenantId, id);
    if (!invoice) throw new NotFoundError('Invoice', id);
    return invoice;
  };
