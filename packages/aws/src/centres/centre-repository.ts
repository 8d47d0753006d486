import type { Centre, CentreRepository } from '@sello/core/centres';
import type { Page, PageRequest } from '@sello/core/shared';
import { keys } from '../dynamo/keys.ts';
import {
  fromItem,
  getItem,
  prefixQuery,
  putNew,
  putNextVersion,
  queryPage,
  TableAdapter,
} from '../dynamo/toolkit/index.ts';

const toCentre = (item: Record<string, unknown>) => fromItem<Centre>(item);

/** Work centres, one item each in the tenant's partition, listed in creation order. */
export class DynamoCentreRepository extends TableAdapter implements CentreRepository {
  private item(c: Centre) {
    return { ...keys.centre(c.tenantId, c.id), type: 'centre', ...c };
  }

  async create(centre: Centre): Promise<void> {
    await putNew(this.db, this.table, this.item(centre), `Centre ${centre.id} already exists`);
  }

  async get(tenantId: string, id: string): Promise<Centre | undefined> {
    const item = await getItem(this.db, this.table, keys.centre(tenantId, id), {
      consistent: true,
    });
    return item && toCentre(item);
  }

  list(tenantId: string, page: PageRequest): Promise<Page<Centre>> {
    return queryPage(this.db, prefixQuery(this.table, keys.centrePrefix(tenantId)), page, toCentre);
  }

  async update(next: Centre): Promise<void> {
    await putNextVersion(this.db, this.table, this.item(next), `Centre ${next.id}`);
  }
}
