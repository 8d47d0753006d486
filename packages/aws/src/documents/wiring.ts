import { ENV } from '@sello/contracts';
import { ForbiddenError, type InvoiceRenderer } from '@sello/core';
import { kmsClient, s3Client, sesClient } from '../clients.ts';
import { artifactBucket, optionalEnv, requireEnv } from '../config.ts';
import { repositories } from '../dynamo/repositories.ts';
import { verifactuConfig } from '../dynamo/wiring.ts';
import { KmsSigner } from '../kms/kms-signer.ts';
import { S3ArtifactStore } from '../s3/artifact-store.ts';
import { SesMailer } from '../ses/ses-mailer.ts';
import { type RenderingIdentity, SignedInvoiceRenderer } from './invoice-renderer.ts';

/**
 * The platform's default identity (the local signer; a test stage), for tenants that have not
 * uploaded their own certificate. In a stage without one, issuing is refused until the tenant
 * uploads theirs, rather than signed by someone else.
 */
function defaultIdentity(): RenderingIdentity {
  const keyId = optionalEnv(ENV.signingKeyId);
  const certificatePem = optionalEnv(ENV.signingCertificate);
  if (!keyId || !certificatePem) {
    throw new ForbiddenError('No signing certificate is configured for this tenant');
  }
  return { keyId, certificatePem, algorithm: 'RSASSA_PKCS1_V1_5_SHA_256' };
}

/**
 * The tenant's uploaded certificate and KMS key, else the platform default. Read on every render
 * (one GetItem) so a new upload signs the very next invoice in every container.
 */
async function identityOf(tenantId: string): Promise<RenderingIdentity> {
  return (await repositories().signingIdentities.get(tenantId)) ?? defaultIdentity();
}

let built: { artifacts: S3ArtifactStore; renderer: InvoiceRenderer } | undefined;

/** Document store and renderer over S3 and KMS, built once per container. */
export function documentServices() {
  built ??= {
    artifacts: new S3ArtifactStore(s3Client(), artifactBucket()),
    renderer: new SignedInvoiceRenderer(new KmsSigner(kmsClient()), identityOf, verifactuConfig()),
  };
  return built;
}

let mailerBuilt: SesMailer | undefined;

export function mailer() {
  const configurationSet = optionalEnv(ENV.mailConfigurationSet);
  mailerBuilt ??= new SesMailer(sesClient(), requireEnv(ENV.mailFrom), configurationSet);
  return mailerBuilt;
}
