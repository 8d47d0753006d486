import type { RouteDef, TriggeredDef } from '@sello/contracts';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.ts';
import { ApiRoutes } from '../constructs/routed-api.ts';
import { TriggeredFunctions } from '../constructs/triggered-functions.ts';
import type { ApiStack } from './api-stack.ts';
import type { PlatformResources } from './stateful-stack.ts';

export interface AreaStackProps extends StackProps {
  config: StageConfig;
  resources: PlatformResources;
  /** The stack holding the HTTP API these routes join. */
  front: ApiStack;
  /** The portal's base URL (SELLO_PORTAL_URL on every function of the area). */
  portalUrl: string;
  routes: readonly RouteDef[];
  /** This area's triggered functions. */
  entries: readonly TriggeredDef[];
  /** Every triggered function of the app: what this area's functions may reach. */
  triggered: readonly TriggeredDef[];
  repoRoot: string;
}

/** One area's functions (`functions/<area>/`): its routes on the shared API and its triggers. */
export class AreaStack extends Stack {
  readonly routes: ApiRoutes;
  readonly triggered: TriggeredFunctions;

  constructor(scope: Construct, id: string, props: AreaStackProps) {
    super(scope, id, props);
    const { config, resources, repoRoot } = props;
    const http = props.front.routedApi;

    this.routes = new ApiRoutes(this, 'Http', {
      api: http.api,
      url: http.url,
      portalUrl: props.portalUrl,
      routes: props.routes,
      triggered: props.triggered,
      resources,
      stage: config.stage,
      logRetention: config.logRetention,
      repoRoot,
    });

    this.triggered = new TriggeredFunctions(this, 'Triggered', {
      entries: props.entries,
      triggered: props.triggered,
      resources,
      stage: config.stage,
      logRetention: config.logRetention,
      repoRoot,
      publicApiUrl: http.url,
      portalUrl: props.portalUrl,
    });

    for (const [id, fn] of this.triggered.functions) {
      new CfnOutput(this, `${id}FunctionName`, {
        description: `Triggered entry ${id}`,
        value: fn.function.functionName,
      });
    }
  }
}
