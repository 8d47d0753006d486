import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESClient } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ENV } from '@sello/contracts';
import { optionalEnv } from './config.ts';

/**
 * One client per service per container, created on first use (so a function pays only for the
 * clients it touches). Endpoints come from the SDK's standard `AWS_ENDPOINT_URL_<SERVICE>`
 * variables, which is how the local stack points the same code at local servers. The PURE marks
 * let esbuild drop the clients a function never calls (each SDK client is 100–400 KB).
 */
const once = <T>(make: () => T) => {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
};

export const dynamoClient = /* @__PURE__ */ once(() => new DynamoDBClient({}));

export const documentClient = /* @__PURE__ */ once(() =>
  DynamoDBDocumentClient.from(dynamoClient(), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  }),
);

export const s3Client = /* @__PURE__ */ once(
  () =>
    new S3Client({
      forcePathStyle: optionalEnv(ENV.s3ForcePathStyle) === 'true',
      // WHEN_SUPPORTED would put an empty-body CRC into presigned PUT URLs (rejected by S3) and
      // corrupt streamed uploads on s3rver; we send checksums only where S3 requires them.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
);

export const sesClient = /* @__PURE__ */ once(() => new SESClient({}));
export const kmsClient = /* @__PURE__ */ once(() => new KMSClient({}));
export const schedulerClient = /* @__PURE__ */ once(() => new SchedulerClient({}));
export const cognitoClient = /* @__PURE__ */ once(() => new CognitoIdentityProviderClient({}));
