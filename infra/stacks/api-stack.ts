import type { RouteDef, TriggeredDef } from '@sello/contracts';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.ts';
import type { FunctionDef } from '../constructs/api-function.ts';
import { RoutedApi } from '../constructs/routed-api.ts';
import { TriggeredFunctions } from '../constructs/triggered-functions.ts';
import type { PlatformResources } from './stateful-stack.ts';

export interface ApiStackProps extends StackProps {
  config: StageConfig;
  resources: PlatformResources;
  routes: readonly RouteDef[];
  fallback: FunctionDef;
  triggered: readonly TriggeredDef[];
  repoRoot: string;
}

/** The stateless part: every function, the HTTP API and the static schedules. Safe to replace. */
export class ApiStack extends Stack {
  readonly routedApi: RoutedApi;
  readonly triggered: TriggeredFunctions;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config, resources, repoRoot } = props;

    this.routedApi = new RoutedApi(this, 'Http', {
      routes: props.routes,
      fallback: props.fallback,
      resources,
      stage: config.stage,
      corsOrigins: config.corsOrigins,
      logRetention: config.logRetention,
      repoRoot,
    });

    this.triggered = new TriggeredFunctions(this, 'Triggered', {
      entries: props.triggered,
      resources,
      stage: config.stage,
      logRetention: config.logRetention,
      repoRoot,
      publicApiUrl: this.routedApi.url,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.routedApi.url });
    for (const [id, fn] of this.triggered.functions) {
      new CfnOutput(this, `${id}FunctionName`, {
        description: `Triggered entry ${id}`,
        value: fn.function.functionName,
      });
    }
  }
}
