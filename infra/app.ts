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
import { FunctionBundles } from './bundling.ts';
import { readStageConfig, type StageConfig } from './config.ts';
import type { FunctionDef } from './constructs/function-def.ts';
import { FEATURE_FLAGS } from './feature-flags.ts';
import { ApiStack } from './stacks/api-stack.ts';
import { AreaStack } from './stacks/area-stack.ts';
import { PortalStack } from './stacks/portal-stack.ts';
import { StatefulStack } from './stacks/stateful-stack.ts';

export interface BuildAppOptions {
  /** Context values, as `-c key=value` would give them (cdk.json and the CLI still win). */
  context?: Record<string, unknown>;
  /**
   * Bundle every function with esbuild, many per esbuild run (default true). Tests turn it off to
   * stay fast, which also stops CDK copying assets into the assembly (the portal deployment's
   * AWS CLI layer alone is 22 MB per synth): templates still name every asset by its hash.
   */
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
  /**
   * The built portal to deploy (default: `packages/portal/dist` under `repoRoot`). When it does
   * not exist, a placeholder page is deployed, so synth and tests never need a portal build.
   */
  portalDist?: string;
  /** The tables to wire (default: the contracts' route table, fallback and triggered list). */
  routes?: readonly RouteDef[];
  fallback?: FunctionDef;
  triggered?: readonly TriggeredDef[];
}

export interface SelloApp {
  app: App;
  config: StageConfig;
  stateful: StatefulStack;
  /** The HTTP API, its stage and the fallback. */
  api: ApiStack;
  /** CloudFront over the portal's bucket and the API (`/v1/*`). */
  portal: PortalStack;
  /** One stack per area (`functions/<area>/`): its functions, routes and triggers. */
  areas: Map<string, AreaStack>;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The whole CDK app for one stage: `Sello-<stage>-Stateful` (data, keys, identities),
 * `Sello-<stage>-Api` (the HTTP API), `Sello-<stage>-Portal` (CloudFront over the portal and the
 * API) and `Sello-<stage>-Api-<area>` per area (its functions).
 */
export function buildApp(options: BuildAppOptions = {}): SelloApp {
  const app = new App({
    outdir: options.outdir,
    builtinCloudFormationValidation: options.cfnValidation ?? true,
    context: {
      ...FEATURE_FLAGS,
      ...(options.bundling === false
        ? { 'aws:cdk:bundling-stacks': [], 'aws:cdk:disable-asset-staging': true }
        : {}),
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
  const triggered = options.triggered ?? triggeredList;
  const repoRoot = options.repoRoot ?? REPO_ROOT;
  const routes = options.routes ?? routeList;
  const fallback = options.fallback ?? fallbackRoute;
  // All declared before any stack exists: the first function CDK stages bundles them all at once.
  const bundles = FunctionBundles.of(app);
  for (const { id, entry } of [...routes, fallback, ...triggered])
    bundles.add({ id, entry }, repoRoot);
  const api = new ApiStack(app, `Sello-${config.stage}-Api`, {
    env,
    tags,
    description: `Sello ${config.stage}: HTTP API`,
    config,
    resources: stateful,
    fallback,
    triggered,
    repoRoot,
  });
  const portal = new PortalStack(app, `Sello-${config.stage}-Portal`, {
    env,
    tags,
    description: `Sello ${config.stage}: the web portal (CloudFront, site bucket)`,
    config,
    front: api,
    distPath: options.portalDist ?? path.join(repoRoot, 'packages/portal/dist'),
  });
  const areas = new Map<string, AreaStack>();
  for (const [area, entries] of byArea(routes, triggered)) {
    areas.set(
      area,
      new AreaStack(app, `Sello-${config.stage}-Api-${area}`, {
        env,
        tags,
        description: `Sello ${config.stage}: ${area} functions`,
        config,
        resources: stateful,
        front: api,
        portalUrl: portal.url,
        routes: entries.routes,
        entries: entries.triggered,
        triggered,
        repoRoot,
      }),
    );
  }
  return { app, config, stateful, api, portal, areas };
}

/** `functions/<area>/x.ts` → `<area>`: routes and triggered functions grouped by their folder. */
export function byArea(routes: readonly RouteDef[], triggered: readonly TriggeredDef[]) {
  const areas = new Map<string, { routes: RouteDef[]; triggered: TriggeredDef[] }>();
  const of = (entry: string) => {
    const area = /^functions\/([a-z0-9-]+)\//.exec(entry)?.[1];
    if (!area) throw new Error(`Entry ${entry} is not under functions/<area>/`);
    let tables = areas.get(area);
    if (!tables) {
      tables = { routes: [], triggered: [] };
      areas.set(area, tables);
    }
    return tables;
  };
  for (const route of routes) of(route.entry).routes.push(route);
  for (const def of triggered) of(def.entry).triggered.push(def);
  return areas;
}
