import type { ProductRepository } from '../../catalog/product.ts';
import type { CustomerRepository } from '../../customers/customer.ts';
import { type FieldError, ValidationError } from '../../errors.ts';
import type { TaskSource } from '../../invoices/model.ts';
import { customerSnapshot } from '../../invoices/parties.ts';
import type { Clock } from '../../ports/clock.ts';
import type { IdGenerator } from '../../ports/ids.ts';
import type { Asset } from '../model.ts';
import type { WorkOrder, WorkOrderLine, WorkOrderRepository } from './model.ts';

export interface WorkOrderDeps {
  workOrders: WorkOrderRepository;
  customers: Pick<CustomerRepository, 'get'>;
  products: Pick<ProductRepository, 'getMany'>;
  clock: Clock;
  ids: IdGenerator;
}

export interface WorkOrderLineRequest {
  productId?: string;
  description?: string;
  quantity: string;
  unit?: string;
}

export interface WorkOrderRequest {
  customerId: string;
  lines: WorkOrderLineRequest[];
  assets?: Asset[];
  notes?: string;
  scheduledFor?: string;
  /** Set by automatic tasks, never by API clients. */
  source?: TaskSource;
  /** Fixes the id (tasks derive it from task, occurrence and customer). */
  id?: string;
}

/**
 * Makes a `pending` work order for a live customer. A line naming a product takes the product's
 * description and unit unless it gives its own.
 */
export const createWorkOrder =
  (deps: WorkOrderDeps) =>
  async (tenantId: string, input: WorkOrderRequest): Promise<WorkOrder> => {
    const productIds = [...new Set(input.lines.flatMap((l) => (l.productId ? [l.productId] : [])))];
    const [customer, products] = await Promise.all([
      deps.customers.get(tenantId, input.customerId),
      productIds.length ? deps.products.getMany(tenantId, productIds) : [],
    ]);
    const errors: FieldError[] = [];
    if (!customer || customer.deletedAt) {
      errors.push({ path: 'customerId', message: `No customer ${input.customerId}` });
    }
    const catalog = new Map(products.filter((p) => !p.deletedAt).map((p) => [p.id, p]));
    const lines = input.lines.map((line, i): WorkOrderLine => {
      const product = line.productId ? catalog.get(line.productId) : undefined;
      if (line.productId && !product) {
        errors.push({ path: `lines.${i}.productId`, message: `No product ${line.productId}` });
      }
      const description = line.description ?? product?.description;
      if (!description) {
        errors.push({
          path: `lines.${i}.description`,
          message: 'Give a description or a productId',
        });
      }
      const unit = line.unit ?? product?.unit;
      return {
        description: description ?? '',
        quantity: line.quantity,
        ...(unit ? { unit } : {}),
        ...(line.productId ? { productId: line.productId } : {}),
      };
    });
    if (errors.length || !customer) {
      throw new ValidationError(
        `Invalid work order: ${errors.map((e) => `${e.path} (${e.message})`).join('; ')}`,
        errors,
      );
    }
    const now = deps.clock.now().toISOString();
    const order: WorkOrder = {
      id: input.id ?? deps.ids.next('wo'),
      tenantId,
      status: 'pending',
      customerId: customer.id,
      customer: customerSnapshot(customer),
      lines,
      assets: input.assets ?? [],
      ...(input.notes ? { notes: input.notes } : {}),
      ...(input.scheduledFor ? { scheduledFor: input.scheduledFor } : {}),
      ...(input.source ? { source: input.source } : {}),
      events: [{ at: now, type: 'created' }],
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await deps.workOrders.create(order);
    return order;
  };
