import {
  ACCESS,
  ENV,
  fallbackRoute,
  functionArnEnv,
  kebab,
  type RouteDef,
  routeList,
  TABLE,
  type TriggeredDef,
  triggered,
  triggeredList,
} from '@sello/contracts';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectedPermissions,
  expectedPermissionsOf,
  functionNamed,
  logicalId,
  ofType,
  permissionsOf,
  reachTables,
  resourcesOf,
  synthesize,
} from './support.ts';

type Built = ReturnType<typeof synthesize>;

const fnName = (id: string) => `sello-test-${kebab(id)}`;
const allEntries = [...routeList, fallbackRoute, ...triggeredList];

/** Labels for the stateful resources a function may be granted, keyed by logical id. */
function labelsOf({ stateful }: Built): Record<string, string> {
  return {
    [logicalId(stateful, stateful.table)]: 'table',
    [logicalId(stateful, stateful.dataKey)]: 'dataKey',
    [logicalId(stateful, stateful.artifactBucket)]: 'artifactBucket',
    [logicalId(stateful, stateful.signingKey)]: 'signingKey',
    [logicalId(stateful, stateful.secretsKey)]: 'secretsKey',
    [logicalId(stateful, stateful.mailIdentity)]: 'mailIdentity',
    [logicalId(stateful, stateful.mailConfigurationSet)]: 'mailConfigurationSet',
    [logicalId(stateful, stateful.schedulerRole)]: 'schedulerRole',
    [logicalId(stateful, stateful.asyncFailureQueue)]: 'asyncFailureQueue',
    [logicalId(stateful, stateful.userPool)]: 'userPool',
  };
}

/**
 * What a function's environment must hold for its access and the functions it reaches, and
 * nothing more: the ARN of each function it invokes and, when it manages schedules, of each
 * run-time schedule target.
 */
function expectedEnv(
  access: readonly string[],
  reach: { invokes?: readonly string[] } = {},
  table: readonly TriggeredDef[] = triggeredList,
): string[] {
  const has = (...a: string[]) => a.some((x) => access.includes(x));
  const targets = has('scheduler:manage')
    ? table.filter((t) => t.trigger.kind === 'schedules').map((t) => t.id)
    : [];
  const reached = [...new Set([...(reach.invokes ?? []), ...targets])].map(functionArnEnv);
  return [
    ENV.stage,
    ENV.tableName,
    // Any function may have to verify a person's token.
    ENV.userPoolId,
    ENV.userPoolClientId,
    ...(has('artifacts:read', 'artifacts:write') ? [ENV.artifactBucket] : []),
    ...(has('mail:send') ? [ENV.mailFrom, ENV.mailConfigurationSet] : []),
    ...(has('signing:sign') ? [ENV.signingKeyId] : []),
    ...(has('secrets:encrypt', 'secrets:decrypt') ? [ENV.secretsKeyId] : []),
    ...(has('scheduler:manage')
      ? [ENV.schedulerGroup, ENV.schedulerRoleArn, ENV.schedulerDlqArn]
      : []),
    ...(has('pac:stamp') ? [ENV.pac, ENV.pacUrl, ENV.pacCredentialsSecret] : []),
    ...reached,
  ];
}

