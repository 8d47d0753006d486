import { TABLE } from '@sello/contracts';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.ts';
import { acknowledge } from '../constructs/nag.ts';
import { UserPool } from '../constructs/user-pool.ts';

export interface StatefulStackProps extends StackProps {
  config: StageConfig;
}

/**
 * What the functions reach. The API stack receives these and derives each function's grants and
 * environment from its declared access, so nothing outside this shape is ever granted.
 */
export interface PlatformResources {
  readonly table: dynamodb.ITableV2;
  readonly artifactBucket: s3.IBucket;
  /** Encrypts the table, the artifact bucket and nothing else. */
  readonly dataKey: kms.IKey;
  readonly signingKey: kms.IKey;
  readonly secretsKey: kms.IKey;
  readonly mailFrom: string;
  readonly mailIdentityArn: string;
  readonly mailConfigurationSetName: string;
  readonly mailConfigurationSetArn: string;
  readonly schedulerGroupName: string;
  readonly schedulerRole: iam.IRole;
  readonly schedulerDeadLetterQueue: sqs.IQueue;
  /** Where asynchronous invocations (the post-issue step) land once Lambda's retries are spent. */
  readonly asyncFailureQueue: sqs.IQueue;
  /** Where people (staff, registered recipients) sign in, and the portal's client of it. */
  readonly userPool: cognito.IUserPool;
  readonly userPoolClient: cognito.IUserPoolClient;
}

/**
 * Everything that holds data or identity and must outlive any deployment of the code: retained on
 * delete, and the stack itself is termination-protected.
 */
