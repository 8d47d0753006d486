import { CORS, ENV, type RouteDef, type TriggeredDef } from '@sello/contracts';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { PlatformResources } from '../stacks/stateful-stack.ts';
import { ApiFunction } from './api-function.ts';
import type { FunctionDef } from './function-def.ts';
import { acknowledge } from './nag.ts';

export interface RoutedApiProps {
  /** Answers whatever no route matches (`$default`), so unknown paths still get problem+json. */
  fallback: FunctionDef;
  /** The triggered functions of the app (what a function may reach). */
  triggered: readonly TriggeredDef[];
  resources: PlatformResources;
  stage: string;
  corsOrigins: string[];
  logRetention: logs.RetentionDays;
  repoRoot: string;
}

/** API-wide steady rate and burst; a route needing less gets its own limit later. */
const THROTTLE = { rateLimit: 100, burstLimit: 200 };

/**
 * The HTTP API itself: CORS for browser clients, access logs, a stage-wide throttle and the
 * fallback as `$default`. The routes and their functions are added by `ApiRoutes`, area by area.
 */
export class RoutedApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;
  /** The fallback's. */
  readonly functions = new Map<string, ApiFunction>();
  /** The base URL clients call (execute-api endpoint, no trailing slash). */
  readonly url: string;

  constructor(scope: Construct, id: string, props: RoutedApiProps) {
    super(scope, id);

    this.api = new apigw.HttpApi(this, 'Api', {
      apiName: `sello-${props.stage}`,
      description: `Sello ${props.stage} API`,
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: props.corsOrigins,
        // The same policy the local server answers with (packages/contracts/src/cors.ts).
        allowMethods: CORS.allowMethods.map((m) => apigw.CorsHttpMethod[m]),
        allowHeaders: [...CORS.allowHeaders],
        exposeHeaders: [...CORS.exposeHeaders],
        // Bearer tokens, not cookies: credentials mode stays off, which also permits '*'.
        allowCredentials: false,
        maxAge: Duration.seconds(CORS.maxAgeSeconds),
      },
    });

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: THROTTLE,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            method: '$context.httpMethod',
            path: '$context.path',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            userAgent: '$context.identity.userAgent',
          }),
        ),
      },
    });
    // HttpApi.apiEndpoint is https://{apiId}.execute-api.{region}.{suffix}; $default has no path.
    this.url = this.api.apiEndpoint;

    const fallbackFn = new ApiFunction(this, props.fallback.id, {
      def: props.fallback,
      triggered: props.triggered,
      resources: props.resources,
      stage: props.stage,
      logRetention: props.logRetention,
      repoRoot: props.repoRoot,
      environment: { [ENV.publicApiUrl]: this.url },
    });
    this.functions.set(props.fallback.id, fallbackFn);

    const fallback = new apigw.HttpRoute(this, 'DefaultRoute', {
      httpApi: this.api,
      routeKey: apigw.HttpRouteKey.DEFAULT,
      integration: new HttpLambdaIntegration(
        `${props.fallback.id}Integration`,
        fallbackFn.function,
      ),
    });
    acknowledge(
      fallback,
      'AwsSolutions-APIG4',
      'The $default route only answers unmatched requests with a 404 problem+json; it reads and ' +
        'writes nothing, so there is nothing to authorize.',
    );
  }
}

export interface ApiRoutesProps {
  /** The API the routes join (it may live in another stack). */
  api: apigw.IHttpApi;
  /** Its public base URL, for links the functions write (e-mails, Location headers). */
  url: string;
  /** The portal's base URL, for links to it in mail (invitations, the recipients' inbox). */
  portalUrl: string;
  routes: readonly RouteDef[];
  /** The triggered functions of the app (what a function may reach). */
  triggered: readonly TriggeredDef[];
  resources: PlatformResources;
  stage: string;
  logRetention: logs.RetentionDays;
  repoRoot: string;
}

/** One function and one route per RouteDef, on an API made elsewhere. */
export class ApiRoutes extends Construct {
  /** By route id. */
  readonly functions = new Map<string, ApiFunction>();

  constructor(scope: Construct, id: string, props: ApiRoutesProps) {
    super(scope, id);
    for (const route of props.routes) {
      const fn = new ApiFunction(this, route.id, {
        def: route,
        triggered: props.triggered,
        resources: props.resources,
        stage: props.stage,
        logRetention: props.logRetention,
        repoRoot: props.repoRoot,
        environment: { [ENV.publicApiUrl]: props.url, [ENV.portalUrl]: props.portalUrl },
      });
      this.functions.set(route.id, fn);
      const httpRoute = new apigw.HttpRoute(this, `${route.id}Route`, {
        httpApi: props.api,
        routeKey: apigw.HttpRouteKey.with(route.path, apigw.HttpMethod[route.method]),
        integration: new HttpLambdaIntegration(`${route.id}Integration`, fn.function),
      });
      acknowledge(
        httpRoute,
        'AwsSolutions-APIG4',
        route.auth === 'public'
          ? 'Public by design (health, OpenAPI, self-invoicing page, registration); abuse is ' +
              'bounded by the stage throttle.'
          : `Authorized inside the function (${route.auth}): API keys and sessions are looked up ` +
              'by their hash in the table; an API Gateway authorizer would add a second lookup.',
      );
    }
  }
}