describe('the app built from the route table', () => {
  let built: Built;
  beforeAll(() => {
    built = synthesize();
  });

  it('names the stacks per stage and protects the stateful one', () => {
    expect(built.stateful.stackName).toBe('Sello-test-Stateful');
    expect(built.api.stackName).toBe('Sello-test-Api');
    // One stack per functions/<area>/ folder: a stack holds at most 500 resources.
    const areas = new Set([...routeList, ...triggeredList].map((e) => e.entry.split('/')[1]));
    expect([...built.areas.values()].map((s) => s.stackName).sort()).toEqual(
      [...areas].map((a) => `Sello-test-Api-${a}`).sort(),
    );
    for (const template of built.templates.functions) {
      expect(Object.keys(resourcesOf(template)).length).toBeLessThanOrEqual(500);
    }
    expect(built.stateful.terminationProtection).toBe(true);
    for (const [id, r] of Object.entries(resourcesOf(built.templates.stateful))) {
      const kept = [
        'AWS::KMS::Key',
        'AWS::DynamoDB::GlobalTable',
        'AWS::S3::Bucket',
        'AWS::SQS::Queue',
      ];
      if (kept.includes(r.Type)) expect(r.DeletionPolicy, id).toBe('Retain');
    }
  });

  it('makes exactly one arm64 nodejs22.x function per route, fallback and triggered entry', () => {
    const functions = ofType(built.templates.functions, 'AWS::Lambda::Function');
    expect(functions).toHaveLength(routeList.length + 1 + triggeredList.length);
    expect(functions.map(([, r]) => r.Properties.FunctionName).sort()).toEqual(
      allEntries.map((e) => fnName(e.id)).sort(),
    );
    for (const [, fn] of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
      });
      expect(fn.Properties.LoggingConfig.LogGroup.Ref).toBeDefined();
    }
  });

  it('sizes each function from its definition', () => {
    for (const def of allEntries) {
      const [, fn] = functionNamed(built.templates.functions, fnName(def.id));
      const sized = def as { timeoutSeconds?: number; memoryMb?: number };
      expect(fn.Properties.Timeout, def.id).toBe(sized.timeoutSeconds ?? 10);
      expect(fn.Properties.MemorySize, def.id).toBe(sized.memoryMb ?? 512);
    }
  });

  it('gives each function its own log group with the configured retention', () => {
    const groups = ofType(built.templates.functions, 'AWS::Logs::LogGroup');
    // One per function plus the API access log.
    expect(groups).toHaveLength(allEntries.length + 1);
    for (const [, g] of groups) expect(g.Properties.RetentionInDays).toBe(30);
  });

  it('routes every RouteDef to its own function, and the fallback as $default', () => {
    const templates = built.templates.functions;
    const routes = ofType(templates, 'AWS::ApiGatewayV2::Route');
    expect(routes).toHaveLength(routeList.length + 1);
    // A route, its integration and its function share a template (the API's or an area's).
    const byKey = new Map<string, string>();
    for (const template of templates) {
      const resources = resourcesOf(template);
      for (const [, route] of ofType(template, 'AWS::ApiGatewayV2::Route')) {
        const integrationId = route.Properties.Target['Fn::Join'][1][1].Ref as string;
        const uri = resources[integrationId]?.Properties.IntegrationUri;
        const fnId = uri['Fn::GetAtt'][0] as string;
        byKey.set(route.Properties.RouteKey, resources[fnId]?.Properties.FunctionName);
      }
    }
    const expected = new Map<string, string>([
      ...routeList.map((r: RouteDef): [string, string] => [`${r.method} ${r.path}`, fnName(r.id)]),
      ['$default', fnName(fallbackRoute.id)],
    ]);
    expect(byKey).toEqual(expected);
    // API Gateway may invoke each routed function, and only those.
    expect(ofType(templates, 'AWS::Lambda::Permission')).toHaveLength(routeList.length + 1);
    // Every area's routes join the one API of the API stack.
    const apiId = logicalId(built.api, built.api.routedApi.api);
    for (const [, route] of ofType(built.templates.areas, 'AWS::ApiGatewayV2::Route')) {
      expect(JSON.stringify(route.Properties.ApiId)).toContain(apiId);
    }
  });

  it('answers browsers with the configured CORS policy', () => {
    built.templates.api.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: {
        AllowOrigins: ['https://portal.sello.example', 'http://localhost:3000'],
        AllowMethods: Match.arrayEquals(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
        AllowHeaders: Match.arrayEquals([
          'authorization',
          'content-type',
          'idempotency-key',
          'if-match',
          'if-none-match',
          'x-correlation-id',
        ]),
        ExposeHeaders: Match.arrayEquals([
          'etag',
          'location',
          'x-correlation-id',
          'idempotent-replayed',
          'retry-after',
        ]),
        AllowCredentials: false,
      },
    });
  });

  it('logs access and throttles the $default stage', () => {
    built.templates.api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: {
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp('\\$context\\.requestId'),
      },
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
    });
  });

  it('grants every function exactly what its access implies', () => {
    const labels = labelsOf(built);
    for (const def of allEntries) {
      const [, fn, template] = functionNamed(built.templates.functions, fnName(def.id));
      expect(permissionsOf(template, fn, labels), def.id).toEqual(expectedPermissionsOf(def));
    }
  });

  it('keeps public routes away from data, and readers away from writes', () => {
    const labels = labelsOf(built);
    const actionsOf = (id: string) => {
      const [, fn, template] = functionNamed(built.templates.functions, fnName(id));
      return permissionsOf(template, fn, labels);
    };
    expect(actionsOf('getHealth').filter((p) => /dynamodb:|kms:|s3:/.test(p))).toEqual([]);
    const readOnly = routeList.filter(
      (r) => r.access.includes('table:read') && !r.access.includes('table:write'),
    );
    expect(readOnly.length).toBeGreaterThan(0);
    for (const r of readOnly) {
      const perms = actionsOf(r.id);
      expect(
        perms.some((p) => p.startsWith('dynamodb:GetItem')),
        r.id,
      ).toBe(true);
      for (const write of ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']) {
        expect(
          perms.some((p) => p.startsWith(`dynamodb:${write} `)),
          `${r.id} ${write}`,
        ).toBe(false);
      }
    }
  });

  it('sets stage and table everywhere and other variables only where access needs them', () => {
    for (const def of allEntries) {
      const [, fn] = functionNamed(built.templates.functions, fnName(def.id));
      const vars = Object.keys(fn.Properties.Environment.Variables).filter(
        (k) => k !== 'NODE_OPTIONS',
      );
      const isRoute = def !== fallbackRoute && routeList.includes(def as RouteDef);
      // Links in mail: every route, and triggered functions that send mail.
      const links =
        isRoute || def === fallbackRoute || (def.access as readonly string[]).includes('mail:send');
      // Links to the portal: every function of the area stacks (the fallback writes none).
      const extra = [
        ...(links ? [ENV.publicApiUrl] : []),
        ...(def === fallbackRoute ? [] : [ENV.portalUrl]),
      ];
      const reach = def as { invokes?: readonly string[] };
      expect(vars.sort(), def.id).toEqual([...expectedEnv(def.access, reach), ...extra].sort());
      expect(fn.Properties.Environment.Variables[ENV.stage]).toBe('test');
    }
  });

  it('schedules the heartbeat in the platform group, with its time zone, retries and DLQ', () => {
    const { stateful } = built.templates;
    const def = triggered.recordSchedulerHeartbeat;
    const [fnId, , template] = functionNamed(built.templates.functions, fnName(def.id));
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      Name: kebab(def.id),
      GroupName: 'sello-test',
      ScheduleExpression: def.trigger.expression,
      ScheduleExpressionTimezone: def.trigger.timezone,
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [fnId, 'Arn'] },
        RoleArn: Match.anyValue(),
        Input: JSON.stringify(def.trigger.input),
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: Match.anyValue() },
      },
    });
    stateful.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'sello-test' });
  });

  it('makes one schedule per schedule trigger; the scheduler invokes those and run-time targets', () => {
    const templates = built.templates.functions;
    expect(ofType(templates, 'AWS::Scheduler::Schedule')).toHaveLength(
      triggeredList.filter((t) => t.trigger.kind === 'schedule').length,
    );
    const roleRef = logicalId(built.stateful, built.stateful.schedulerRole);
    // Each area with scheduled functions attaches its own policy to the scheduler role.
    const granted = templates.flatMap((template) =>
      ofType(template, 'AWS::IAM::Policy')
        .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(roleRef))
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement)
        .flatMap((statement: { Action: string; Effect: string; Resource: unknown }) => {
          expect(statement).toMatchObject({ Action: 'lambda:InvokeFunction', Effect: 'Allow' });
          const resources = [statement.Resource].flat() as Array<{ 'Fn::GetAtt': [string] }>;
          return resources.map((r) => {
            const fn = resourcesOf(template)[r['Fn::GetAtt'][0]];
            return fn?.Properties.FunctionName as string;
          });
        }),
    );
    expect(granted.sort()).toEqual(
      triggeredList
        .filter((t) => t.trigger.kind !== 'invoke')
        .map((t) => fnName(t.id))
        .sort(),
    );
  });

  it('keeps failed asynchronous post-issue work in a queue instead of dropping it', () => {
    const [logical, , template] = functionNamed(
      built.templates.functions,
      fnName('processIssuedInvoices'),
    );
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logical },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    const queues = built.templates.stateful.findResources('AWS::SQS::Queue');
    expect(Object.keys(queues)).toContain(
      logicalId(built.stateful, built.stateful.asyncFailureQueue),
    );
  });

  it('keeps the single table encrypted, recoverable and protected', () => {
    const { stateful } = built.templates;
    const dataKey = logicalId(built.stateful, built.stateful.dataKey);
    stateful.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    stateful.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
      GlobalSecondaryIndexes: TABLE.indexes.map((i) =>
        Match.objectLike({
          IndexName: i.name,
          KeySchema: [
            { AttributeName: i.partitionKey, KeyType: 'HASH' },
            { AttributeName: i.sortKey, KeyType: 'RANGE' },
          ],
        }),
      ),
      Replicas: [
        Match.objectLike({
          DeletionProtectionEnabled: true,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          SSESpecification: { KMSMasterKeyId: { 'Fn::GetAtt': [dataKey, 'Arn'] } },
        }),
      ],
    });
  });

  it('keeps artifacts private, versioned, KMS-encrypted, logged and locked', () => {
    const { stateful } = built.templates;
    const dataKey = logicalId(built.stateful, built.stateful.dataKey);
    const logBucket = logicalId(built.stateful, built.stateful.accessLogBucket);
    const blockAll = {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    };
    stateful.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [dataKey, 'Arn'] },
            },
          },
        ],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: blockAll,
      LoggingConfiguration: { DestinationBucketName: { Ref: logBucket } },
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 2192 } },
      },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ NoncurrentVersionExpiration: Match.anyValue() }),
        ]),
      },
    });
    // Every bucket: no public access, some encryption at rest, TLS only.
    const buckets = ofType(stateful, 'AWS::S3::Bucket');
    expect(buckets).toHaveLength(2);
    for (const [id, b] of buckets) {
      expect(b.Properties.PublicAccessBlockConfiguration, id).toEqual(blockAll);
      expect(b.Properties.BucketEncryption, id).toBeDefined();
    }
    const policies = ofType(stateful, 'AWS::S3::BucketPolicy');
    expect(policies).toHaveLength(2);
    for (const [, p] of policies) {
      expect(p.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it('takes the Object Lock mode and period from context', () => {
    const compliance = synthesize({
      context: { objectLockMode: 'COMPLIANCE', objectLockYears: '4' },
    });
    compliance.templates.stateful.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 1461 } } },
    });
  });

  it('encrypts the dead-letter queue and refuses plain HTTP on it', () => {
    const { stateful } = built.templates;
    stateful.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    stateful.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('has an RSA signing key and rotating symmetric keys', () => {
    const { stateful } = built.templates;
    stateful.hasResourceProperties('AWS::KMS::Key', {
      KeySpec: 'RSA_2048',
      KeyUsage: 'SIGN_VERIFY',
    });
    const symmetric = ofType(stateful, 'AWS::KMS::Key').filter(([, k]) => !k.Properties.KeySpec);
    expect(symmetric).toHaveLength(2);
    for (const [id, k] of symmetric) expect(k.Properties.EnableKeyRotation, id).toBe(true);
  });

  it('lets only our own schedule group assume the scheduler role', () => {
    const group = logicalId(built.stateful, built.stateful.schedulerGroup);
    built.templates.stateful.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: {
              StringEquals: { 'aws:SourceAccount': '123456789012' },
              ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [group, 'Arn'] } },
            },
          }),
        ],
      },
    });
  });

  it('sets up SES for the configured domain with a TLS-only configuration set', () => {
    const { stateful } = built.templates;
    stateful.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'test.sello.example',
      ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() },
    });
    stateful.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: 'sello-test',
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
    });
  });
});

