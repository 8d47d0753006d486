import { type Access, ENV, KEY_TAGS } from '@sello/contracts';
import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { readStageConfig, type StageConfig } from '../config.ts';
import type { PlatformResources } from '../stacks/stateful-stack.ts';
import { acknowledge, findingText } from './nag.ts';

/**
 * What `users:manage` (managing the people of the user pool) may call, on the stage's own user pool only. Sello creates people with
 * AdminCreateUser (MessageAction SUPPRESS: Cognito mails nothing), sets passwords after its own
 * invitation and reset flows, and signs people in, refreshes and revokes through the app client.
 * AdminAddUserToGroup puts a registered recipient's user in the recipients' group (the one group:
 * staff roles live in Sello's table, not in Cognito groups). Deliberately no
 * AdminLinkProviderForUser, AdminRespondToAuthChallenge and the like.
 */
export const USER_ADMIN_ACTIONS = [
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
].map((action) => `cognito-idp:${action}`);

/**
 * Turns one declared access into the narrowest grant on the role. The switch is exhaustive, so a
 * new Access in the contracts fails the type check here until someone decides what it may touch.
 */
export function grantAccess(
  role: iam.IRole,
  access: readonly Access[],
  res: PlatformResources,
): void {
  // The data key also encrypts the table: through S3 it may only be used by S3.
  const s3ViaService = {
    StringEquals: { 'kms:ViaService': `s3.${Stack.of(role).region}.amazonaws.com` },
  };
  for (const a of new Set<Access>(access)) {
    switch (a) {
      case 'table:read':
        res.table.grantReadData(role);
        break;
      case 'table:write':
        // Write-only on purpose: conditional writes need no read rights, and a function that
        // also reads declares table:read as well.
        res.table.grantWriteData(role);
        for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*']) {
          acknowledge(
            role,
            `AwsSolutions-IAM5[Action::${action}]`,
            'The CDK table write grant: DynamoDB needs these data-key operations to write items ' +
              'under SSE-KMS, and they apply to the table key only.',
          );
        }
        break;
      case 'artifacts:read':
        role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            actions: ['s3:GetObject'],
            resources: [res.artifactBucket.arnForObjects('*')],
          }),
        );
        ackArtifactObjects(role, res);
        // Without ListBucket a missing key answers 403 instead of 404.
        role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            actions: ['s3:ListBucket'],
            resources: [res.artifactBucket.bucketArn],
          }),
        );
        role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            actions: ['kms:Decrypt'],
            resources: [res.dataKey.keyArn],
            conditions: s3ViaService,
          }),
        );
        break;
      case 'artifacts:write':
        role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            actions: ['s3:PutObject'],
            resources: [res.artifactBucket.arnForObjects('*')],
          }),
        );
        ackArtifactObjects(role, res);
        role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            actions: ['kms:GenerateDataKey'],
            resources: [res.dataKey.keyArn],
            conditions: s3ViaService,
          }),
        );
        break;
      case 'mail:send':
        role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            actions: ['ses:SendEmail', 'ses:SendRawEmail'],
            resources: [res.mailIdentityArn, res.mailConfigurationSetArn],
          }),
        );
        break;
      case 'signing:sign':
        role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            actions: ['kms:Sign', 'kms:GetPublicKey'],
            resources: [res.signingKey.keyArn],
          }),
        );
        grantTenantSigningKeys(role);
        break;
      case 'signing:import':
        grantKeyImport(role);
        break;
      case 'secrets:encrypt':
        role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            actions: ['kms:GenerateDataKey'],
            resources: [res.secretsKey.keyArn],
          }),
        );
        break;
      case 'secrets:decrypt':
        role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            actions: ['kms:Decrypt'],
            resources: [res.secretsKey.keyArn],
          }),
        );
        break;
      case 'scheduler:manage':
        role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            actions: [
              'scheduler:CreateSchedule',
              'scheduler:UpdateSchedule',
              'scheduler:DeleteSchedule',
              'scheduler:GetSchedule',
            ],
            resources: [schedulesInGroupArn(role, res.schedulerGroupName)],
          }),
        );
        acknowledge(
          role,
          `AwsSolutions-IAM5[Resource::${findingText(role, schedulesInGroupArn(role, res.schedulerGroupName))}]`,
          'Schedules are created at runtime, one per automatic task, so their names are not ' +
            'known at deploy time; the wildcard stays inside our own schedule group.',
        );
        role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            actions: ['iam:PassRole'],
            resources: [res.schedulerRole.roleArn],
            conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
          }),
        );
        break;
      case 'pac:stamp':
        grantPacCredentials(role);
        break;
      case 'users:manage':
        role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            actions: USER_ADMIN_ACTIONS,
            resources: [res.userPool.userPoolArn],
          }),
        );
        break;
      default: {
        const unhandled: never = a;
        throw new Error(`No grant defined for access ${String(unhandled)}`);
      }
    }
  }
  if (access.includes('table:read') || access.includes('table:write')) ackTableIndexes(role, res);
}

