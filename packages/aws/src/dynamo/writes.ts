import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '@sello/core';

/** Writes an item that must not exist yet; an existing one is a ConflictError with `conflict`. */
export async function putNew(
  db: DynamoDBDocumentClient,
  table: string,
  item: Record<string, unknown>,
  conflict: string,
): Promise<void> {
  try {
    await db.send(
      new PutCommand({
        TableName: table,
        Item: item,
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) throw new ConflictError(conflict);
    throw e;
  }
}
