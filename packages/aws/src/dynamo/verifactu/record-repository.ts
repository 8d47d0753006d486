import type { Page, PageRequest } from '@sello/core/shared';
import type { ChainHead, StoredRecord, VerifactuRepository } from '@sello/core/verifactu';
import { keys } from '../keys.ts';
import { prefixQuery, queryAll, queryPage, TableAdapter } from '../toolkit/index.ts';
import { readChainHead, toStored } from './chain.ts';

/** A tenant's chain of billing records, as read: its head, its records, an invoice's records. */
export class DynamoVerifactuRepository extends TableAdapter implements VerifactuRepository {
  head(tenantId: string): Promise<ChainHead | undefined> {
    return readChainHead(this.db, this.table, tenantId);
  }

  list(tenantId: string, page: PageRequest): Promise<Page<StoredRecord>> {
    const query = prefixQuery(this.table, keys.chainRecordPrefix(tenantId), { consistent: true });
    return queryPage(this.db, query, page, toStored);
  }

  async ofInvoice(tenantId: string, invoiceId: string): Promise<StoredRecord[]> {
    const { gsi1pk } = keys.chainRecordOfInvoice(tenantId, invoiceId, 0);
    const items = await queryAll(this.db, { table: this.table, partition: { gsi1pk } });
    return items.map(toStored);
  }
}