describe('grant mapping, one probe function per access', () => {
  // Routes that use every Access alone, pointing at a real handler (bundling is off anyway).
  const probes: RouteDef[] = ACCESS.map((access, i) => ({
    id: `probe${i}`,
    method: 'GET',
    path: `/v1/probes/${i}`,
    entry: fallbackRoute.entry,
    auth: 'tenant',
    access: [access],
    summary: `probe for ${access}`,
    tag: 'Probe',
    responses: {},
  }));
  let built: Built;
  beforeAll(() => {
    built = synthesize({ routes: probes, triggered: [] });
  });

  it.each(probes.map((p) => [p.access[0], p] as const))(
    '%s grants exactly its actions',
    (_, probe) => {
      const [, fn, template] = functionNamed(built.templates.functions, fnName(probe.id));
      expect(permissionsOf(template, fn, labelsOf(built))).toEqual(
        expectedPermissions(probe.access),
      );
      const vars = Object.keys(fn.Properties.Environment.Variables).filter(
        (k) => k !== 'NODE_OPTIONS' && k !== ENV.publicApiUrl && k !== ENV.portalUrl,
      );
      expect(vars.sort()).toEqual(expectedEnv(probe.access, {}, []).sort());
    },
  );

  /** Every statement of the probe function for `access`. */
  const statementsOf = (access: string) => {
    const probe = probes.find((p) => p.access[0] === access);
    const [, fn, template] = functionNamed(built.templates.functions, fnName(probe?.id ?? ''));
    const roleId = fn.Properties.Role['Fn::GetAtt'][0];
    return ofType(template, 'AWS::IAM::Policy')
      .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
  };
  const keys = 'arn:aws:kms:eu-west-1:123456789012:key/*';
  const tenantKey = {
    StringEquals: {
      'kms:KeyOrigin': 'EXTERNAL',
      'kms:KeyUsage': 'SIGN_VERIFY',
      'aws:ResourceTag/sello:stage': 'test',
    },
    Null: { 'aws:ResourceTag/sello:tenant': 'false' },
  };
  const requestTags = {
    StringEquals: { 'aws:RequestTag/sello:stage': 'test' },
    Null: { 'aws:RequestTag/sello:tenant': 'false' },
    'ForAllValues:StringEquals': { 'aws:TagKeys': ['sello:tenant', 'sello:stage'] },
  };

  it("signs with tenants' keys only if imported, for signing, tagged for a tenant of this stage", () => {
    expect(statementsOf('signing:sign').filter((st) => st.Resource === keys)).toEqual([
      {
        Effect: 'Allow',
        Action: 'kms:Sign',
        Resource: keys,
        Condition: {
          ...tenantKey,
          StringEquals: {
            ...tenantKey.StringEquals,
            'kms:MessageType': 'DIGEST',
            'kms:SigningAlgorithm': ['RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_512'],
          },
        },
      },
      { Effect: 'Allow', Action: 'kms:GetPublicKey', Resource: keys, Condition: tenantKey },
    ]);
  });

  it('creates and imports only single-region RSA signing keys tagged for a tenant of this stage', () => {
    expect(statementsOf('signing:import').filter((st) => /^kms:/.test(st.Action))).toEqual([
      {
        Effect: 'Allow',
        Action: 'kms:CreateKey',
        Resource: '*',
        Condition: {
          ...requestTags,
          StringEquals: {
            ...requestTags.StringEquals,
            'kms:KeyOrigin': 'EXTERNAL',
            'kms:KeyUsage': 'SIGN_VERIFY',
            'kms:KeySpec': ['RSA_2048', 'RSA_3072', 'RSA_4096'],
          },
          Bool: { 'kms:MultiRegion': 'false' },
        },
      },
      { Effect: 'Allow', Action: 'kms:TagResource', Resource: keys, Condition: requestTags },
      {
        Effect: 'Allow',
        Action: 'kms:GetParametersForImport',
        Resource: keys,
        Condition: {
          StringEquals: {
            'kms:KeyOrigin': 'EXTERNAL',
            'kms:WrappingAlgorithm': 'RSA_AES_KEY_WRAP_SHA_256',
            'kms:WrappingKeySpec': 'RSA_4096',
          },
        },
      },
      {
        Effect: 'Allow',
        Action: 'kms:ImportKeyMaterial',
        Resource: keys,
        Condition: {
          StringEquals: {
            'kms:KeyOrigin': 'EXTERNAL',
            'kms:ExpirationModel': 'KEY_MATERIAL_DOES_NOT_EXPIRE',
          },
        },
      },
    ]);
  });

  it('passes the scheduler role only to EventBridge Scheduler', () => {
    const probe = probes.find((p) => p.access[0] === 'scheduler:manage');
    const [, fn, template] = functionNamed(built.templates.functions, fnName(probe?.id ?? ''));
    const roleId = fn.Properties.Role['Fn::GetAtt'][0];
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'iam:PassRole',
            Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
          }),
        ]),
      },
    });
  });
});

