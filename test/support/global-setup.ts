import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startInsurerPlatformFake } from '../../packages/local/src/connectors/insurer-platform-fake.ts';
import { startFaceFake } from '../../packages/local/src/face/index.ts';
import {
  SANDBOX_PAC_PASSWORD,
  SANDBOX_PAC_USER,
  startSandboxPacServer,
} from '../../packages/local/src/pac/index.ts';
import { startCognitoLocal } from '../../packages/local/src/services/cognito.ts';
import { startDynamoLocal } from '../../packages/local/src/services/dynamodb.ts';
import { startKmsLocal } from '../../packages/local/src/services/kms.ts';
import { startS3Local } from '../../packages/local/src/services/s3.ts';
import { startSecretsManagerLocal } from '../../packages/local/src/services/secrets-manager.ts';
import { startSesLocal } from '../../packages/local/src/services/ses.ts';
import {
  loadOrCreateLocalSecretBox,
  loadOrCreateLocalSigningIdentity,
} from '../../packages/local/src/signer/index.ts';

export const TEST_BUCKET = 'sello-test-artifacts';

declare module 'vitest' {
  export interface ProvidedContext {
    endpoints: {
      dynamodb: string;
      s3: string;
      ses: string;
      kms: string;
      bucket: string;
      signingKeyId: string;
      signingCertificate: string;
      /** cognito-local, its user pool and the portal's app client. */
      cognito: string;
      userPoolId: string;
      userPoolClientId: string;
      userPoolIssuer: string;
      /** The sandbox PAC (SW Sapien's protocol) and the Secrets Manager holding its account. */
      pacUrl: string;
      pacCredentialsSecret: string;
      secretsManager: string;
      /** The FACe fake's facturasspp2 service. */
      faceUrl: string;
      /** The fake insurer e-invoicing platform (tests add their users through its control API). */
      insurerPlatformUrl: string;
    };
  }
}

/**
 * The real local servers, started once per run (one JVM for DynamoDB Local): each test file gets
 * its own table (see per-file.ts), so files stay isolated while sharing the servers.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'sello-test-'));
  const [dynamo, s3, ses, signing, secrets, cognito] = await Promise.all([
    startDynamoLocal(),
    startS3Local({ directory: join(dir, 's3'), buckets: [TEST_BUCKET] }),
    startSesLocal({ port: 0 }),
    loadOrCreateLocalSigningIdentity(join(dir, 'signer')),
    loadOrCreateLocalSecretBox(join(dir, 'signer')),
    startCognitoLocal({ dataDir: join(dir, 'cognito') }),
  ]);
  const kms = await startKmsLocal({ signer: signing.signer, keyId: signing.keyId, secrets });
  const pacSecret = 'sello/test/pac';
  const [pac, secretsManager, face, insurer] = await Promise.all([
    startSandboxPacServer({ journalPath: join(dir, 'pac', 'stamps.jsonl') }),
    startSecretsManagerLocal({
      [pacSecret]: JSON.stringify({ user: SANDBOX_PAC_USER, password: SANDBOX_PAC_PASSWORD }),
    }),
    startFaceFake(),
    startInsurerPlatformFake(),
  ]);
  project.provide('endpoints', {
    dynamodb: dynamo.endpoint,
    s3: s3.endpoint,
    ses: ses.endpoint,
    kms: kms.endpoint,
    bucket: TEST_BUCKET,
    signingKeyId: signing.keyId,
    signingCertificate: signing.certificatePem,
    cognito: cognito.endpoint,
    userPoolId: cognito.userPoolId,
    userPoolClientId: cognito.clientId,
    userPoolIssuer: cognito.issuer,
    pacUrl: pac.url,
    pacCredentialsSecret: pacSecret,
    secretsManager: secretsManager.endpoint,
    faceUrl: face.url,
    insurerPlatformUrl: insurer.url,
  });
  return async () => {
    await Promise.all([
      dynamo.stop(),
      s3.stop(),
      ses.stop(),
      kms.stop(),
      cognito.stop(),
      pac.stop(),
      secretsManager.stop(),
      face.stop(),
      insurer.stop(),
    ]);
    rmSync(dir, { recursive: true, force: true });
  };
}
