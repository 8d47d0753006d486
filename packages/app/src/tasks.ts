import { triggered } from '@sello/contracts';
import { systemClock, ulidIds } from '@sello/core/ports';
import * as core from '@sello/core/tasks';
import { invoiceMaker, type RunDeps, type TaskDeps, workOrderMaker } from '@sello/core/tasks';
import { logger } from '@sello/http';
import { invoiceExporter, invokedDocuments } from './documents.ts';
import { formats } from './formats.ts';
import { afterIssue, invoiceDeps } from './invoices.ts';
import { mailer } from './mail.ts';
import { repositories } from './repositories.ts';
import { taskScheduler } from './scheduler.ts';

/** What creating, changing and deleting tasks needs, over DynamoDB and the scheduler. */
export function taskDeps(): TaskDeps {
  const r = repositories();
  return {
    tasks: r.tasks,
    customers: r.customerDirectory,
    products: r.products,
    series: r.series,
    tenants: r.tenants,
    scheduler: taskScheduler,
    target: triggered.runTask.id,
    clock: systemClock,
    ids: ulidIds,
  };
}

/**
 * What running tasks needs: the invoice and work-order makers over DynamoDB, with documents made
 * by `ensureInvoiceDocuments` and mailed with attachments (declare it in the route's `invokes`).
 */
export function runDeps(): RunDeps {
  const r = repositories();
  const { resolveLines: _catalogOnce, ...invoices } = invoiceDeps();
  const mail = mailer();
  return {
    tasks: r.tasks,
    runs: r.taskRuns,
    tenants: r.tenants,
    makers: {
      invoice: invoiceMaker({
        ...invoices,
        directory: r.customerDirectory,
        catalog: { products: r.products, tariffs: r.tariffs, customerPrices: r.customerPrices },
        documents: invokedDocuments,
        exporter: invoiceExporter(),
        formats,
        mailer: mail,
        afterIssue: afterIssue(),
        log: logger,
      }),
      workOrder: workOrderMaker({
        workOrders: r.workOrders,
        customers: r.customers,
        directory: r.customerDirectory,
        products: r.products,
        clock: systemClock,
        ids: ulidIds,
      }),
    },
    mailer: mail,
    scheduler: taskScheduler,
    target: triggered.runTask.id,
    clock: systemClock,
    ids: ulidIds,
    log: (message, data) => logger.warn(message, data ?? {}),
  };
}

export const createTask = () => core.createTask(taskDeps());

export const updateTask = () => core.updateTask(taskDeps());

export const deleteTask = () => core.deleteTask(taskDeps());

export const getTask = () => core.getTask({ tasks: repositories().tasks });

export const listTasks = () => core.listTasks({ tasks: repositories().tasks });

export const listTaskRuns = () =>
  core.listTaskRuns({ tasks: repositories().tasks, runs: repositories().taskRuns });

/** A scheduled occurrence (EventBridge Scheduler's target), resumable. */
export const runTask = () => core.runScheduledTask(runDeps());

/** An occurrence run on request (POST /v1/tasks/{id}/run). */
export const runTaskOccurrence = () => core.runTaskOccurrence(runDeps());
