import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ExchangeInvoice, InboxFilter, InboxRepository, Page, PageRequest } from '@sello/core';
import { decodeCursor, encodeCursor } from '../dynamo/cursor.ts';
import { keys, withoutKeys } from '../dynamo/keys.ts';

export const toExchangeInvoice = (item: Record<string, unknown>): ExchangeInvoice => {
  const { type: _type, ...rest } = withoutKeys(item);
  return rest as unknown as ExchangeInvoice;
};

/**
 * A buyer's inbox: one gsi2 query on `INBOX#<tax id>`, across issuers, newest first. Dates bound
 * the sort key (`<issueDate>#…`), so a date range reads only its own items; the other filters
 * are applied by DynamoDB on the page read, so a page may come back short with a cursor.
 */
export class DynamoInboxRepository implements InboxRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async list(
    buyerTaxId: string,
    filter: InboxFilter & PageRequest,
  ): Promise<Page<ExchangeInvoice>> {
    const { gsi2pk } = keys.inbox(buyerTaxId);
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = { ':pk': gsi2pk, ':void': 'void' };
    let range = '';
    // `#` sorts before `$`, so `<to>$` is above every key of that day and below the next day.
    if (filter.from && filter.to) {
      range = ' AND gsi2sk BETWEEN :from AND :to';
      values[':from'] = filter.from;
      values[':to'] = `${filter.to}$`;
    } else if (filter.from) {
      range = ' AND gsi2sk >= :from';
      values[':from'] = filter.from;
    } else if (filter.to) {
      range = ' AND gsi2sk < :to';
      values[':to'] = `${filter.to}$`;
    }
    // Voided invoices keep their index keys (they were issued) but never show to the buyer.
    const conditions = ['#status <> :void'];
    if (filter.issuerTaxId) {
      conditions.push('#issuer.#taxId = :issuer');
      names['#issuer'] = 'issuer';
      names['#taxId'] = 'taxId';
      values[':issuer'] = filter.issuerTaxId;
    }
    if (filter.status) {
      names['#recipient'] = 'recipientStatus';
      if (filter.status === 'received') {
        conditions.push('attribute_not_exists(#recipient)');
      } else {
        conditions.push('#recipient = :recipient');
        values[':recipient'] = filter.status;
      }
    }
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi2',
        KeyConditionExpression: `gsi2pk = :pk${range}`,
        FilterExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: filter.limit,
        ExclusiveStartKey: decodeCursor(filter.cursor, { gsi2pk }),
      }),
    );
    const nextCursor = encodeCursor(out.LastEvaluatedKey as Record<string, string> | undefined);
    return {
      items: (out.Items ?? []).map(toExchangeInvoice),
      ...(nextCursor ? { nextCursor } : {}),
    };
  }
}
