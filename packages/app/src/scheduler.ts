import { EventBridgeScheduler } from '@sello/aws';
import { ENV } from '@sello/contracts';
import type { SchedulerPort } from '@sello/core/ports';
import { schedulerClient } from './clients.ts';
import { functionArn, optionalEnv, requireEnv } from './config.ts';

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
