import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  fallbackRoute,
  type RouteDef,
  routeList,
  type TriggeredDef,
  triggeredList,
} from '@sello/contracts';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readStageConfig, type StageConfig } from './config.ts';
import type { FunctionDef } from './constructs/api-function.ts';
import { FEATURE_FLAGS } from './feature-flags.ts';
import { ApiStack } from './stacks/api-stack.ts';
import { StatefulStack } from './stacks/stateful-stack.ts';

export interface BuildAppOptions {
  /** Context values, as `-c key=value` would give them (cdk.json and the CLI still win). */
  context?: Record<string, unknown>;
  /** Bundle every function with esbuild (default true). Tests turn it off to stay fast. */
  bundling?: boolean;
  /**
   * CloudFormation's built-in template validation (default true). It dominates synth time and
   * tests assert the templates themselves, so only tests turn it off.
   */
  cfnValidation?: boolean;
  /** Run cdk-nag's AwsSolutions pack at synth (default true). */
  nag?: boolean;
  /** Cloud assembly directory (default: the CLI's, or a temp dir). */
  outdir?: string;
  /** Where `entry` paths and package-lock.json are resolved (default: this repository). */
  repoRoot?: string;
  /** The tables to wire (default: the contracts' route table, fallback and triggered list). */
  routes?: readonly RouteDef[];
  fallback?: FunctionDef;
  triggered?: readonly TriggeredDef[];
}

export interface SelloApp {
  app: App;
  config: StageConfig;
  stateful: StatefulStack;
  api: ApiStack;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The whole CDK app for one stage: `Sello-<stage>-Stateful` and `Sello-<stage>-Api`. */
export function buildApp(options: BuildAppOptions = {}): SelloApp {
  const app = new App({
    outdir: options.outdir,
    builtinCloudFormationValidation: options.cfnValidation ?? true,
    context: {
      ...FEATURE_FLAGS,
      ...(options.bundling === false ? { 'aws:cdk:bundling-stacks': [] } : {}),
      ...options.context,
    },
  });
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

  const config = readStageConfig(app.node);
  const env = { account: config.account, region: config.region };
  const tags = { project: 'sello', stage: config.stage };

  const stateful = new StatefulStack(app, `Sello-${config.stage}-Stateful`, {
    env,
    tags,
    description: `Sello ${config.stage}: data, keys, mail identity and scheduler group (retained)`,
    config,
  });
  const api = new ApiStack(app, `Sello-${config.stage}-Api`, {
    env,
    tags,
    description: `Sello ${config.stage}: HTTP API and functions`,
    config,
    resources: stateful,
    routes: options.routes ?? routeList,
    fallback: options.fallback ?? fallbackRoute,
    triggered: options.triggered ?? triggeredList,
    repoRoot: options.repoRoot ?? REPO_ROOT,
  });
  return { app, config, stateful, api };
}
