import { functionArnEnv, kebab, type TriggeredDef } from '@sello/contracts';
import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import type { FunctionDef } from './function-def.ts';

/** `sello-<stage>-<kebab id>`: every function's name, so its ARN is known before it exists. */
export const functionNameOf = (stage: string, id: string): string => `sello-${stage}-${kebab(id)}`;

/**
 * The ARN of the function made for entry `id`, formatted from its name rather than referenced:
 * functions that reach each other (or themselves) would otherwise form a dependency cycle.
 */
export const functionArnOf = (scope: IConstruct, stage: string, id: string): string =>
  Stack.of(scope).formatArn({
    service: 'lambda',
    resource: 'function',
    resourceName: functionNameOf(stage, id),
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });

/** Run-time schedules may target these (the automatic tasks' runner). */
export const scheduleTargets = (triggered: readonly TriggeredDef[]): TriggeredDef[] =>
  triggered.filter((t) => t.trigger.kind === 'schedules');

/**
 * The triggered functions `def` reaches, by id: those it invokes (its `invokes`), and, when it
 * manages schedules, every run-time schedule target, whose ARNs it puts in the schedules it makes
 * (the scheduler role, not this function, invokes them). An unknown id fails the synth.
 */
export function reachOf(
  def: FunctionDef,
  triggered: readonly TriggeredDef[],
): { invokes: string[]; schedules: string[] } {
  for (const id of def.invokes ?? []) {
    if (!triggered.some((t) => t.id === id)) {
      throw new Error(`${def.id} invokes ${id}, which is not a triggered function`);
    }
  }
  return {
    invokes: [...new Set(def.invokes ?? [])],
    schedules: def.access.includes('scheduler:manage')
      ? scheduleTargets(triggered).map((t) => t.id)
      : [],
  };
}

/**
 * One variable per reached function, named by `functionArnEnv` (the only naming rule, shared with
 * the runtime's `functionArn(id)`), holding its ARN.
 */
export function reachEnvironment(
  scope: IConstruct,
  stage: string,
  reach: { invokes: string[]; schedules: string[] },
): Record<string, string> {
  const ids = [...new Set([...reach.invokes, ...reach.schedules])];
  return Object.fromEntries(ids.map((id) => [functionArnEnv(id), functionArnOf(scope, stage, id)]));
}

/** `lambda:InvokeFunction` on exactly the functions `def` declares in `invokes`. */
export function grantInvokes(role: iam.IRole, stage: string, invokes: readonly string[]): void {
  if (!invokes.length) return;
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['lambda:InvokeFunction'],
      resources: invokes.map((id) => functionArnOf(role, stage, id)),
    }),
  );
}
