import { ConflictError, PreconditionFailedError } from '@sello/core/errors';
import type {
  CompanyNumberDirectory,
  SettingsRepository,
  TenantSettings,
} from '@sello/core/settings';
import { keys } from '../dynamo/keys.ts';
import {
  absent,
  atVersion,
  fromItem,
  getItem,
  putIf,
  TableAdapter,
  type TransactItem,
  transactWrite,
} from '../dynamo/toolkit/index.ts';

const changedMeanwhile = () =>
  new PreconditionFailedError('The settings were changed by another request; read them again');

/**
 * One item per tenant, replaced whole on each change under an optimistic version check. A
 * change of the self-invoicing company number writes, in the same transaction, the number's
 * claim (free, or the tenant's already) and the removal of the old one.
 */
export class DynamoSettingsRepository
  extends TableAdapter
  implements SettingsRepository, CompanyNumberDirectory
{
  async get(tenantId: string): Promise<TenantSettings | undefined> {
    const item = await getItem(this.db, this.table, keys.tenantSettings(tenantId));
    return item && fromItem<TenantSettings>(item);
  }

  async save(next: TenantSettings, previous?: TenantSettings): Promise<void> {
    const item = { ...keys.tenantSettings(next.tenantId), type: 'settings', ...next };
    const condition = next.version === 1 ? absent : atVersion(next.version - 1);
    const before = previous?.selfInvoicing?.companyNumber;
    const after = next.selfInvoicing?.companyNumber;
    if (previous === undefined || before === after) {
      await putIf(this.db, this.table, item, condition, changedMeanwhile);
      return;
    }
    const tenant = { ':tenantId': next.tenantId };
    const items: TransactItem[] = [{ Put: { TableName: this.table, Item: item, ...condition } }];
    if (after) {
      items.push({
        Put: {
          TableName: this.table,
          Item: {
            ...keys.companyNumber(after),
            type: 'companyNumber',
            companyNumber: after,
            tenantId: next.tenantId,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR tenantId = :tenantId',
          ExpressionAttributeValues: tenant,
        },
      });
    }
    if (before) {
      items.push({
        Delete: {
          TableName: this.table,
          Key: keys.companyNumber(before),
          ConditionExpression: 'attribute_not_exists(pk) OR tenantId = :tenantId',
          ExpressionAttributeValues: tenant,
        },
      });
    }
    await transactWrite(this.db, items, (why) => {
      if (why.failed(0)) return changedMeanwhile();
      if (after && why.failed(1)) {
        return new ConflictError(`Company number ${after} is taken`, [
          {
            path: 'selfInvoicing.companyNumber',
            message: 'Another company uses this number; choose another',
          },
        ]);
      }
      return undefined;
    });
  }

  async tenantOfCompanyNumber(companyNumber: string): Promise<string | undefined> {
    const item = await getItem(this.db, this.table, keys.companyNumber(companyNumber));
    return item ? String(item.tenantId) : undefined;
  }
}
