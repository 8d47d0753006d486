import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, ForbiddenError } from '@sello/core/errors';
import type { OnboardingKey } from '@sello/core/recipients';
import type {
  ApiKeyRecord,
  OnboardingProofRepository,
  TaxIdProof,
  TaxIdProofRepository,
  Tenant,
  TenantRepository,
} from '@sello/core/tenants';
import { apiKeyItem } from './api-key-repository.ts';
import { keys } from './keys.ts';
import {
  absent,
  Cancellation,
  fromItem,
  getItem,
  TableAdapter,
  transactWrite,
  written,
} from './toolkit/index.ts';

export class DynamoTenantRepository
  extends TableAdapter
  implements TenantRepository, TaxIdProofRepository, OnboardingProofRepository
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

  async recordTaxIdProof(tenantId: string, proof: TaxIdProof): Promise<void> {
    // The first proof stands: a later one (a second certificate) finds the condition false.
    await written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.tenant(tenantId),
          UpdateExpression: 'SET taxIdProof = :proof',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(taxIdProof)',
          ExpressionAttributeValues: { ':proof': proof },
        }),
      ),
    );
  }

  async recordTaxIdProofWithKeys(
    tenantId: string,
    proof: TaxIdProof,
    onboarding: { email: OnboardingKey; issuer: OnboardingKey },
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
      {
        Update: {
          TableName: this.table,
          Key: keys.tenant(tenantId),
          UpdateExpression: 'SET taxIdProof = :proof',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(taxIdProof)',
          ExpressionAttributeValues: { ':proof': proof },
        },
      },
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
      // Proven meanwhile (a certificate): the first proof stands and the keys stay unspent.
      if (Cancellation.of(error)?.failed(0)) return;
      throw error;
    }
  }
}
