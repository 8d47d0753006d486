import type { TriggeredDef } from '@sello/contracts';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.ts';
import type { FunctionDef } from '../constructs/function-def.ts';
import { RoutedApi } from '../constructs/routed-api.ts';
import type { PlatformResources } from './stateful-stack.ts';

export interface ApiStackProps extends StackProps {
  config: StageConfig;
  resources: PlatformResources;
  fallback: FunctionDef;
  triggered: readonly TriggeredDef[];
  repoRoot: string;
}

/**
 * The front of the stateless part: the HTTP API, its stage and the fallback. The routes and their
 * functions live in one `AreaStack` per area (a stack holds at most 500 resources, and each route
 * takes seven), all joining this API.
 */
export class ApiStack extends Stack {
  readonly routedApi: RoutedApi;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config, resources, repoRoot } = props;

    this.routedApi = new RoutedApi(this, 'Http', {
      fallback: props.fallback,
      triggered: props.triggered,
      resources,
      stage: config.stage,
      corsOrigins: config.corsOrigins,
      logRetention: config.logRetention,
      repoRoot,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.routedApi.url });
  }
}
