import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SubmitterCertificate, SubmitterCertificateRepository } from '@sello/core/verifactu';
import { verifactuKeys } from '../keys/verifactu.ts';
import { fromItem, getItem, TableAdapter } from '../toolkit/index.ts';

/** The certificate that presents the tenant's records to AEAT: one item per tenant. */
export class DynamoSubmitterCertificateRepository
  extends TableAdapter
  implements SubmitterCertificateRepository
{
  async submitterCertificate(tenantId: string): Promise<SubmitterCertificate | undefined> {
    const item = await getItem(this.db, this.table, verifactuKeys.submitterCertificate(tenantId), {
      consistent: true,
    });
    return item && fromItem<SubmitterCertificate>(item);
  }

  async putSubmitterCertificate(
    tenantId: string,
    certificate: SubmitterCertificate,
  ): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...verifactuKeys.submitterCertificate(tenantId),
          type: 'verifactuSubmitterCertificate',
          ...certificate,
        },
      }),
    );
  }
}
