import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DocumentGrant, DocumentGrantStore } from '@sello/core/tickets';
import { keys } from '../dynamo/keys.ts';
import { batchWrite, getItem, TableAdapter } from '../dynamo/toolkit/index.ts';

const grantItem = (grant: DocumentGrant) => ({
  ...keys.documentGrant(grant.tokenHash),
  type: 'documentGrant',
  ...grant,
});

/** One item per download link, found by the token's hash; DynamoDB's TTL removes expired ones. */
export class DynamoDocumentGrantStore extends TableAdapter implements DocumentGrantStore {
  async put(grant: DocumentGrant): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: grantItem(grant) }));
  }

  /** One BatchWriteItem: each grant's key is a fresh random token's, so nothing is overwritten. */
  async putAll(grants: readonly DocumentGrant[]): Promise<void> {
    await batchWrite(
      this.db,
      this.table,
      grants.map((g) => ({ PutRequest: { Item: grantItem(g) } })),
    );
  }

  async get(tokenHash: string): Promise<DocumentGrant | undefined> {
    const item = await getItem(this.db, this.table, keys.documentGrant(tokenHash));
    if (!item) return undefined;
    return {
      tokenHash,
      tenantId: String(item.tenantId),
      invoiceId: String(item.invoiceId),
      format: String(item.format),
      expiresAt: Number(item.expiresAt),
    };
  }
}
