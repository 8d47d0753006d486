import { type InvoiceDeps, resolveLines, systemClock, ulidIds } from '@sello/core';
import { repositories } from './repositories.ts';

/** The invoice use cases' dependencies over DynamoDB, with catalog prices for product lines. */
export function invoiceDeps(): InvoiceDeps {
  const r = repositories();
  return {
    invoices: r.invoices,
    series: r.series,
    customers: r.customers,
    tenants: r.tenants,
    resolveLines: resolveLines(r),
    clock: systemClock,
    ids: ulidIds,
  };
}
