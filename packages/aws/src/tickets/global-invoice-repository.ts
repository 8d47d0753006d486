import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type {
  GlobalInvoiceRecord,
  GlobalInvoiceRepository,
  GlobalTenantDirectory,
} from '@sello/core/tickets';
import { keys, withoutKeys } from '../dynamo/keys.ts';
import {
  absent,
  atVersion,
  getItem,
  prefixQuery,
  queryAll,
  TableAdapter,
  written,
} from '../dynamo/toolkit/index.ts';

const toRecord = (item: Record<string, unknown>) => {
  const { type: _t, ...rest } = withoutKeys(item);
  return rest as unknown as GlobalInvoiceRecord;
};

/**
 * Mexico's global invoices, one item each in the tenant's partition (a tenant has about twelve a
 * year, plus reissues), versioned: a reissue locks the global it replaces by a conditional write.
 */
export class DynamoGlobalInvoiceRepository extends TableAdapter implements GlobalInvoiceRepository {
  private item(r: GlobalInvoiceRecord) {
    return { ...keys.globalInvoice(r.tenantId, r.id), type: 'globalInvoice', ...r };
  }

  async get(tenantId: string, id: string): Promise<GlobalInvoiceRecord | undefined> {
    const item = await getItem(this.db, this.table, keys.globalInvoice(tenantId, id), {
      consistent: true,
    });
    return item && toRecord(item);
  }

  create(record: GlobalInvoiceRecord): Promise<boolean> {
    return written(
      this.db.send(new PutCommand({ TableName: this.table, Item: this.item(record), ...absent })),
    );
  }

  update(record: GlobalInvoiceRecord): Promise<boolean> {
    return written(
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: this.item(record),
          ...atVersion(record.version - 1),
        }),
      ),
    );
  }

  async list(tenantId: string): Promise<GlobalInvoiceRecord[]> {
    const items = await queryAll(
      this.db,
      prefixQuery(this.table, keys.globalInvoicePrefix(tenantId), { consistent: true }),
    );
    return items.map(toRecord);
  }
}

/**
 * The tenants whose months are closed into globals, one small item each in one partition
 * (`GLOBALINVOICING`): the daily sweep reads it whole. Mexican tenants number in the thousands
 * at most; a busier table would shard the partition.
 */
export class DynamoGlobalTenantDirectory extends TableAdapter implements GlobalTenantDirectory {
  async register(tenantId: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...keys.globalTenant(tenantId), type: 'globalTenant', tenantId },
      }),
    );
  }

  async tenants(): Promise<string[]> {
    const items = await queryAll(this.db, prefixQuery(this.table, keys.globalTenantPrefix()));
    return items.map((i) => String(i.tenantId));
  }
}
