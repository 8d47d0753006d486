import { type Access, ENV } from '@sello/contracts';
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import type { PlatformResources } from '../stacks/stateful-stack.ts';
import { acknowledge, findingText } from './nag.ts';

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
  for (const a of new Set(access)) {
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
      default: {
        const unhandled: never = a;
        throw new Error(`No grant defined for access ${String(unhandled)}`);
      }
    }
  }
  if (access.includes('table:read') || access.includes('table:write')) ackTableIndexes(role, res);
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

/** Environment for a function: stage and table always, the rest only when its access needs it. */
export function environmentFor(
  access: readonly Access[],
  res: PlatformResources,
  stage: string,
): Record<string, string> {
  const has = (...wanted: Access[]) => wanted.some((w) => access.includes(w));
  const env: Record<string, string> = {
    [ENV.stage]: stage,
    [ENV.tableName]: res.table.tableName,
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
