import { randomBytes } from 'node:crypto';
import { ENV } from '@sello/contracts';
import { inject } from 'vitest';
import { trustedTestCa } from './trusted-ca.ts';

/**
 * Points the AWS SDK and our config at the shared local servers, with a table of this file's own,
 * before any handler module is imported (handlers build their clients at import, as in Lambda).
 */
const endpoints = inject('endpoints');
Object.assign(process.env, {
  AWS_REGION: 'eu-south-2',
  AWS_ACCESS_KEY_ID: 'S3RVER',
  AWS_SECRET_ACCESS_KEY: 'S3RVER',
  AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
  AWS_ENDPOINT_URL_S3: endpoints.s3,
  AWS_ENDPOINT_URL_SES: endpoints.ses,
  AWS_ENDPOINT_URL_KMS: endpoints.kms,
  AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoints.cognito,
  AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secretsManager,
  [ENV.stage]: 'test',
  [ENV.tableName]: `sello-test-${randomBytes(6).toString('hex')}`,
  [ENV.artifactBucket]: endpoints.bucket,
  [ENV.s3ForcePathStyle]: 'true',
  [ENV.mailFrom]: 'Sello <no-reply@sello.test>',
  [ENV.signingKeyId]: endpoints.signingKeyId,
  [ENV.secretsKeyId]: endpoints.signingKeyId,
  [ENV.signingCertificate]: endpoints.signingCertificate,
  // AEAT's own test NIF: records are generated and chained as in production.
  [ENV.verifactuProducerNif]: '89890001K',
  [ENV.verifactuProducerName]: 'Sello (tests)',
  [ENV.verifactuInstallation]: 'test',
  [ENV.verifactuSubmitter]: 'sandbox',
  // One user pool for the run: users are named by e-mail, so tests make addresses of their own.
  [ENV.userPoolId]: endpoints.userPoolId,
  [ENV.userPoolClientId]: endpoints.userPoolClientId,
  [ENV.userPoolIssuer]: endpoints.userPoolIssuer,
  // Certificates this test CA issues prove tax ids, as a qualified CA's do in production.
  [ENV.trustedCasPem]: trustedTestCa().pem,
  // Mexico: CFDI are stamped by the sandbox PAC through the SW Sapien adapter.
  [ENV.pac]: 'sw-sapien',
  [ENV.pacUrl]: endpoints.pacUrl,
  [ENV.pacCredentialsSecret]: endpoints.pacCredentialsSecret,
  // Public administrations: invoices are forwarded to the FACe fake.
  [ENV.faceUrl]: endpoints.faceUrl,
  // Connectors: the insurer platform is its local fake.
  [ENV.insurerPlatformUrl]: endpoints.insurerPlatformUrl,
});
delete process.env.AWS_PROFILE;

const { dynamoClient } = await import('@sello/app/platform');
const { ensureTable } = await import('../../packages/local/src/table.ts');
await ensureTable(dynamoClient(), process.env[ENV.tableName]!);
