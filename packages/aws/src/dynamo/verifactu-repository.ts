import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  type BillingRecord,
  type ChainHead,
  linkOf,
  type Page,
  type PageRequest,
  type StoredRecord,
  type VerifactuRepository,
} from '@sello/core';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { keys, withoutKeys } from './keys.ts';

/**
 * The two writes that append a record to a tenant's chain, for a transaction: the new head,
 * conditioned on the head read (so two records can never follow the same one: no forks), and the
 * record under the next sequence number (so none is ever overwritten: no gaps).
 */
export function chainItems(
  table: string,
  tenantId: string,
  invoiceId: string,
  head: ChainHead | undefined,
  record: BillingRecord,
) {
  const seq = (head?.seq ?? 0) + 1;
  const stored: StoredRecord = {
    tenantId,
    seq,
    invoiceId,
    record,
    generatedAt: record.FechaHoraHusoGenRegistro,
    submission: { state: 'pending' },
  };
  return [
    {
      Put: {
        TableName: table,
        Item: { ...keys.chainHead(tenantId), type: 'chainHead', seq, link: linkOf(record) },
        ...(head
          ? { ConditionExpression: 'seq = :seq', ExpressionAttributeValues: { ':seq': head.seq } }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    },
    {
      Put: {
        TableName: table,
        Item: {
          ...keys.chainRecord(tenantId, seq),
          ...keys.chainRecordOfInvoice(tenantId, invoiceId, seq),
          type: 'billingRecord',
          ...stored,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
}

const toStored = (item: Record<string, unknown>): StoredRecord => {
  const { type: _type, ...rest } = withoutKeys(item);
  return rest as unknown as StoredRecord;
};

export class DynamoVerifactuRepository implements VerifactuRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async head(tenantId: string): Promise<ChainHead | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: keys.chainHead(tenantId),
        ConsistentRead: true,
      }),
    );
    return Item ? { seq: Number(Item.seq), link: Item.link as ChainHead['link'] } : undefined;
  }

  async list(tenantId: string, page: PageRequest): Promise<Page<StoredRecord>> {
    const { pk, skPrefix } = keys.chainRecordPrefix(tenantId);
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        ConsistentRead: true,
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, { pk, sk: { prefix: skPrefix } }),
      }),
    );
    const nextCursor = encodeCursor(out.LastEvaluatedKey as Record<string, string> | undefined);
    return { items: (out.Items ?? []).map(toStored), ...(nextCursor ? { nextCursor } : {}) };
  }

  async ofInvoice(tenantId: string, invoiceId: string): Promise<StoredRecord[]> {
    const { gsi1pk } = keys.chainRecordOfInvoice(tenantId, invoiceId, 0);
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': gsi1pk },
      }),
    );
    return (out.Items ?? []).map(toStored);
  }
}
