import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { TriggeredDef } from '@sello/contracts';
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FunctionBundles } from '../bundling.ts';
import { readStageConfig } from '../config.ts';
import type { PlatformResources } from '../stacks/stateful-stack.ts';
import {
  connectorsEnvironment,
  environmentFor,
  grantAccess,
  pacEnvironment,
  trustedCasEnvironment,
  verifactuEnvironment,
} from './access.ts';
import type { FunctionDef } from './function-def.ts';
import { acknowledge } from './nag.ts';
import { functionNameOf, grantInvokes, reachEnvironment, reachOf } from './reach.ts';

export interface ApiFunctionProps {
  def: FunctionDef;
  /** The triggered functions of the app: what `def.invokes` names, and run-time schedule targets. */
  triggered: readonly TriggeredDef[];
  resources: PlatformResources;
  stage: string;
  logRetention: logs.RetentionDays;
  /** Repository root: `def.entry` is relative to it, and bundling resolves packages from it. */
  repoRoot: string;
  /** Extra variables that are not capabilities (e.g. the public API URL). */
  environment?: Record<string, string>;
}

/**
 * One Lambda per route or triggered entry, with its own role holding only the grants its declared
 * access implies, plus writing to its own log group and X-Ray. Its code is its entry's bundle,
 * made together with the other functions' in a few esbuild runs (see FunctionBundles).
 */
export class ApiFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);
    const { def, resources, stage } = props;
    const reach = reachOf(def, props.triggered);

    // An own role instead of the AWS managed basic-execution policy, which may write to (and
    // create) every log group in the account rather than this function's own.
    this.role = new iam.Role(this, 'Role', {
      description: `Sello ${stage}: ${def.id}`,
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention });
    this.logGroup.grantWrite(this.role);

    // Checked here, not at bundling: a wrong entry fails every synth, bundled or not.
    if (!existsSync(path.join(props.repoRoot, def.entry))) {
      throw new Error(`${def.id}: entry ${def.entry} does not exist`);
    }
    const bundles = FunctionBundles.of(this);
    bundles.add({ id: def.id, entry: def.entry }, props.repoRoot);

    this.function = new lambda.Function(this, 'Function', {
      functionName: functionNameOf(stage, def.id),
      description: def.id,
      code: bundles.code(def.id),
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      timeout: Duration.seconds(def.timeoutSeconds ?? 10),
      memorySize: def.memoryMb ?? 512,
      role: this.role,
      logGroup: this.logGroup,
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        ...environmentFor(def.access, resources, stage),
        ...reachEnvironment(this, stage, reach),
        ...verifactuEnvironment(readStageConfig(this.node)),
        ...trustedCasEnvironment(readStageConfig(this.node), def.id),
        ...pacEnvironment(readStageConfig(this.node), def.access),
        ...connectorsEnvironment(readStageConfig(this.node), def.id),
        ...props.environment,
        NODE_OPTIONS: '--enable-source-maps',
      },
    });

    grantAccess(this.role, def.access, resources);
    grantInvokes(this.role, stage, reach.invokes);
    acknowledge(
      this.role,
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray PutTraceSegments/PutTelemetryRecords have no resource-level permissions; active ' +
        'tracing cannot be granted on anything narrower than "*".',
    );
    acknowledge(
      this.function,
      'AwsSolutions-L1',
      'Pinned to nodejs22.x on purpose: the monorepo (engines, SDK, middy 6) is built and tested ' +
        'for Node 22, so a runtime move is a deliberate upgrade, not a lint fix.',
    );
  }
}
