import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  ConflictError,
  type ExchangeInvoice,
  type ImportRepository,
  type NumberHolder,
  numberTaken,
} from '@sello/core';
import { keys } from '../dynamo/keys.ts';

/**
 * Imported invoices: the invoice item, with the same keys an invoice issued here carries (so it
 * lists with the tenant's invoices and lands in its buyer's inbox), and the claim of its number
 * (keys.invoiceNumber), which issuing writes too, so a number is the tenant's once whether it
 * was issued here or imported: written together or not at all.
 */
export class DynamoImportRepository implements ImportRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private async claim(tenantId: string, number: string): Promise<NumberHolder | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: keys.invoiceNumber(tenantId, number),
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    // Claims written before issuing wrote them are all imports'.
    return {
      invoiceId: String(Item.invoiceId),
      origin: Item.origin === 'issued' ? 'issued' : 'import',
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
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :day)',
          FilterExpression: '#number = :number',
          ExpressionAttributeNames: { '#number': 'number', '#origin': 'origin' },
          ExpressionAttributeValues: { ':pk': gsi1pk, ':day': `${issueDate}#`, ':number': number },
          ProjectionExpression: 'id, #origin',
          ExclusiveStartKey: start,
        }),
      );
      const [held] = page.Items ?? [];
      if (held) {
        return {
          invoiceId: String(held.id),
          origin: held.origin === 'import' ? 'import' : 'issued',
        };
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return undefined;
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
                  ...keys.invoiceNumber(invoice.tenantId, invoice.number),
                  type: 'invoiceNumber',
                  invoiceId: invoice.id,
                  origin: 'import',
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
        // Claimed meanwhile, by another import or an issue: name the invoice that holds it.
        const holder = await this.claim(invoice.tenantId, invoice.number);
        throw holder
          ? numberTaken(invoice.number, holder)
          : new ConflictError(`Invoice ${invoice.number} was already imported`);
      }
      throw e;
    }
  }
}
