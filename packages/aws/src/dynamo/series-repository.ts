import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError, type Series, type SeriesRepository } from '@sello/core';
import { keys, withoutKeys } from './keys.ts';

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
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.series(tenantId, series.code), type: 'series', ...series },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) {
        throw new ConflictError(`Series ${series.code} already exists`);
      }
      throw e;
    }
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