export class StatefulStack extends Stack implements PlatformResources {
  readonly table: dynamodb.TableV2;
  readonly artifactBucket: s3.Bucket;
  readonly accessLogBucket: s3.Bucket;
  readonly dataKey: kms.Key;
  readonly signingKey: kms.Key;
  readonly secretsKey: kms.Key;
  readonly mailIdentity: ses.EmailIdentity;
  readonly mailConfigurationSet: ses.ConfigurationSet;
  readonly mailFrom: string;
  readonly mailIdentityArn: string;
  readonly mailConfigurationSetName: string;
  readonly mailConfigurationSetArn: string;
  readonly schedulerGroup: scheduler.ScheduleGroup;
  readonly schedulerGroupName: string;
  readonly schedulerRole: iam.Role;
  readonly schedulerDeadLetterQueue: sqs.Queue;
  readonly asyncFailureQueue: sqs.Queue;
  readonly users: UserPool;
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, { terminationProtection: true, ...props });
    const { config } = props;
    const prefix = `sello-${config.stage}`;

    // --- KMS -------------------------------------------------------------------------------
    this.dataKey = new kms.Key(this, 'DataKey', {
      description: `Sello ${config.stage}: encrypts the table and the artifact bucket`,
      alias: `alias/${prefix}-data`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.secretsKey = new kms.Key(this, 'SecretsKey', {
      description: `Sello ${config.stage}: envelope encryption of stored third-party credentials`,
      alias: `alias/${prefix}-secrets`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Platform signing key; tenants' own certificates are imported into per-tenant keys at runtime.
    this.signingKey = new kms.Key(this, 'SigningKey', {
      description: `Sello ${config.stage}: platform RSA signing key`,
      alias: `alias/${prefix}-signing`,
      keySpec: kms.KeySpec.RSA_2048,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // --- DynamoDB single table ------------------------------------------------------------
    const attr = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: attr(TABLE.partitionKey),
      sortKey: attr(TABLE.sortKey),
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(this.dataKey),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: TABLE.ttlAttribute,
      globalSecondaryIndexes: TABLE.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: attr(index.partitionKey),
        sortKey: attr(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      })),
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // --- S3 ----------------------------------------------------------------------------------
    // Access-log targets cannot use SSE-KMS, hence S3-managed encryption on this bucket only.
    this.accessLogBucket = new s3.Bucket(this, 'AccessLogBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      lifecycleRules: [
        // A year of access history, plus a margin for the yearly review.
        { id: 'expire-access-logs', expiration: Duration.days(400) },
        { id: 'expire-noncurrent', noncurrentVersionExpiration: Duration.days(30) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.artifactBucket = new s3.Bucket(this, 'ArtifactBucket', {
      // One data key for table and artifacts (S3 grants are confined to S3 by kms:ViaService); the
      // bucket key keeps KMS request cost flat however many invoices are written.
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.dataKey,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: 'artifacts/',
      // Governance by default: ordinary principals cannot delete or shorten a lock, yet an
      // operator holding s3:BypassGovernanceRetention can still correct a mistaken upload (e.g. a
      // wrong tenant's document). Compliance mode, irreversible even for root, is opt-in per stage.
      objectLockEnabled: true,
      objectLockDefaultRetention:
        config.objectLockMode === s3.ObjectLockMode.COMPLIANCE
          ? s3.ObjectLockRetention.compliance(years(config.objectLockYears))
          : s3.ObjectLockRetention.governance(years(config.objectLockYears)),
      lifecycleRules: [
        {
          id: 'noncurrent-versions',
          // Overwritten versions stay locked until their own retention ends; S3 lifecycle never
          // removes a locked version, so this only tidies up after the legal period.
          noncurrentVersionTransitions: [
            {
              storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL,
              transitionAfter: Duration.days(30),
            },
          ],
          noncurrentVersionExpiration: Duration.days(90),
        },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // --- SES ---------------------------------------------------------------------------------
    this.mailConfigurationSet = new ses.ConfigurationSet(this, 'MailConfigurationSet', {
      configurationSetName: prefix,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.mailIdentity = new ses.EmailIdentity(this, 'MailIdentity', {
      identity: ses.Identity.domain(config.mailDomain),
      configurationSet: this.mailConfigurationSet,
      dkimSigning: true,
    });
    // Re-creating an identity means new DKIM tokens and a fresh DNS round; keep it with the data.
    this.mailIdentity.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.mailConfigurationSet.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.mailFrom = config.mailFrom;
    this.mailIdentityArn = this.mailIdentity.emailIdentityArn;
    this.mailConfigurationSetName = this.mailConfigurationSet.configurationSetName;
    this.mailConfigurationSetArn = this.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.mailConfigurationSet.configurationSetName,
    });
    // No hosted zone is managed here: publish the DKIM records wherever the domain's DNS lives.
    this.mailIdentity.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `MailDkimRecord${i + 1}`, {
        description: `CNAME to publish for SES DKIM of ${config.mailDomain}`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });

    // --- EventBridge Scheduler -----------------------------------------------------------------
    this.schedulerGroupName = prefix;
    this.schedulerGroup = new scheduler.ScheduleGroup(this, 'SchedulerGroup', {
      scheduleGroupName: this.schedulerGroupName,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.schedulerDeadLetterQueue = new sqs.Queue(this, 'SchedulerDeadLetterQueue', {
      // SQS-managed keys: the scheduler can deliver without being granted a customer key.
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.schedulerDeadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is the dead-letter queue of the scheduler targets; a DLQ of a DLQ would only ' +
        'move undelivered occurrences one hop further.',
    );

    // Post-issue work (documents, the buyer's mail, webhooks) that failed every retry is kept
    // here with its event, so an operator can replay it: nothing is lost silently.
    this.asyncFailureQueue = new sqs.Queue(this, 'AsyncFailureQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.asyncFailureQueue,
      'AwsSolutions-SQS3',
      'This queue is the on-failure destination of asynchronous invocations; a DLQ of it would ' +
        'only move failed events one hop further.',
    );

    // The role EventBridge Scheduler assumes to call targets. Invoke rights on the target
    // functions are added by the API stack, which owns them, so this stack never refers to it.
    this.schedulerRole = new iam.Role(this, 'SchedulerRole', {
      description: `Sello ${config.stage}: assumed by EventBridge Scheduler to invoke targets`,
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          // Confused-deputy guard: only schedules of our own group in our own account.
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnEquals: { 'aws:SourceArn': this.schedulerGroup.scheduleGroupArn },
        },
      }),
    });
    this.schedulerDeadLetterQueue.grantSendMessages(this.schedulerRole);

    // --- Cognito ------------------------------------------------------------------------------
    // Identities outlive deployments like the data: retained and deletion-protected.
    this.users = new UserPool(this, 'Users', { stage: config.stage });
    this.userPool = this.users.pool;
    this.userPoolClient = this.users.client;

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'ArtifactBucketName', { value: this.artifactBucket.bucketName });
  }
}

/** Whole years in days, counting leap days so the lock never ends a day early. */
const years = (n: number): Duration => Duration.days(Math.ceil(n * 365.25));
