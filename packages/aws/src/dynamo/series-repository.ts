import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Series, SeriesRepository } from '@sello/core';
import { keys, withoutKeys } from './keys.ts';
import { putNew } from './writes.ts';

const toSeries = (item: Record<string, unknown>): Series => {
  const { type: _type, ...rest } = withoutKeys(item);
  return rest as unknown as Series;
};

export class DynamoSeriesRepository implements SeriesRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async create(tenantId: string, series: Series): Promise<void> {
    await putNew(
      this.db,
      this.table,
      { ...keys.series(tenantId, series.code), type: 'series', ...series },
      `Series ${series.code} already exists`,
    );
  }

  async get(tenantId: string, code: string): Promise<Series | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.series(tenantId, code) }),
    );
    return Item ? toSeries(Item) : undefined;
  }

  async list(tenantId: string): Promise<Series[]> {
    const { pk, skPrefix } = keys.seriesPrefix(tenantId);
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? []).map(toSeries);
  }
}
