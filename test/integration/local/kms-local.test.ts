import { createHash, createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KMSClient } from '@aws-sdk/client-kms';
import { KmsSecretBox, KmsSigner } from '@sello/aws';
import { afterAll, describe, expect, it } from 'vitest';
import { startKmsLocal } from '../../../packages/local/src/services/kms.ts';
import {
  loadOrCreateLocalSecretBox,
  loadOrCreateLocalSigningIdentity,
} from '../../../packages/local/src/signer/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'sello-kms-'));
const identity = await loadOrCreateLocalSigningIdentity(dir);
const kms = await startKmsLocal({
  signer: identity.signer,
  keyId: identity.keyId,
  secrets: await loadOrCreateLocalSecretBox(dir),
});
afterAll(async () => {
  await kms.stop();
  rmSync(dir, { recursive: true, force: true });
});

// The real SDK client, as the functions build it, pointed at the local endpoint.
const client = new KMSClient({
  endpoint: kms.endpoint,
  region: 'eu-south-2',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

describe('the local KMS endpoint', () => {
  it('signs digests that verify with the public key it hands out', async () => {
    const signer = new KmsSigner(client);
    const message = Buffer.from('<fe:Facturae>…</fe:Facturae>');
    const digest = createHash('sha256').update(message).digest();
    const signature = await signer.signDigest('local', digest, 'RSASSA_PKCS1_V1_5_SHA_256');
    const publicKey = createPublicKey({
      key: Buffer.from(await signer.publicKey('local')),
      format: 'der',
      type: 'spki',
    });
    expect(verify('sha256', message, publicKey, signature)).toBe(true);
    await expect(
      signer.signDigest('other-key', digest, 'RSASSA_PKCS1_V1_5_SHA_256'),
    ).rejects.toThrow(/does not exist/);
  });

  it('wraps data keys for envelope encryption, bound to their context', async () => {
    const box = new KmsSecretBox(client, 'local');
    const sealed = await box.seal('s3cr3t-password', { tenantId: 't1' });
    expect(JSON.stringify(sealed)).not.toContain('s3cr3t');
    expect(await box.open(sealed, { tenantId: 't1' })).toBe('s3cr3t-password');
    await expect(box.open(sealed, { tenantId: 't2' })).rejects.toThrow();
  });
});