/** Every KMS key of this account and region: tenant keys are created at runtime. */
export const keysInAccountArn = (scope: IConstruct): string =>
  Stack.of(scope).formatArn({ service: 'kms', resource: 'key', resourceName: '*' });

const RSA_SIGNING_KEY = {
  'kms:KeyOrigin': 'EXTERNAL',
  'kms:KeyUsage': 'SIGN_VERIFY',
};

/**
 * Signing with tenants' own keys (imported by signing:import). Their ARNs exist only at runtime,
 * so the grant names no key: it holds for keys with imported material that sign, carry a tenant
 * tag and this stage's tag, and only for DIGEST-mode PKCS#1 v1.5 signatures.
 */
function grantTenantSigningKeys(role: iam.IRole): void {
  const stage = readStageConfig(role.node).stage;
  const tenantKey = {
    StringEquals: { ...RSA_SIGNING_KEY, [`aws:ResourceTag/${KEY_TAGS.stage}`]: stage },
    Null: { [`aws:ResourceTag/${KEY_TAGS.tenant}`]: 'false' },
  };
  const keys = keysInAccountArn(role);
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['kms:Sign'],
      resources: [keys],
      conditions: {
        ...tenantKey,
        StringEquals: {
          ...tenantKey.StringEquals,
          'kms:MessageType': 'DIGEST',
          'kms:SigningAlgorithm': ['RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_512'],
        },
      },
    }),
  );
  // A separate statement: GetPublicKey has no message type or algorithm to match.
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['kms:GetPublicKey'],
      resources: [keys],
      conditions: tenantKey,
    }),
  );
  acknowledge(
    role,
    `AwsSolutions-IAM5[Resource::${findingText(role, keys)}]`,
    'Each tenant signs with a KMS key created at runtime when it uploads its certificate, so no ' +
      'key ARN is known at deploy time. The grant is confined by conditions to imported RSA ' +
      'signing keys tagged with a tenant and this stage, and to DIGEST-mode PKCS#1 v1.5 Sign.',
  );
}

/**
 * Creating a tenant's key and importing its private key. CreateKey authorizes on no resource, so
 * it is confined by request conditions to the only key it may make here: single-region, RSA,
 * SIGN_VERIFY, Origin EXTERNAL, tagged with a tenant and this stage (and no other tag). The import
 * calls run right after CreateKey, when tag-based conditions may not hold yet (KMS applies tag
 * changes to authorization within minutes), so they are confined by the key's origin and the
 * exact wrapping and expiration parameters instead. No alias is made: the ARN is stored.
 */
function grantKeyImport(role: iam.IRole): void {
  const stage = readStageConfig(role.node).stage;
  const requestTags = {
    StringEquals: { [`aws:RequestTag/${KEY_TAGS.stage}`]: stage },
    Null: { [`aws:RequestTag/${KEY_TAGS.tenant}`]: 'false' },
    'ForAllValues:StringEquals': { 'aws:TagKeys': [KEY_TAGS.tenant, KEY_TAGS.stage] },
  };
  const keys = keysInAccountArn(role);
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['kms:CreateKey'],
      resources: ['*'],
      conditions: {
        ...requestTags,
        StringEquals: {
          ...requestTags.StringEquals,
          ...RSA_SIGNING_KEY,
          'kms:KeySpec': ['RSA_2048', 'RSA_3072', 'RSA_4096'],
        },
        Bool: { 'kms:MultiRegion': 'false' },
      },
    }),
  );
  // Tags given to CreateKey need TagResource on every key of the account (KMS documents this).
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['kms:TagResource'],
      resources: [keys],
      conditions: requestTags,
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['kms:GetParametersForImport'],
      resources: [keys],
      conditions: {
        StringEquals: {
          'kms:KeyOrigin': 'EXTERNAL',
          'kms:WrappingAlgorithm': 'RSA_AES_KEY_WRAP_SHA_256',
          'kms:WrappingKeySpec': 'RSA_4096',
        },
      },
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['kms:ImportKeyMaterial'],
      resources: [keys],
      conditions: {
        StringEquals: {
          'kms:KeyOrigin': 'EXTERNAL',
          'kms:ExpirationModel': 'KEY_MATERIAL_DOES_NOT_EXPIRE',
        },
      },
    }),
  );
  acknowledge(
    role,
    'AwsSolutions-IAM5[Resource::*]',
    'kms:CreateKey has no resource to name (the key does not exist yet); the statement is ' +
      'confined by conditions to single-region RSA SIGN_VERIFY keys with Origin EXTERNAL, tagged ' +
      'only with a tenant and this stage.',
  );
  acknowledge(
    role,
    `AwsSolutions-IAM5[Resource::${findingText(role, keys)}]`,
    "Tenants' keys are created at runtime, one per uploaded certificate, so their ARNs are " +
      'unknown at deploy time. Tagging is limited to the tenant and stage tags, and importing ' +
      'to keys with Origin EXTERNAL under the one wrapping scheme and expiration model we use.',
  );
}

function ackTableIndexes(role: iam.IRole, res: PlatformResources): void {
  acknowledge(
    role,
    `AwsSolutions-IAM5[Resource::${findingText(role, res.table.tableArn, res.table)}/index/*]`,
    'Queries through the single-table GSIs need the index ARNs; the wildcard covers only the ' +
      'indexes of this one table.',
  );
}

