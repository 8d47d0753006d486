import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SigningIdentity, SigningIdentityRepository } from '@sello/core/signing';
import { keys } from './keys.ts';
import { fromItem, getItem, TableAdapter } from './toolkit/index.ts';

/** One item per tenant: the certificates and the KMS key ARN, never key material. */
export class DynamoSigningIdentityRepository
  extends TableAdapter
  implements SigningIdentityRepository
{
  async get(tenantId: string): Promise<SigningIdentity | undefined> {
    // Consistent: a certificate uploaded a moment ago must sign the next invoice.
    const item = await getItem(this.db, this.table, keys.signingIdentity(tenantId), {
      consistent: true,
    });
    return item && fromItem<SigningIdentity>(item);
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
