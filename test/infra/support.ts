import {
  type Access,
  fallbackRoute,
  kebab,
  type RouteDef,
  type TriggeredDef,
} from '@sello/contracts';
import type { CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { type BuildAppOptions, buildApp } from '../../infra/app.ts';

/** A fixed environment, so templates do not depend on the machine's AWS configuration. */
export const CONTEXT = {
  stage: 'test',
  account: '123456789012',
  region: 'eu-west-1',
  mailDomain: 'test.sello.example',
  corsOrigins: 'https://portal.sello.example,http://localhost:3000',
  pacUrl: 'https://services.test.sw.com.mx',
  pacCredentialsSecret: 'sello/test/pac',
};

export interface Resource {
  Type: string;
  // biome-ignore lint/suspicious/noExplicitAny: CloudFormation properties are free-form JSON
  Properties: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

/** Builds the app fast (no bundling, no CloudFormation validation, no nag) and templates it. */
export function synthesize(options: BuildAppOptions = {}) {
  const built = buildApp({
    bundling: false,
    cfnValidation: false,
    nag: false,
    ...options,
    context: { ...CONTEXT, ...options.context },
  });
  const stateful = Template.fromStack(built.stateful);
  const api = Template.fromStack(built.api);
  const portal = Template.fromStack(built.portal);
  const areas = [...built.areas.values()].map((stack) => Template.fromStack(stack));
  // Every template holding functions: the API's (the fallback) and each area's.
  return { ...built, templates: { stateful, api, portal, areas, functions: [api, ...areas] } };
}

export const resourcesOf = (template: Template): Record<string, Resource> =>
  template.toJSON().Resources;

/** Resources of a type in one template, or across several (the API's and the areas'). */
export const ofType = (
  templates: Template | readonly Template[],
  type: string,
): Array<[string, Resource]> =>
  [templates]
    .flat()
    .flatMap((template) =>
      Object.entries(resourcesOf(template)).filter(([, r]) => r.Type === type),
    );

export const logicalId = (stack: Stack, construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as CfnElement);

/** The Lambda function named `name`, with its logical id and the template that holds it. */
export function functionNamed(
  templates: Template | readonly Template[],
  name: string,
): [string, Resource, Template] {
  for (const template of [templates].flat()) {
    const found = ofType(template, 'AWS::Lambda::Function').find(
      ([, r]) => r.Properties.FunctionName === name,
    );
    if (found) return [...found, template];
  }
  throw new Error(`No function named ${name}`);
}

/**
 * Every permission the function's role holds, as "action @ resource" with resources reduced to
 * readable labels, so a test can compare whole sets.
 */
export function permissionsOf(
  template: Template,
  fn: Resource,
  labels: Record<string, string>,
): string[] {
  const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
  const ownLogs = fn.Properties.LoggingConfig?.LogGroup?.Ref as string | undefined;
  const out = new Set<string>();
  for (const [, policy] of ofType(template, 'AWS::IAM::Policy')) {
    const roles = JSON.stringify(policy.Properties.Roles);
    if (!roles.includes(`"${roleId}"`)) continue;
    for (const statement of policy.Properties.PolicyDocument.Statement) {
      if (statement.Effect !== 'Allow') continue;
      for (const action of [statement.Action].flat()) {
        for (const resource of [statement.Resource].flat()) {
          out.add(`${action} @ ${label(resource, labels, ownLogs)}`);
        }
      }
    }
  }
  return [...out].sort();
}

function label(resource: unknown, labels: Record<string, string>, ownLogs?: string): string {
  const json = JSON.stringify(resource);
  if (json === '"*"') return '*';
  if (ownLogs && json === JSON.stringify({ 'Fn::GetAtt': [ownLogs, 'Arn'] })) return 'own-logs';
  const suffix = json.includes('/index/*') ? '/index/*' : json.includes('/*"') ? '/*' : '';
  for (const [id, name] of Object.entries(labels)) {
    if (json.includes(id)) return `${name}${suffix}`;
  }
  if (/:schedule\/sello-test\/\*"/.test(json)) return 'schedules-in-group';
  const fn = /:function:sello-test-([\w-]+)"/.exec(json);
  if (fn) return `function:${fn[1]}`;
  if (/:kms:[\w-]+:\d+:key\/\*"/.test(json)) return 'keys-in-account';
  if (/:secretsmanager:[\w-]+:\d+:secret:sello\/test\/pac-\?{6}"/.test(json)) return 'pac-secret';
  return json;
}

/** What each access must grant (and all it may grant), in the labels of `permissionsOf`. */
export const EXPECTED_PERMISSIONS: Record<Access | 'baseline', string[]> = {
  baseline: [
    'logs:CreateLogStream @ own-logs',
    'logs:PutLogEvents @ own-logs',
    'xray:PutTelemetryRecords @ *',
    'xray:PutTraceSegments @ *',
  ],
  'table:read': [
    ...[
      'BatchGetItem',
      'ConditionCheckItem',
      'DescribeTable',
      'GetItem',
      'GetRecords',
      'GetShardIterator',
      'Query',
      'Scan',
    ].flatMap((a) => [`dynamodb:${a} @ table`, `dynamodb:${a} @ table/index/*`]),
    'kms:Decrypt @ dataKey',
    'kms:DescribeKey @ dataKey',
  ],
  'table:write': [
    ...['BatchWriteItem', 'DeleteItem', 'DescribeTable', 'PutItem', 'UpdateItem'].flatMap((a) => [
      `dynamodb:${a} @ table`,
      `dynamodb:${a} @ table/index/*`,
    ]),
    'kms:Decrypt @ dataKey',
    'kms:DescribeKey @ dataKey',
    'kms:Encrypt @ dataKey',
    'kms:GenerateDataKey* @ dataKey',
    'kms:ReEncrypt* @ dataKey',
  ],
  'artifacts:read': [
    's3:GetObject @ artifactBucket/*',
    's3:ListBucket @ artifactBucket',
    'kms:Decrypt @ dataKey',
  ],
  'artifacts:write': ['s3:PutObject @ artifactBucket/*', 'kms:GenerateDataKey @ dataKey'],
  'mail:send': [
    'ses:SendEmail @ mailIdentity',
    'ses:SendRawEmail @ mailIdentity',
    'ses:SendEmail @ mailConfigurationSet',
    'ses:SendRawEmail @ mailConfigurationSet',
  ],
  'signing:sign': [
    'kms:Sign @ signingKey',
    'kms:GetPublicKey @ signingKey',
    // Tenants' own keys, narrowed by conditions (see stacks.test.ts).
    'kms:Sign @ keys-in-account',
    'kms:GetPublicKey @ keys-in-account',
  ],
  'signing:import': [
    'kms:CreateKey @ *',
    'kms:TagResource @ keys-in-account',
    'kms:GetParametersForImport @ keys-in-account',
    'kms:ImportKeyMaterial @ keys-in-account',
  ],
  'secrets:encrypt': ['kms:GenerateDataKey @ secretsKey'],
  'secrets:decrypt': ['kms:Decrypt @ secretsKey'],
  'scheduler:manage': [
    'scheduler:CreateSchedule @ schedules-in-group',
    'scheduler:UpdateSchedule @ schedules-in-group',
    'scheduler:DeleteSchedule @ schedules-in-group',
    'scheduler:GetSchedule @ schedules-in-group',
    'iam:PassRole @ schedulerRole',
  ],
  // Only the stage's PAC account, by its name (Secrets Manager adds six characters to the ARN).
  'pac:stamp': ['secretsmanager:GetSecretValue @ pac-secret'],
  // Only on the stage's pool; a recipient's user into its group, never identity providers or auth
  // challenges.
  'users:manage': [
    'AdminCreateUser',
    'AdminAddUserToGroup',
    'AdminGetUser',
    'AdminSetUserPassword',
    'AdminUpdateUserAttributes',
    'AdminDisableUser',
    'AdminEnableUser',
    'AdminDeleteUser',
    'AdminUserGlobalSignOut',
    'InitiateAuth',
    'RevokeToken',
  ].map((action) => `cognito-idp:${action} @ userPool`),
};

/**
 * What `access` implies, plus invoking exactly the functions named in `invokes`, plus (for a
 * function invoked by others, which may be asynchronously) sending its failed events to the
 * failure queue.
 */
export const expectedPermissions = (
  access: readonly Access[],
  invokes: readonly string[] = [],
  asyncTarget = false,
): string[] =>
  [
    ...new Set([
      ...EXPECTED_PERMISSIONS.baseline,
      ...access.flatMap((a) => EXPECTED_PERMISSIONS[a]),
      ...invokes.map((id) => `lambda:InvokeFunction @ function:${kebab(id)}`),
      ...(asyncTarget
        ? ['GetQueueAttributes', 'GetQueueUrl', 'SendMessage'].map(
            (a) => `sqs:${a} @ asyncFailureQueue`,
          )
        : []),
    ]),
  ].sort();

/** `expectedPermissions` of one entry of a route table. */
export const expectedPermissionsOf = (def: {
  access: readonly Access[];
  invokes?: readonly string[];
  trigger?: TriggeredDef['trigger'];
}) => expectedPermissions(def.access, def.invokes, def.trigger?.kind === 'invoke');

/** A small app where functions reach others: by `invokes`, and as run-time schedule targets. */
export const reachTables = () => {
  const entry = 'functions/system/record-scheduler-heartbeat.ts';
  const worker: TriggeredDef = {
    id: 'probeWorker',
    entry,
    access: ['table:read'],
    summary: 'handed work by the route and by itself (a continuation)',
    trigger: { kind: 'invoke' },
    invokes: ['probeWorker', 'probeHelper'],
  };
  const helper: TriggeredDef = {
    id: 'probeHelper',
    entry,
    access: [],
    summary: 'called by the worker, and calling it back',
    trigger: { kind: 'invoke' },
    invokes: ['probeWorker'],
  };
  const target: TriggeredDef = {
    id: 'probeTarget',
    entry,
    access: ['table:write'],
    summary: 'the target of schedules made at run time',
    trigger: { kind: 'schedules' },
  };
  const route = (id: string, extra: Partial<RouteDef>): RouteDef => ({
    id,
    method: 'POST',
    path: `/v1/${kebab(id)}`,
    entry: fallbackRoute.entry,
    auth: 'tenant',
    access: ['table:read'],
    summary: id,
    tag: 'Probe',
    responses: {},
    ...extra,
  });
  return {
    routes: [
      route('probeCaller', { invokes: ['probeWorker'] }),
      route('probeScheduler', { access: ['table:read', 'scheduler:manage'] }),
      route('probePlain', {}),
    ],
    triggered: [worker, helper, target],
  };
};