function ackArtifactObjects(role: iam.IRole, res: PlatformResources): void {
  acknowledge(
    role,
    `AwsSolutions-IAM5[Resource::${findingText(role, res.artifactBucket.bucketArn, res.artifactBucket)}/*]`,
    'Artifact keys are per tenant and per invoice, created at runtime; access is limited to ' +
      'object-level actions in this one bucket.',
  );
}

/** Every schedule of our group (schedules are created at runtime, one per automatic task). */
export const schedulesInGroupArn = (scope: IConstruct, group: string): string =>
  Stack.of(scope).formatArn({
    service: 'scheduler',
    resource: 'schedule',
    resourceName: `${group}/*`,
  });

/**
 * Environment for a function: stage, table and user pool always (every function may have to
 * verify a person's token), the rest only when its access needs it.
 */
export function environmentFor(
  access: readonly Access[],
  res: PlatformResources,
  stage: string,
): Record<string, string> {
  const has = (...wanted: Access[]) => wanted.some((w) => access.includes(w));
  const env: Record<string, string> = {
    [ENV.stage]: stage,
    [ENV.tableName]: res.table.tableName,
    [ENV.userPoolId]: res.userPool.userPoolId,
    [ENV.userPoolClientId]: res.userPoolClient.userPoolClientId,
  };
  if (has('artifacts:read', 'artifacts:write'))
    env[ENV.artifactBucket] = res.artifactBucket.bucketName;
  if (has('mail:send')) {
    env[ENV.mailFrom] = res.mailFrom;
    env[ENV.mailConfigurationSet] = res.mailConfigurationSetName;
  }
  if (has('signing:sign')) env[ENV.signingKeyId] = res.signingKey.keyArn;
  if (has('secrets:encrypt', 'secrets:decrypt')) env[ENV.secretsKeyId] = res.secretsKey.keyArn;
  if (has('scheduler:manage')) {
    env[ENV.schedulerGroup] = res.schedulerGroupName;
    env[ENV.schedulerRoleArn] = res.schedulerRole.roleArn;
    env[ENV.schedulerDlqArn] = res.schedulerDeadLetterQueue.queueArn;
  }
  return env;
}

/**
 * Reading the stage's PAC account: only its one secret. Secrets Manager appends six random
 * characters to a secret's ARN, hence the `-??????` (AWS's documented pattern for a name).
 * A stage without a PAC grants nothing.
 */
function grantPacCredentials(role: iam.IRole): void {
  const config = readStageConfig(role.node).pac;
  if (!config) return;
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['secretsmanager:GetSecretValue'],
      resources: [pacSecretArn(role, config.credentialsSecret)],
    }),
  );
}

export const pacSecretArn = (scope: IConstruct, name: string): string =>
  Stack.of(scope).formatArn({
    service: 'secretsmanager',
    resource: 'secret',
    resourceName: `${name}-??????`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });

/** Where the functions that stamp find the PAC: its kind, URL and the secret's name (no value). */
export function pacEnvironment(
  config: StageConfig,
  access: readonly Access[],
): Record<string, string> {
  if (!config.pac || !access.includes('pac:stamp')) return {};
  return {
    [ENV.pac]: config.pac.provider,
    [ENV.pacUrl]: config.pac.url,
    [ENV.pacCredentialsSecret]: config.pac.credentialsSecret,
  };
}

/** The functions that build the connector registry: the forward route and the forwarding run. */
const FORWARDING = new Set(['forwardInvoice', 'runForwarding']);

/** Where the connectors are, for the functions that forward (only the configured ones). */
export function connectorsEnvironment(config: StageConfig, id: string): Record<string, string> {
  if (!FORWARDING.has(id)) return {};
  return {
    ...(config.insurerPlatformUrl ? { [ENV.insurerPlatformUrl]: config.insurerPlatformUrl } : {}),
    ...(config.faceUrl ? { [ENV.faceUrl]: config.faceUrl } : {}),
  };
}

/** The functions that check whether a signing certificate proves a tenant's tax id. */
const CHECK_CERTIFICATES = new Set(['putSigningCertificate', 'getSigningCertificate']);

/** The operator's extra trusted CAs, for the functions that check certificates (if configured). */
export function trustedCasEnvironment(config: StageConfig, id: string): Record<string, string> {
  if (!config.trustedCasPem || !CHECK_CERTIFICATES.has(id)) return {};
  return { [ENV.trustedCasPem]: config.trustedCasPem };
}

/** The VERI*FACTU settings every function reads the same way (records are made by several). */
export function verifactuEnvironment(config: StageConfig): Record<string, string> {
  if (!config.verifactu) return {};
  return {
    [ENV.verifactuProducerNif]: config.verifactu.producerNif,
    [ENV.verifactuProducerName]: config.verifactu.producerName,
    [ENV.verifactuInstallation]: config.verifactu.installation,
    [ENV.verifactuEnvironment]: config.verifactu.environment,
    [ENV.verifactuSubmitter]: config.verifactu.submitter,
  };
}
