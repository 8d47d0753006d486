import type { InvoiceEvent, PartySnapshot, TaskSource } from '../../invoices/model.ts';
import type { Page, PageRequest } from '../../shared/page.ts';
import type { Asset } from '../model.ts';

/**
 * A work order (e.g. a preventive maintenance visit): the second kind of document tasks make. It
 * names a customer, lines of work and the customer's assets; it has no fiscal number, no prices
 * and no taxes, and moves `pending` → `in_progress` → `done`.
 */
export type WorkOrderStatus = 'pending' | 'in_progress' | 'done';

export interface WorkOrderLine {
  description: string;
  quantity: string;
  unit?: string;
  productId?: string;
}

export interface WorkOrder {
  id: string;
  tenantId: string;
  status: WorkOrderStatus;
  customerId: string;
  /** The customer's name, address and e-mail when the order was made. */
  customer: PartySnapshot;
  lines: WorkOrderLine[];
  assets: Asset[];
  notes?: string;
  /** Local date the work is due (a task's occurrence date in its time zone). */
  scheduledFor?: string;
  source?: TaskSource;
  events: InvoiceEvent[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface WorkOrderFilter {
  status?: WorkOrderStatus;
  customerId?: string;
  taskId?: string;
}

export interface WorkOrderRepository {
  /** Fails with ConflictError when the id exists: a task's retry finds its order made. */
  create(order: WorkOrder): Promise<void>;
  get(tenantId: string, id: string): Promise<WorkOrder | undefined>;
  /** Newest first. */
  list(tenantId: string, filter: WorkOrderFilter & PageRequest): Promise<Page<WorkOrder>>;
  /** Writes `next` if the stored version is `next.version - 1`; else PreconditionFailedError. */
  update(next: WorkOrder): Promise<void>;
}

/** The only moves a work order makes; staying put is not a move (and not an error). */
export const NEXT_STATUS: Record<WorkOrderStatus, WorkOrderStatus | undefined> = {
  pending: 'in_progress',
  in_progress: 'done',
  done: undefined,
};

export function workOrderView(o: WorkOrder) {
  return {
    id: o.id,
    status: o.status,
    customerId: o.customerId,
    customer: {
      taxId: o.customer.taxId,
      name: o.customer.name,
      ...(o.customer.email ? { email: o.customer.email } : {}),
      address: o.customer.address,
    },
    lines: o.lines,
    assets: o.assets,
    ...(o.notes ? { notes: o.notes } : {}),
    ...(o.scheduledFor ? { scheduledFor: o.scheduledFor } : {}),
    ...(o.source ? { source: o.source } : {}),
    events: o.events,
    version: o.version,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}
