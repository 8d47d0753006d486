import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, ForbiddenError } from '@sello/core/errors';
import type { OnboardingKey } from '@sello/core/recipients';
import type {
  ApiKeyRecord,
  OnboardingProofRepository,
  TaxIdProof,
  TaxIdProofRepository,
  Tenant,
  TenantRepository,
  TenantUpdateRepository,
} from '@sello/core/tenants';
import { apiKeyItem } from './api-key-repository.ts';
import { keys } from './keys.ts';
import {
  absent,
  atVersionOrFirst,
  Cancellation,
  changedMeanwhile,
  fromItem,
  getItem,
  putIf,
  queryInput,
  TableAdapter,
  transactWrite,
  written,
} from './toolkit/index.ts';

/**
 * Sets a tenant's first proof of `taxId` (while that is still its tax id) and moves its version
 * on, so a concurrent change of the company data, which writes the whole tenant, cannot undo it.
 */
const proving = (tenantId: string, taxId: string, proof: TaxIdProof) => ({
  Key: keys.tenant(tenantId),
  UpdateExpression: 'SET taxIdProof = :proof, version = if_not_exists(version, :one) + :one',
  ConditionExpression:
    'attribute_exists(pk) AND attribute_not_exists(taxIdProof) AND taxId = :taxId',
  ExpressionAttributeValues: { ':proof': proof, ':taxId': taxId, ':one': 1 },
});

export class DynamoTenantRepository
  extends TableAdapter
  implements
    TenantRepository,
    TaxIdProofRepository,
    OnboardingProofRepository,
    TenantUpdateRepository
{
  async create(tenant: Tenant, firstKey: ApiKeyRecord): Promise<void> {
    const tenantItem = { ...keys.tenant(tenant.id), type: 'tenant', ...tenant };
    await transactWrite(
      this.db,
      [
        { Put: { TableName: this.table, Item: tenantItem, ...absent } },
        { Put: { TableName: this.table, Item: apiKeyItem(firstKey), ...absent } },
      ],
      () => new ConflictError(`Tenant ${tenant.id} already exists`),
    );
  }

  async get(id: string): Promise<Tenant | undefined> {
    const item = await getItem(this.db, this.table, keys.tenant(id));
    return item && fromItem<Tenant>(item);
  }

  async recordTaxIdProof(tenantId: string, taxId: string, proof: TaxIdProof): Promise<void> {
    // The first proof stands: a later one (a second certificate) finds the condition false, as
    // does a proof of a tax id the tenant changed meanwhile.
    await written(
      this.db.send(
        new UpdateCommand({ TableName: this.table, ...proving(tenantId, taxId, proof) }),
      ),
    );
  }

  async update(next: Tenant): Promise<void> {
    const condition = atVersionOrFirst(next.version === undefined ? 1 : next.version - 1);
    const item = { ...keys.tenant(next.id), type: 'tenant', ...next };
    await putIf(this.db, this.table, item, condition, changedMeanwhile(`Tenant ${next.id}`));
  }

  async hasIssuedInvoices(tenantId: string): Promise<boolean> {
    // Drafts sort under `DRAFT#…` in the tenant's invoice index, issued and imported invoices
    // under their issue date, which sorts before it: one key read says whether any exists.
    const { gsi1pk } = keys.invoiceByDate(tenantId, '', undefined);
    const { Items } = await this.db.send(
      new QueryCommand({
        ...queryInput({
          table: this.table,
          partition: { gsi1pk },
          sort: { below: 'DRAFT' },
          projection: ['pk'],
        }),
        Limit: 1,
      }),
    );
    return (Items?.length ?? 0) > 0;
  }

  async recordTaxIdProofWithKeys(
    tenantId: string,
    proof: TaxIdProof,
    onboarding: { email: OnboardingKey; issuer: OnboardingKey },
    taxId: string,
  ): Promise<void> {
    const consume = (key: OnboardingKey) => ({
      Update: {
        TableName: this.table,
        Key: keys.onboardingKey(key.hash),
        UpdateExpression: 'SET usedAt = :at, provedTenantId = :tenant',
        ConditionExpression:
          'attribute_exists(pk) AND kind = :kind AND taxId = :taxId AND validUntil > :at ' +
          'AND attribute_not_exists(usedAt) AND attribute_not_exists(revokedAt)',
        ExpressionAttributeValues: {
          ':at': proof.at,
          ':tenant': tenantId,
          ':kind': key.kind,
          ':taxId': key.taxId,
        },
      },
    });
    const items = [
      { Update: { TableName: this.table, ...proving(tenantId, taxId, proof) } },
      consume(onboarding.email),
      consume(onboarding.issuer),
    ];
    try {
      await transactWrite(this.db, items, (why) => {
        const spent = [
          ...(why.failed(1) ? [{ path: 'emailKey', message: 'This key was used meanwhile' }] : []),
          ...(why.failed(2) ? [{ path: 'issuerKey', message: 'This key was used meanwhile' }] : []),
        ];
        return spent.length
          ? new ForbiddenError('These onboarding keys do not prove the tax id', spent)
          : undefined;
      });
    } catch (error) {
      // Proven meanwhile (a certificate), or its tax id changed: the first proof stands, or none
      // is recorded for a tax id the tenant no longer has, and the keys stay unspent.
      if (Cancellation.of(error)?.failed(0)) return;
      throw error;
    }
  }
}
