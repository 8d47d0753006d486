import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateKeyCommand,
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { KmsKeyImporter, KmsSecretBox, KmsSigner, wrapKeyMaterial } from '@sello/aws';
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

describe('the local KMS endpoint with imported keys', () => {
  const tenantKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pkcs8 = new Uint8Array(tenantKey.privateKey.export({ format: 'der', type: 'pkcs8' }));
  const keysDir = join(dir, 'imported-keys');

  const started: Array<{ stop: () => Promise<void> }> = [];
  afterAll(async () => {
    for (const server of started) await server.stop();
  });
  const serverWithKeys = async () => {
    const server = await startKmsLocal({
      signer: identity.signer,
      keyId: identity.keyId,
      secrets: await loadOrCreateLocalSecretBox(dir),
      keysDir,
    });
    started.push(server);
    return new KMSClient({
      endpoint: server.endpoint,
      region: 'eu-south-2',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  };

  const signAndVerify = async (kmsClient: KMSClient, keyId: string) => {
    const signer = new KmsSigner(kmsClient);
    const message = Buffer.from('<fe:Facturae>…</fe:Facturae>');
    const digest = createHash('sha256').update(message).digest();
    const signature = await signer.signDigest(keyId, digest, 'RSASSA_PKCS1_V1_5_SHA_256');
    return verify('sha256', message, tenantKey.publicKey, signature);
  };

  it('imports a wrapped RSA key with the real importer and signs with it, keeping the default key', async () => {
    const local = await serverWithKeys();
    const { keyId } = await new KmsKeyImporter(local, { stage: 'local' }).importRsaKey(
      'ten_local',
      pkcs8,
      'RSA_2048',
    );

    expect(keyId).toMatch(/^arn:aws:kms:local:000000000000:key\/[0-9a-f-]{36}$/);
    expect(await signAndVerify(local, keyId)).toBe(true);
    const spki = await new KmsSigner(local).publicKey(keyId);
    expect(
      Buffer.from(spki).equals(tenantKey.publicKey.export({ format: 'der', type: 'spki' })),
    ).toBe(true);
    // The platform key still signs with its own key.
    expect(await signAndVerify(local, 'local')).toBe(false);
    const digest = createHash('sha256').update('x').digest();
    await expect(
      new KmsSigner(local).signDigest('local', digest, 'RSASSA_PKCS1_V1_5_SHA_256'),
    ).resolves.toHaveLength(256);
  });

  it('keeps imported keys across a restart when given a directory', async () => {
    const first = await serverWithKeys();
    const { keyId } = await new KmsKeyImporter(first, { stage: 'local' }).importRsaKey(
      'ten_local',
      pkcs8,
      'RSA_2048',
    );

    const second = await serverWithKeys();

    expect(await signAndVerify(second, keyId)).toBe(true);
  });

  it('refuses key material that is not what the key was created for, and pending keys', async () => {
    const local = await serverWithKeys();
    const created = await local.send(
      new CreateKeyCommand({ KeySpec: 'RSA_3072', KeyUsage: 'SIGN_VERIFY', Origin: 'EXTERNAL' }),
    );
    const keyId = created.KeyMetadata!.Arn!;
    expect(created.KeyMetadata).toMatchObject({ KeyState: 'PendingImport', Origin: 'EXTERNAL' });
    await expect(signAndVerify(local, keyId)).rejects.toThrow(/pending import/);

    const params = await local.send(
      new GetParametersForImportCommand({
        KeyId: keyId,
        WrappingAlgorithm: 'RSA_AES_KEY_WRAP_SHA_256',
        WrappingKeySpec: 'RSA_4096',
      }),
    );
    const importWith = (material: Uint8Array, token = params.ImportToken!) =>
      local.send(
        new ImportKeyMaterialCommand({
          KeyId: keyId,
          ImportToken: token,
          EncryptedKeyMaterial: material,
          ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
        }),
      );
    // A 2048-bit key into an RSA_3072 key.
    await expect(importWith(wrapKeyMaterial(params.PublicKey!, pkcs8))).rejects.toThrow(
      /not an RSA_3072 private key/,
    );
    await expect(importWith(new Uint8Array(600))).rejects.toThrow(/not wrapped with this key/);
    await expect(
      importWith(wrapKeyMaterial(params.PublicKey!, pkcs8), new Uint8Array(32)),
    ).rejects.toThrow(/import token/);
  });
});
