import type { Page, PageRequest } from '../../shared/page.ts';
import type { WorkOrder, WorkOrderFilter, WorkOrderRepository } from './model.ts';

export const listWorkOrders =
  ({ workOrders }: { workOrders: Pick<WorkOrderRepository, 'list'> }) =>
  (tenantId: string, filter: WorkOrderFilter & PageRequest): Promise<Page<WorkOrder>> =>
    workOrders.list(tenantId, filter);