describe('functions reaching other functions', () => {
  const tables = reachTables();
  let built: Built;
  beforeAll(() => {
    built = synthesize(tables);
  });
  /** The ARN formatted from the function's name (region and account are known here). */
  const arn = (id: string) => `arn:aws:lambda:eu-west-1:123456789012:function:${fnName(id)}`;
  const fn = (id: string) => functionNamed(built.templates.functions, fnName(id))[1];
  const templateOf = (id: string) => functionNamed(built.templates.functions, fnName(id))[2];
  const env = (id: string) => fn(id).Properties.Environment.Variables as Record<string, unknown>;

  it('lets a function invoke exactly what it declares, and no other function anything', () => {
    const perms = (id: string) => permissionsOf(templateOf(id), fn(id), labelsOf(built));
    const invokes = (id: string) => perms(id).filter((p) => p.startsWith('lambda:'));
    expect(invokes('probeCaller')).toEqual(['lambda:InvokeFunction @ function:probe-worker']);
    expect(invokes('probeWorker')).toEqual([
      'lambda:InvokeFunction @ function:probe-helper',
      'lambda:InvokeFunction @ function:probe-worker',
    ]);
    expect(invokes('probeHelper')).toEqual(['lambda:InvokeFunction @ function:probe-worker']);
    for (const id of ['probePlain', 'probeScheduler', 'probeTarget', fallbackRoute.id]) {
      expect(invokes(id), id).toEqual([]);
    }
    for (const def of [...tables.routes, ...tables.triggered]) {
      expect(perms(def.id), def.id).toEqual(expectedPermissionsOf(def));
    }
  });

  it('passes each reached function as SELLO_FUNCTION_<ID> holding its ARN', () => {
    expect(functionArnEnv('probeWorker')).toBe('SELLO_FUNCTION_PROBE_WORKER');
    expect(env('probeCaller')).toMatchObject({ SELLO_FUNCTION_PROBE_WORKER: arn('probeWorker') });
    expect(env('probeWorker')).toMatchObject({
      SELLO_FUNCTION_PROBE_WORKER: arn('probeWorker'),
      SELLO_FUNCTION_PROBE_HELPER: arn('probeHelper'),
    });
    // A function managing schedules names every run-time target in the schedules it creates.
    expect(env('probeScheduler')).toMatchObject({
      SELLO_FUNCTION_PROBE_TARGET: arn('probeTarget'),
    });
    for (const def of [...tables.routes, ...tables.triggered]) {
      const vars = Object.keys(env(def.id)).filter(
        (k) => k !== 'NODE_OPTIONS' && k !== ENV.publicApiUrl && k !== ENV.portalUrl,
      );
      expect(vars.sort(), def.id).toEqual(expectedEnv(def.access, def, tables.triggered).sort());
    }
  });

  it('lets the scheduler role invoke the run-time schedule targets, and nothing else', () => {
    const templates = built.templates.functions;
    const roleRef = logicalId(built.stateful, built.stateful.schedulerRole);
    const statements = ofType(templates, 'AWS::IAM::Policy')
      .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(roleRef))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    const [targetId] = functionNamed(templates, fnName('probeTarget'));
    expect(statements).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [targetId, 'Arn'] },
      },
    ]);
    // No static schedule: the target is only ever scheduled at run time.
    expect(ofType(templates, 'AWS::Scheduler::Schedule')).toEqual([]);
  });

  it('refuses to synthesize an invoke of a function that does not exist', () => {
    const { routes, triggered: entries } = reachTables();
    const typo = { ...routes[0]!, invokes: ['probeWorkr'] } as RouteDef;
    expect(() => synthesize({ routes: [typo], triggered: entries })).toThrow(
      'probeCaller invokes probeWorkr, which is not a triggered function',
    );
  });
});

describe('VERI*FACTU configuration', () => {
  it('passes the producer, environment and submitter to every function when configured', async () => {
    const { buildApp } = await import('../../infra/app.ts');
    const { Template } = await import('aws-cdk-lib/assertions');
    const built = buildApp({
      context: {
        stage: 'vf',
        verifactuProducerNif: 'B12345674',
        verifactuProducerName: 'Sello Software, S.L.',
      },
      bundling: false,
      cfnValidation: false,
      nag: false,
    });
    const functions = [built.api, ...built.areas.values()].flatMap(
      (stack) =>
        Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function')) as Array<{
          Properties: { Environment: { Variables: Record<string, string> } };
        }>,
    );
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      expect(fn.Properties.Environment.Variables).toMatchObject({
        SELLO_VERIFACTU_PRODUCER_NIF: 'B12345674',
        SELLO_VERIFACTU_PRODUCER_NAME: 'Sello Software, S.L.',
        SELLO_VERIFACTU_INSTALLATION: 'vf',
        SELLO_VERIFACTU_ENVIRONMENT: 'test',
        SELLO_VERIFACTU_SUBMITTER: 'aeat',
      });
    }
  });
});
