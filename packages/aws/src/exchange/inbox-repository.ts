import type { ExchangeInvoice, InboxFilter, InboxRepository } from '@sello/core/exchange';
import type { Page, PageRequest } from '@sello/core/shared';
import { keys } from '../dynamo/keys.ts';
import {
  fromItem,
  ListFilter,
  queryPage,
  type SortKeyCondition,
  TableAdapter,
} from '../dynamo/toolkit/index.ts';

export const toExchangeInvoice = (item: Record<string, unknown>) => fromItem<ExchangeInvoice>(item);

/** The sort-key range of issue dates (`<issueDate>#…`), if any bound is given. */
function issueDates(from?: string, to?: string): SortKeyCondition | undefined {
  // `#` sorts before `$`, so `<to>$` is above every key of that day and below the next day.
  if (from && to) return { between: [from, `${to}$`] };
  if (from) return { atLeast: from };
  if (to) return { below: `${to}$` };
  return undefined;
}

/**
 * A buyer's inbox: one gsi2 query on `INBOX#<tax id>`, across issuers, newest first. Dates bound
 * the sort key (`<issueDate>#…`), so a date range reads only its own items; the other filters
 * are applied by DynamoDB on the page read, so a page may come back short with a cursor.
 */
export class DynamoInboxRepository extends TableAdapter implements InboxRepository {
  list(buyerTaxId: string, filter: InboxFilter & PageRequest): Promise<Page<ExchangeInvoice>> {
    const { gsi2pk } = keys.inbox(buyerTaxId);
    // Voided invoices keep their index keys (they were issued) but never show to the buyer.
    const where = new ListFilter()
      .where('status', '<>', 'void')
      .where('issuer.taxId', '=', filter.issuerTaxId || undefined);
    if (filter.status === 'received') where.absent('recipientStatus');
    else where.where('recipientStatus', '=', filter.status);
    const dates = issueDates(filter.from, filter.to);
    return queryPage(
      this.db,
      {
        table: this.table,
        partition: { gsi2pk },
        ...(dates ? { sort: dates } : {}),
        filter: where,
        newestFirst: true,
      },
      filter,
      toExchangeInvoice,
    );
  }
}
