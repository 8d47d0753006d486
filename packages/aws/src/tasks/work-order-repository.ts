import type { Page, PageRequest } from '@sello/core/shared';
import type { WorkOrder, WorkOrderFilter, WorkOrderRepository } from '@sello/core/tasks';
import { keys } from '../dynamo/keys.ts';
import {
  fromItem,
  getItem,
  ListFilter,
  putNew,
  putNextVersion,
  queryPage,
  TableAdapter,
} from '../dynamo/toolkit/index.ts';

const toWorkOrder = (item: Record<string, unknown>) => fromItem<WorkOrder>(item);

export class DynamoWorkOrderRepository extends TableAdapter implements WorkOrderRepository {
  private item(o: WorkOrder) {
    return {
      ...keys.workOrder(o.tenantId, o.id),
      ...keys.workOrderOfTenant(o.tenantId, o.id),
      type: 'workOrder',
      ...o,
    };
  }

  async create(order: WorkOrder): Promise<void> {
    await putNew(this.db, this.table, this.item(order), `Work order ${order.id} already exists`);
  }

  async get(tenantId: string, id: string): Promise<WorkOrder | undefined> {
    const item = await getItem(this.db, this.table, keys.workOrder(tenantId, id), {
      consistent: true,
    });
    return item && toWorkOrder(item);
  }

  list(tenantId: string, filter: WorkOrderFilter & PageRequest): Promise<Page<WorkOrder>> {
    const { gsi1pk } = keys.workOrderOfTenant(tenantId, '');
    const where = new ListFilter()
      .where('status', '=', filter.status)
      .where('customerId', '=', filter.customerId)
      .where('source.taskId', '=', filter.taskId);
    return queryPage(
      this.db,
      { table: this.table, partition: { gsi1pk }, filter: where, newestFirst: true },
      filter,
      toWorkOrder,
    );
  }

  async update(next: WorkOrder): Promise<void> {
    await putNextVersion(this.db, this.table, this.item(next), `Work order ${next.id}`);
  }
}
