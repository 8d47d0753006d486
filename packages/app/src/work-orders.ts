import { systemClock, ulidIds } from '@sello/core/ports';
import * as core from '@sello/core/tasks';
import { repositories } from './repositories.ts';

/** Work orders (documents without a fiscal number, e.g. preventive maintenance). */
const r = () => repositories();

export const createWorkOrder = () =>
  core.createWorkOrder({
    workOrders: r().workOrders,
    customers: r().customers,
    products: r().products,
    clock: systemClock,
    ids: ulidIds,
  });

export const getWorkOrder = () => core.getWorkOrder({ workOrders: r().workOrders });

export const listWorkOrders = () => core.listWorkOrders({ workOrders: r().workOrders });

export const updateWorkOrder = () =>
  core.updateWorkOrder({ workOrders: r().workOrders, clock: systemClock });
