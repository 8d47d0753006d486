import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CsdIdentity, CsdIdentityRepository } from '@sello/core/signing';
import { keys } from './keys.ts';
import { fromItem, getItem, TableAdapter } from './toolkit/index.ts';

/** One item per tenant: SAT's certificate and the KMS key ARN, never key material. */
export class DynamoCsdIdentityRepository extends TableAdapter implements CsdIdentityRepository {
  async get(tenantId: string): Promise<CsdIdentity | undefined> {
    // Consistent: a CSD uploaded a moment ago must seal the next CFDI.
    const item = await getItem(this.db, this.table, keys.csdIdentity(tenantId), {
      consistent: true,
    });
    return item && fromItem<CsdIdentity>(item);
  }

  async put(tenantId: string, identity: CsdIdentity): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...keys.csdIdentity(tenantId), type: 'csdIdentity', ...identity },
      }),
    );
  }
}
