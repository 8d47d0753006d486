import { PreconditionFailedError } from '@sello/core/errors';
import type { SettingsRepository, TenantSettings } from '@sello/core/settings';
import { keys } from '../dynamo/keys.ts';
import {
  absent,
  atVersion,
  fromItem,
  getItem,
  putIf,
  TableAdapter,
} from '../dynamo/toolkit/index.ts';

/** One item per tenant, replaced whole on each change under an optimistic version check. */
export class DynamoSettingsRepository extends TableAdapter implements SettingsRepository {
  async get(tenantId: string): Promise<TenantSettings | undefined> {
    const item = await getItem(this.db, this.table, keys.tenantSettings(tenantId));
    return item && fromItem<TenantSettings>(item);
  }

  async save(next: TenantSettings): Promise<void> {
    await putIf(
      this.db,
      this.table,
      { ...keys.tenantSettings(next.tenantId), type: 'settings', ...next },
      next.version === 1 ? absent : atVersion(next.version - 1),
      () =>
        new PreconditionFailedError(
          'The settings were changed by another request; read them again',
        ),
    );
  }
}
