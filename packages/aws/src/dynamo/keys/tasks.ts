/**
 * Keys of the tasks area (automatic tasks, their runs and work orders). Part of the one key design
 * in ../keys.ts:
 *
 *   item              pk           sk                                       gsi1pk / gsi1sk
 *   task              TENANT#<t>   TASK#<id>                                TENANT#<t>#TASKS / <id>
 *   task customers    TENANT#<t>   TASK#<id>#CUSTOMERS#<version>#<part>     (ids and assets, ≤ ~300 KB a part)
 *   occurrence lease  TENANT#<t>   TASKOCC#<task>#<occurrence ISO>          (lease holder, finished)
 *   task run          TENANT#<t>   TASKRUN#<task>#<occurrence ISO>#<run>
 *   work order        TENANT#<t>   WORKORDER#<id>                           TENANT#<t>#WORKORDERS / <id>
 *
 * A task with thousands of customers does not fit one item (400 KB), so its customer list is split
 * in parts read together with the task by one query on `TASK#<id>` (ids have a fixed length, so
 * the prefix matches no other task). Parts carry the task version (6 digits) they belong to. ISO instants of one format sort in time order, so a task's
 * runs and leases sort by occurrence.
 */
import { tenantPk } from './tenant.ts';

export const tasksKeys = {
  task: (tenantId: string, id: string) => ({ pk: tenantPk(tenantId), sk: `TASK#${id}` }),
  /** The task and its customer parts. */
  taskWithParts: (tenantId: string, id: string) => ({
    pk: tenantPk(tenantId),
    skPrefix: `TASK#${id}`,
  }),
  taskCustomers: (tenantId: string, id: string, version: number, part: number) => ({
    pk: tenantPk(tenantId),
    sk: `TASK#${id}#CUSTOMERS#${String(version).padStart(6, '0')}#${String(part).padStart(4, '0')}`,
  }),
  /** Every customer part of a task, or those of one version. */
  taskCustomersPrefix: (tenantId: string, id: string, version?: number) => ({
    pk: tenantPk(tenantId),
    skPrefix: `TASK#${id}#CUSTOMERS#${version === undefined ? '' : `${String(version).padStart(6, '0')}#`}`,
  }),
  taskOfTenant: (tenantId: string, id: string) => ({
    gsi1pk: `${tenantPk(tenantId)}#TASKS`,
    gsi1sk: id,
  }),
  occurrence: (tenantId: string, taskId: string, occurrence: string) => ({
    pk: tenantPk(tenantId),
    sk: `TASKOCC#${taskId}#${occurrence}`,
  }),
  occurrencePrefix: (tenantId: string, taskId: string) => ({
    pk: tenantPk(tenantId),
    skPrefix: `TASKOCC#${taskId}#`,
  }),
  taskRun: (tenantId: string, taskId: string, occurrence: string, runId: string) => ({
    pk: tenantPk(tenantId),
    sk: `TASKRUN#${taskId}#${occurrence}#${runId}`,
  }),
  /** All runs of a task, or of one occurrence of it. */
  taskRunPrefix: (tenantId: string, taskId: string, occurrence?: string) => ({
    pk: tenantPk(tenantId),
    skPrefix: `TASKRUN#${taskId}#${occurrence ? `${occurrence}#` : ''}`,
  }),
  workOrder: (tenantId: string, id: string) => ({ pk: tenantPk(tenantId), sk: `WORKORDER#${id}` }),
  workOrderOfTenant: (tenantId: string, id: string) => ({
    gsi1pk: `${tenantPk(tenantId)}#WORKORDERS`,
    gsi1sk: id,
  }),
} as const;
