import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SigningIdentity, SigningIdentityRepository } from '@sello/core';
import { keys, withoutKeys } from './keys.ts';

/** One item per tenant: the certificates and the KMS key ARN, never key material. */
export class DynamoSigningIdentityRepository implements SigningIdentityRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(tenantId: string): Promise<SigningIdentity | undefined> {
    const { Item } = await this.db.send(
      // Consistent: a certificate uploaded a moment ago must sign the next invoice.
      new GetCommand({
        TableName: this.table,
        Key: keys.signingIdentity(tenantId),
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    const { type: _type, ...identity } = withoutKeys(Item);
    return identity as unknown as SigningIdentity;
  }

  async put(tenantId: string, identity: SigningIdentity): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...keys.signingIdentity(tenantId), type: 'signingIdentity', ...identity },
      }),
    );
  }
}
