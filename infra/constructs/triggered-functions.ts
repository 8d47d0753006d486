import { ENV, kebab, type TriggeredDef } from '@sello/contracts';
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import type { PlatformResources } from '../stacks/stateful-stack.ts';
import { ApiFunction } from './api-function.ts';

export interface TriggeredFunctionsProps {
  entries: readonly TriggeredDef[];
  /** Every triggered function of the app: what these may reach. */
  triggered: readonly TriggeredDef[];
  resources: PlatformResources;
  stage: string;
  logRetention: logs.RetentionDays;
  repoRoot: string;
  /** Public API URL, for functions that put links in mail. */
  publicApiUrl?: string;
  /** The portal's base URL, for links to it in mail (every function gets it). */
  portalUrl?: string;
}

/** Retries for transient invoke failures; an occurrence older than this is no longer useful. */
const RETRY = { maximumRetryAttempts: 3, maximumEventAgeInSeconds: Duration.hours(1).toSeconds() };

/**
 * Functions no HTTP route reaches. Schedule triggers become schedules in the platform group,
 * invoked through the scheduler role, which may invoke exactly these functions and the targets of
 * run-time schedules (trigger `schedules`), and nothing else.
 */
export class TriggeredFunctions extends Construct {
  readonly functions = new Map<string, ApiFunction>();
  readonly schedules = new Map<string, scheduler.CfnSchedule>();

  constructor(scope: Construct, id: string, props: TriggeredFunctionsProps) {
    super(scope, id);
    const { resources } = props;
    const scheduled: ApiFunction[] = [];

    for (const def of props.entries) {
      const fn = new ApiFunction(this, def.id, {
        def,
        triggered: props.triggered,
        resources,
        stage: props.stage,
        logRetention: props.logRetention,
        repoRoot: props.repoRoot,
        environment: {
          ...(props.publicApiUrl && def.access.includes('mail:send')
            ? { [ENV.publicApiUrl]: props.publicApiUrl }
            : {}),
          ...(props.portalUrl ? { [ENV.portalUrl]: props.portalUrl } : {}),
        },
      });
      this.functions.set(def.id, fn);
      // Functions other functions hand work to asynchronously: after Lambda's two retries the
      // event goes to the failure queue instead of being dropped.
      if (def.trigger.kind === 'invoke') {
        fn.function.configureAsyncInvoke({
          retryAttempts: 2,
          onFailure: new destinations.SqsDestination(resources.asyncFailureQueue),
        });
      }
      // Schedules made at run time (automatic tasks) target it: the scheduler role invokes it.
      if (def.trigger.kind === 'schedules') scheduled.push(fn);
      if (def.trigger.kind !== 'schedule') continue;

      // L1 on purpose: the L2 target would grant invoke and DLQ rights on the stateful stack's
      // role and queue, making that stack refer back to this one (a dependency cycle).
      this.schedules.set(
        def.id,
        new scheduler.CfnSchedule(this, `${def.id}Schedule`, {
          name: kebab(def.id),
          groupName: resources.schedulerGroupName,
          description: def.summary,
          scheduleExpression: def.trigger.expression,
          scheduleExpressionTimezone: def.trigger.timezone,
          flexibleTimeWindow: { mode: 'OFF' },
          state: 'ENABLED',
          target: {
            arn: fn.function.functionArn,
            roleArn: resources.schedulerRole.roleArn,
            // Verbatim, placeholders included (`<aws.scheduler.scheduled-time>`): the local
            // scheduler renders the very same input, so both deliver the same event.
            input: JSON.stringify(def.trigger.input ?? {}),
            retryPolicy: RETRY,
            deadLetterConfig: { arn: resources.schedulerDeadLetterQueue.queueArn },
          },
        }),
      );
      scheduled.push(fn);
    }

    if (scheduled.length > 0) {
      // Lives in this stack and attaches to the stateful role, so references only point that way.
      const invoke = new iam.Policy(this, 'SchedulerInvokePolicy', {
        roles: [resources.schedulerRole],
        statements: [
          new iam.PolicyStatement({
            actions: ['lambda:InvokeFunction'],
            resources: scheduled.map((fn) => fn.function.functionArn),
          }),
        ],
      });
      // A schedule firing before its role may invoke would land its first occurrence in the DLQ.
      for (const schedule of this.schedules.values()) schedule.node.addDependency(invoke);
    }
  }
}
