import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RecipientNotificationLog } from '@sello/core/recipients';
import { keys } from '../dynamo/keys.ts';
import { TableAdapter, written } from '../dynamo/toolkit/index.ts';

/**
 * `NOTIFIED#<invoice>` items: claimed (`claimedAt`) before the mail is sent, completed (`sentAt`,
 * `messageId`) after. A claim without `sentAt` older than the lease belongs to a sender that died
 * and may be taken over; a completed one never.
 */
export class DynamoNotificationLog extends TableAdapter implements RecipientNotificationLog {
  claim(tenantId: string, invoiceId: string, at: Date, leaseSeconds: number) {
    return written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.invoiceNotification(tenantId, invoiceId),
          UpdateExpression: 'SET #type = :type, invoiceId = :invoice, claimedAt = :now',
          ConditionExpression:
            'attribute_not_exists(pk) OR (attribute_not_exists(sentAt) AND claimedAt < :stale)',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: {
            ':type': 'invoiceNotification',
            ':invoice': invoiceId,
            ':now': at.toISOString(),
            ':stale': new Date(at.getTime() - leaseSeconds * 1000).toISOString(),
          },
        }),
      ),
    );
  }

  async complete(tenantId: string, invoiceId: string, detail: { messageId: string; at: string }) {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.invoiceNotification(tenantId, invoiceId),
        UpdateExpression: 'SET sentAt = :at, messageId = :id',
        ExpressionAttributeValues: { ':at': detail.at, ':id': detail.messageId },
      }),
    );
  }

  async release(tenantId: string, invoiceId: string) {
    await this.db.send(
      new DeleteCommand({
        TableName: this.table,
        Key: keys.invoiceNotification(tenantId, invoiceId),
        ConditionExpression: 'attribute_not_exists(sentAt)',
      }),
    );
  }
}
