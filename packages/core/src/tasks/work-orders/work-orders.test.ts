import { describe, expect, it } from 'vitest';
import { movableClock, sequentialIds } from '../../../testing/tasks.ts';
import type { Customer } from '../../customers/customer.ts';
import { ConflictError, PreconditionFailedError } from '../../errors.ts';
import { createWorkOrder } from './create-work-order.ts';
import type { WorkOrder, WorkOrderRepository } from './model.ts';
import { updateWorkOrder } from './update-work-order.ts';

class InMemoryWorkOrders implements WorkOrderRepository {
  readonly items = new Map<string, WorkOrder>();
  async create(o: WorkOrder) {
    if (this.items.has(o.id)) throw new ConflictError('taken');
    this.items.set(o.id, structuredClone(o));
  }
  async get(_t: string, id: string) {
    const o = this.items.get(id);
    return o && structuredClone(o);
  }
  async list() {
    return { items: [...this.items.values()] };
  }
  async update(next: WorkOrder) {
    if (this.items.get(next.id)?.version !== next.version - 1)
      throw new PreconditionFailedError('stale');
    this.items.set(next.id, structuredClone(next));
  }
}

const customer: Customer = {
  id: 'cus_1',
  tenantId: 'ten_1',
  taxId: '12345678Z',
  taxIdKind: 'NIF' as Customer['taxIdKind'],
  personType: 'F' as Customer['personType'],
  name: 'Ana García',
  email: 'ana@example.es',
  language: 'es',
  address: { line1: 'Calle Mayor 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
  version: 1,
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
};

function setup() {
  const clock = movableClock('2027-02-28T08:00:00Z');
  const workOrders = new InMemoryWorkOrders();
  const deps = {
    workOrders,
    customers: { get: async (_t: string, id: string) => (id === 'cus_1' ? customer : undefined) },
    products: {
      getMany: async () => [
        {
          id: 'prd_1',
          tenantId: 'ten_1',
          code: 'REV',
          description: 'Revisión anual',
          unit: 'HUR',
          unitPrice: '50',
          taxes: [],
          version: 1,
          createdAt: '',
          updatedAt: '',
        },
      ],
    },
    clock,
    ids: sequentialIds(),
  };
  return { clock, workOrders, deps };
}

describe('work orders', () => {
  it('are made pending with the customer, catalog descriptions and assets', async () => {
    const { deps } = setup();
    const order = await createWorkOrder(deps)('ten_1', {
      customerId: 'cus_1',
      lines: [
        { productId: 'prd_1', quantity: '1' },
        { description: 'Limpieza', quantity: '2' },
      ],
      assets: [{ id: 'a1', name: 'Caldera', serial: 'S-1' }],
    });
    expect(order).toMatchObject({
      id: 'wo_0001',
      status: 'pending',
      customer: { name: 'Ana García', email: 'ana@example.es' },
      lines: [
        { description: 'Revisión anual', quantity: '1', unit: 'HUR', productId: 'prd_1' },
        { description: 'Limpieza', quantity: '2' },
      ],
      assets: [{ id: 'a1', name: 'Caldera', serial: 'S-1' }],
    });
    expect(order).not.toHaveProperty('number');
    const bad = await createWorkOrder(deps)('ten_1', {
      customerId: 'cus_9',
      lines: [{ quantity: '1' }],
    }).catch((e: { errors: unknown }) => e.errors);
    expect(bad).toEqual([
      { path: 'customerId', message: 'No customer cus_9' },
      { path: 'lines.0.description', message: 'Give a description or a productId' },
    ]);
  });

  it('move pending → in_progress → done, one step at a time and never back', async () => {
    const { deps, clock } = setup();
    await createWorkOrder(deps)('ten_1', {
      customerId: 'cus_1',
      lines: [{ description: 'x', quantity: '1' }],
    });
    const update = updateWorkOrder(deps);
    await expect(update('ten_1', 'wo_0001', { status: 'done' })).rejects.toThrow(
      'Work order wo_0001 is pending: it can only move to in_progress',
    );
    clock.at = new Date('2027-03-01T09:00:00Z');
    const started = await update(
      'ten_1',
      'wo_0001',
      { status: 'in_progress', notes: 'En camino' },
      1,
    );
    // Asking for the status it has is not a move.
    const same = await update('ten_1', 'wo_0001', { status: 'in_progress' });
    clock.at = new Date('2027-03-01T11:00:00Z');
    const done = await update('ten_1', 'wo_0001', { status: 'done', notes: null });
    expect([started.status, started.notes, same.events.length, done.status, done.notes]).toEqual([
      'in_progress',
      'En camino',
      2,
      'done',
      undefined,
    ]);
    expect(done.events.map((e) => [e.type, e.at])).toEqual([
      ['created', '2027-02-28T08:00:00.000Z'],
      ['in_progress', '2027-03-01T09:00:00.000Z'],
      ['done', '2027-03-01T11:00:00.000Z'],
    ]);
    await expect(update('ten_1', 'wo_0001', { status: 'pending' })).rejects.toBeInstanceOf(
      ConflictError,
    );
  });
});
