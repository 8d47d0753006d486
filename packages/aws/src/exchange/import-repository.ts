import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError, type ExchangeInvoice, type ImportRepository } from '@sello/core';
import { keys } from '../dynamo/keys.ts';

/**
 * Imported invoices: the invoice item, with the same keys an invoice issued here carries (so it
 * lists with the tenant's invoices and lands in its buyer's inbox), and the guard that keeps its
 * number unique for the tenant, written together or not at all.
 */
export class DynamoImportRepository implements ImportRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async importedNumber(tenantId: string, number: string): Promise<string | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: keys.importedNumber(tenantId, number),
        ConsistentRead: true,
      }),
    );
    return Item ? String(Item.invoiceId) : undefined;
  }

  async record(invoice: ExchangeInvoice): Promise<void> {
    if (!invoice.number) throw new Error('An imported invoice carries its number');
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: {
                  ...keys.importedNumber(invoice.tenantId, invoice.number),
                  type: 'importedNumber',
                  invoiceId: invoice.id,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.table,
                // The item layout of DynamoInvoiceRepository for an issued invoice.
                Item: {
                  ...keys.invoice(invoice.tenantId, invoice.id),
                  ...keys.invoiceByDate(invoice.tenantId, invoice.id, invoice.issueDate),
                  ...keys.invoiceInInbox(
                    invoice.customer.taxId,
                    invoice.issueDate,
                    invoice.tenantId,
                    invoice.id,
                  ),
                  type: 'invoice',
                  ...invoice,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
    } catch (e) {
      if (
        e instanceof TransactionCanceledException &&
        e.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
      ) {
        throw new ConflictError(`Invoice ${invoice.number} was already imported`);
      }
      throw e;
    }
  }
}
