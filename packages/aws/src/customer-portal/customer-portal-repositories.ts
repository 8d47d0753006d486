import type {
  CustomersByTaxId,
  PortalDraft,
  PortalDraftRepository,
} from '@sello/core/customer-portal';
import type { Customer } from '@sello/core/customers';
import { keys } from '../dynamo/keys.ts';
import {
  fromItem,
  getItem,
  ListFilter,
  putNew,
  queryAll,
  TableAdapter,
} from '../dynamo/toolkit/index.ts';

/** Live customers of a tax id in every tenant (gsi2 of customer items). */
export class DynamoCustomersByTaxId extends TableAdapter implements CustomersByTaxId {
  async list(taxId: string): Promise<Customer[]> {
    const items = await queryAll(this.db, {
      table: this.table,
      partition: { gsi2pk: keys.customerAcrossTenants(taxId, '', '').gsi2pk },
      filter: new ListFilter().absent('deletedAt'),
    });
    return items.map((item) => fromItem<Customer>(item));
  }
}

/** Drafts customers made in the portal, one item each beside the tenant's invoices. */
export class DynamoPortalDraftRepository extends TableAdapter implements PortalDraftRepository {
  async record(draft: PortalDraft): Promise<void> {
    await putNew(this.db, this.table, {
      ...keys.portalDraft(draft.tenantId, draft.invoiceId),
      type: 'portalDraft',
      ...draft,
    });
  }

  async get(tenantId: string, invoiceId: string): Promise<PortalDraft | undefined> {
    const item = await getItem(this.db, this.table, keys.portalDraft(tenantId, invoiceId), {
      consistent: true,
    });
    return item && fromItem<PortalDraft>(item);
  }
}
