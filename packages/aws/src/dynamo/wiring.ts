import {
  explicitLines,
  type InvoiceDeps,
  type LineResolver,
  systemClock,
  ulidIds,
} from '@sello/core';
import { repositories } from './repositories.ts';

/** The invoice use cases' dependencies over DynamoDB, built once per container. */
export function invoiceDeps(resolveLines: LineResolver = explicitLines): InvoiceDeps {
  const r = repositories();
  return {
    invoices: r.invoices,
    series: r.series,
    customers: r.customers,
    tenants: r.tenants,
    resolveLines,
    clock: systemClock,
    ids: ulidIds,
  };
}
