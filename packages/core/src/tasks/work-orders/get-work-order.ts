import { NotFoundError } from '../../errors.ts';
import type { WorkOrder, WorkOrderRepository } from './model.ts';

export const getWorkOrder =
  ({ workOrders }: { workOrders: Pick<WorkOrderRepository, 'get'> }) =>
  async (tenantId: string, id: string): Promise<WorkOrder> => {
    const order = await workOrders.get(tenantId, id);
    if (!order) throw new NotFoundError('Work order', id);
    return order;
  };
