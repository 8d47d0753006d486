import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type {
  ConnectorCredentialsRepository,
  ConnectorId,
  StoredConnectorCredentials,
} from '@sello/core/connectors';
import { keys } from '../dynamo/keys.ts';
import { fromItem, getItem, prefixQuery, queryAll, TableAdapter } from '../dynamo/toolkit/index.ts';

const toCredentials = (item: Record<string, unknown>) => fromItem<StoredConnectorCredentials>(item);

/**
 * Each user's connector credentials, one item per (user, connector) in the user's partition. The
 * item holds the sealed username and password as the SecretBox made them (ciphertext and the
 * wrapped data key) and nothing of them in plaintext.
 */
export class DynamoConnectorCredentialsRepository
  extends TableAdapter
  implements ConnectorCredentialsRepository
{
  async put(c: StoredConnectorCredentials): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...keys.connectorCredentials(c.tenantId, c.userId, c.connector),
          type: 'connectorCredentials',
          ...c,
        },
      }),
    );
  }

  async get(
    tenantId: string,
    userId: string,
    connector: ConnectorId,
  ): Promise<StoredConnectorCredentials | undefined> {
    const item = await getItem(
      this.db,
      this.table,
      keys.connectorCredentials(tenantId, userId, connector),
      { consistent: true },
    );
    return item && toCredentials(item);
  }

  async list(tenantId: string, userId: string): Promise<StoredConnectorCredentials[]> {
    const query = prefixQuery(this.table, keys.connectorCredentialsPrefix(tenantId, userId), {
      consistent: true,
    });
    return (await queryAll(this.db, query)).map(toCredentials);
  }

  async delete(tenantId: string, userId: string, connector: ConnectorId): Promise<boolean> {
    const out = await this.db.send(
      new DeleteCommand({
        TableName: this.table,
        Key: keys.connectorCredentials(tenantId, userId, connector),
        ReturnValues: 'ALL_OLD',
      }),
    );
    return !!out.Attributes;
  }
}
