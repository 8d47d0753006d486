import type { Invoice } from '../invoices/model.ts';
import type { ExchangeFields, InboxStatus } from './model.ts';

/** An invoice as the exchange area reads it: the issuer's invoice with its exchange fields. */
export type ExchangeInvoice = Invoice & ExchangeFields;

export const inboxStatusOf = (invoice: ExchangeInvoice): InboxStatus =>
  invoice.recipientStatus ?? 'received';
