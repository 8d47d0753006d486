import { ConflictError, PreconditionFailedError } from '../../errors.ts';
import type { Clock } from '../../ports/clock.ts';
import { getWorkOrder } from './get-work-order.ts';
import {
  NEXT_STATUS,
  type WorkOrder,
  type WorkOrderRepository,
  type WorkOrderStatus,
} from './model.ts';

export interface WorkOrderPatch {
  status?: WorkOrderStatus;
  /** `null` removes the notes. */
  notes?: string | null;
}

/**
 * Moves a work order along `pending` → `in_progress` → `done` (one step at a time, never back)
 * and edits its notes. Asking for the status it already has changes nothing.
 */
export const updateWorkOrder =
  (deps: { workOrders: WorkOrderRepository; clock: Clock }) =>
  async (
    tenantId: string,
    id: string,
    patch: WorkOrderPatch,
    expectedVersion?: number,
  ): Promise<WorkOrder> => {
    const current = await getWorkOrder(deps)(tenantId, id);
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      throw new PreconditionFailedError(
        `Work order ${id} is at version ${current.version}, not ${expectedVersion}`,
      );
    }
    const moves = patch.status !== undefined && patch.status !== current.status;
    if (moves && NEXT_STATUS[current.status] !== patch.status) {
      const allowed = NEXT_STATUS[current.status];
      throw new ConflictError(
        `Work order ${id} is ${current.status}: it can only move to ${allowed ?? 'nothing (it is done)'}`,
      );
    }
    const at = deps.clock.now().toISOString();
    const { notes: _notes, ...rest } = current;
    const notes = patch.notes === undefined ? current.notes : patch.notes;
    const next: WorkOrder = {
      ...rest,
      ...(notes ? { notes } : {}),
      status: patch.status ?? current.status,
      events: moves ? [...current.events, { at, type: patch.status as string }] : current.events,
      version: current.version + 1,
      updatedAt: at,
    };
    await deps.workOrders.update(next);
    return next;
  };
