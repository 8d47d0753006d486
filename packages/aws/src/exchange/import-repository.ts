import { ConflictError } from '@sello/core/errors';
import {
  type ExchangeInvoice,
  type ImportRepository,
  type NumberHolder,
  numberTaken,
} from '@sello/core/exchange';
import { invoiceItem } from '../dynamo/invoice-item.ts';
import { keys } from '../dynamo/keys.ts';
import {
  absent,
  getItem,
  ListFilter,
  queryPages,
  TableAdapter,
  transactWrite,
} from '../dynamo/toolkit/index.ts';

/**
 * Imported invoices: the invoice item, with the same keys an invoice issued here carries (so it
 * lists with the tenant's invoices and lands in its buyer's inbox), and the claim of its number
 * (keys.invoiceNumber), which issuing writes too, so a number is the tenant's once whether it
 * was issued here or imported: written together or not at all.
 */
export class DynamoImportRepository extends TableAdapter implements ImportRepository {
  private async claim(tenantId: string, number: string): Promise<NumberHolder | undefined> {
    const item = await getItem(this.db, this.table, keys.invoiceNumber(tenantId, number), {
      consistent: true,
    });
    if (!item) return undefined;
    // Claims written before issuing wrote them are all imports'.
    return {
      invoiceId: String(item.invoiceId),
      origin: item.origin === 'issued' ? 'issued' : 'import',
    };
  }

  async numberHolder(
    tenantId: string,
    number: string,
    issueDate: string,
  ): Promise<NumberHolder | undefined> {
    const claimed = await this.claim(tenantId, number);
    if (claimed) return claimed;
    // An invoice issued before issuing claimed its number has only its item: look among the
    // tenant's invoices of that issue date (the date the document states, one day's invoices).
    const { gsi1pk } = keys.invoiceByDate(tenantId, '', issueDate);
    const pages = queryPages(this.db, {
      table: this.table,
      partition: { gsi1pk },
      sort: { beginsWith: `${issueDate}#` },
      filter: new ListFilter().where('number', '=', number),
      projection: ['id', 'origin'],
    });
    for await (const [held] of pages) {
      if (held) {
        return {
          invoiceId: String(held.id),
          origin: held.origin === 'import' ? 'import' : 'issued',
        };
      }
    }
    return undefined;
  }

  async record(invoice: ExchangeInvoice): Promise<void> {
    const number = invoice.number;
    if (!number) throw new Error('An imported invoice carries its number');
    const claim = {
      ...keys.invoiceNumber(invoice.tenantId, number),
      type: 'invoiceNumber',
      invoiceId: invoice.id,
      origin: 'import',
    };
    await transactWrite(
      this.db,
      [
        { Put: { TableName: this.table, Item: claim, ...absent } },
        // Imported invoices are issued ones: the item has their list and inbox keys.
        { Put: { TableName: this.table, Item: invoiceItem(invoice), ...absent } },
      ],
      async (why) => {
        if (!why.failed(0)) return undefined;
        // Claimed meanwhile, by another import or an issue: name the invoice that holds it.
        const holder = await this.claim(invoice.tenantId, number);
        return holder
          ? numberTaken(number, holder)
          : new ConflictError(`Invoice ${number} was already imported`);
      },
    );
  }
}
