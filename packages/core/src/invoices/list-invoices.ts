import type { Page, PageRequest } from '../shared/page.ts';
import type { InvoiceFilter, InvoiceRepository } from './invoice-repository.ts';
import type { Invoice } from './model.ts';

export const listInvoices =
  ({ invoices }: { invoices: InvoiceRepository }) =>
  (tenantId: string, filter: InvoiceFilter & PageRequest): Promise<Page<Invoice>> =>
    invoices.list(tenantId, filter);
