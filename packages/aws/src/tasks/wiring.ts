import { ENV, triggered } from '@sello/contracts';
import {
  type InvoiceMakerDeps,
  invoiceMaker,
  type RunDeps,
  type SchedulerPort,
  systemClock,
  type TaskDeps,
  ulidIds,
  workOrderMaker,
} from '@sello/core';
import { schedulerClient } from '../clients.ts';
import { optionalEnv, requireEnv } from '../config.ts';
import { repositories } from '../dynamo/repositories.ts';
import { afterIssue, invoiceDeps } from '../dynamo/wiring.ts';
import { functionArn } from '../lambda/functions.ts';
import { EventBridgeScheduler } from '../scheduler/eventbridge-scheduler.ts';

let registered: SchedulerPort | undefined;
let eventBridge: EventBridgeScheduler | undefined;

/**
 * Hands the tasks area a scheduler of the process's own: the local platform's (schedules kept in
 * its store and fired by its loop) or a test's. Without one, the stage's EventBridge Scheduler
 * group is used.
 */
export function useTaskScheduler(port: SchedulerPort | undefined): void {
  registered = port;
}

function eventBridgeFromEnv(): EventBridgeScheduler {
  if (!eventBridge) {
    eventBridge = new EventBridgeScheduler(schedulerClient(), {
      groupName: requireEnv(ENV.schedulerGroup),
      roleArn: requireEnv(ENV.schedulerRoleArn),
      deadLetterQueueArn: requireEnv(ENV.schedulerDlqArn),
      // The stack passes the ARNs of run-time schedule targets to functions managing schedules.
      targetArn: functionArn,
    });
  }
  return eventBridge;
}

function current(): SchedulerPort {
  if (registered) return registered;
  if (optionalEnv(ENV.schedulerGroup)) return eventBridgeFromEnv();
  throw new Error(
    `No scheduler for tasks: set ${ENV.schedulerGroup} (AWS) or register one with useTaskScheduler (local)`,
  );
}

/**
 * The tasks' scheduler, resolved at each call: handlers wire their dependencies when imported,
 * which may be before the local platform registers its scheduler.
 */
export const taskScheduler: SchedulerPort = {
  upsert: (spec) => current().upsert(spec),
  remove: (name) => current().remove(name),
};

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
 * What running tasks needs. Document rendering and mail come from the caller (the functions
 * import them from `@sello/aws/documents`, so other bundles do not carry the renderers).
 */
export function runDeps(
  documents: InvoiceMakerDeps['documents'],
  exporter: InvoiceMakerDeps['exporter'],
  mailer: InvoiceMakerDeps['mailer'],
  log: InvoiceMakerDeps['log'],
): RunDeps {
  const r = repositories();
  const { resolveLines: _catalogOnce, ...invoices } = invoiceDeps();
  return {
    tasks: r.tasks,
    runs: r.taskRuns,
    tenants: r.tenants,
    makers: {
      invoice: invoiceMaker({
        ...invoices,
        directory: r.customerDirectory,
        catalog: { products: r.products, tariffs: r.tariffs, customerPrices: r.customerPrices },
        documents,
        exporter,
        mailer,
        afterIssue: afterIssue(),
        log,
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
    mailer,
    scheduler: taskScheduler,
    target: triggered.runTask.id,
    clock: systemClock,
    ids: ulidIds,
  };
}
