import { ENV } from '@sello/contracts';
import { ForbiddenError, type InvoiceRenderer } from '@sello/core';
import { kmsClient, s3Client, sesClient } from '../clients.ts';
import { artifactBucket, optionalEnv, requireEnv } from '../config.ts';
import { KmsSigner } from '../kms/kms-signer.ts';
import { S3ArtifactStore } from '../s3/artifact-store.ts';
import { SesMailer } from '../ses/ses-mailer.ts';
import { SignedInvoiceRenderer, type SigningIdentity } from './invoice-renderer.ts';

/**
 * The platform's default identity (the local signer; a test stage). Tenants will bring their own
 * qualified certificate, imported into a KMS key of theirs; until one is uploaded, issuing in a
 * stage without a default identity is refused rather than signed by someone else.
 */
async function defaultIdentity(): Promise<SigningIdentity> {
  const keyId = optionalEnv(ENV.signingKeyId);
  const certificatePem = optionalEnv(ENV.signingCertificate);
  if (!keyId || !certificatePem) {
    throw new ForbiddenError('No signing certificate is configured for this tenant');
  }
  return { keyId, certificatePem, algorithm: 'RSASSA_PKCS1_V1_5_SHA_256' };
}

let built: { artifacts: S3ArtifactStore; renderer: InvoiceRenderer } | undefined;

/** Document store and renderer over S3 and KMS, built once per container. */
export function documentServices() {
  built ??= {
    artifacts: new S3ArtifactStore(s3Client(), artifactBucket()),
    renderer: new SignedInvoiceRenderer(new KmsSigner(kmsClient()), defaultIdentity),
  };
  return built;
}

let mailerBuilt: SesMailer | undefined;

export function mailer() {
  const configurationSet = optionalEnv(ENV.mailConfigurationSet);
  mailerBuilt ??= new SesMailer(sesClient(), requireEnv(ENV.mailFrom), configurationSet);
  return mailerBuilt;
}
