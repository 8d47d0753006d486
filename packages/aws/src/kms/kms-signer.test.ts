import {
  constants,
  createHash,
  createPublicKey,
  generateKeyPairSync,
  privateEncrypt,
  verify,
} from 'node:crypto';
import {
  GetPublicKeyCommand,
  KMSClient,
  KMSServiceException,
  SignCommand,
  type SignCommandInput,
} from '@aws-sdk/client-kms';
import type { SignatureAlgorithm } from '@sello/core/ports';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { KmsSigner } from './kms-signer.ts';

const KEY_ID = 'alias/invoice-signing';
const KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

// One software key stands in for the KMS key in every test.
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const spki = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));

// DER DigestInfo headers (RFC 8017 §9.2 notes) that KMS puts in front of a DIGEST-mode message.
const DIGEST_INFO: Record<SignatureAlgorithm, Buffer> = {
  RSASSA_PKCS1_V1_5_SHA_256: Buffer.from('3031300d060960864801650304020105000420', 'hex'),
  RSASSA_PKCS1_V1_5_SHA_512: Buffer.from('3051300d060960864801650304020305000440', 'hex'),
};
const HASH: Record<SignatureAlgorithm, string> = {
  RSASSA_PKCS1_V1_5_SHA_256: 'sha256',
  RSASSA_PKCS1_V1_5_SHA_512: 'sha512',
};

/** What KMS does for `MessageType: DIGEST`: PKCS#1 v1.5 encoding of the given digest, no hashing. */
function fakeKmsSign(input: SignCommandInput) {
  if (input.MessageType !== 'DIGEST' || !input.Message || !input.SigningAlgorithm) {
    throw new Error('fake KMS only does DIGEST mode');
  }
  const algorithm = input.SigningAlgorithm as SignatureAlgorithm;
  const signature = privateEncrypt(
    { key: privateKey, padding: constants.RSA_PKCS1_PADDING },
    Buffer.concat([DIGEST_INFO[algorithm], input.Message]),
  );
  return { KeyId: KEY_ARN, Signature: new Uint8Array(signature), SigningAlgorithm: algorithm };
}

const kms = mockClient(KMSClient);
const client = new KMSClient({ region: 'eu-west-1' });

beforeEach(() => {
  kms.reset();
});

afterAll(() => {
  kms.restore();
});

describe('KmsSigner.signDigest', () => {
  it('sends the digest to KMS Sign in DIGEST mode and returns the signature', async () => {
    const signature = new Uint8Array(256).fill(7);
    kms.on(SignCommand).resolves({ KeyId: KEY_ARN, Signature: signature });
    const digest = createHash('sha256').update('factura').digest();

    const out = await new KmsSigner(client).signDigest(KEY_ID, digest, 'RSASSA_PKCS1_V1_5_SHA_256');

    expect(out).toEqual(signature);
    const calls = kms.commandCalls(SignCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      KeyId: KEY_ID,
      Message: digest,
      MessageType: 'DIGEST',
      SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256',
    });
    expect(kms.calls()).toHaveLength(1);
  });

  it.each(['RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_512'] as const)(
    'returns a %s signature that verifies over the original message',
    async (algorithm) => {
      kms.on(SignCommand).callsFake(fakeKmsSign);
      kms.on(GetPublicKeyCommand).resolves({
        KeyId: KEY_ARN,
        PublicKey: spki,
        KeySpec: 'RSA_2048',
        KeyUsage: 'SIGN_VERIFY',
      });
      const signer = new KmsSigner(client);
      const message = Buffer.from('<Facturae>…</Facturae>', 'utf8');
      const digest = createHash(HASH[algorithm]).update(message).digest();

      const signature = await signer.signDigest(KEY_ID, digest, algorithm);
      const key = createPublicKey({
        key: Buffer.from(await signer.publicKey(KEY_ID)),
        format: 'der',
        type: 'spki',
      });

      expect(signature).toHaveLength(256);
      expect(verify(HASH[algorithm], message, key, signature)).toBe(true);
      expect(verify(HASH[algorithm], Buffer.from('other'), key, signature)).toBe(false);
      expect(kms.commandCalls(SignCommand)[0]!.args[0].input.SigningAlgorithm).toBe(algorithm);
    },
  );

  it.each([
    ['RSASSA_PKCS1_V1_5_SHA_256', 0],
    ['RSASSA_PKCS1_V1_5_SHA_256', 20],
    ['RSASSA_PKCS1_V1_5_SHA_256', 64],
    ['RSASSA_PKCS1_V1_5_SHA_512', 32],
    ['RSASSA_PKCS1_V1_5_SHA_512', 1024],
  ] as const)('rejects a %s digest of %i bytes without calling KMS', async (algorithm, length) => {
    kms.on(SignCommand).callsFake(fakeKmsSign);

    await expect(
      new KmsSigner(client).signDigest(KEY_ID, new Uint8Array(length), algorithm),
    ).rejects.toThrow(
      new RangeError(
        `${algorithm} needs a ${algorithm.endsWith('256') ? 32 : 64}-byte digest, got ${length} bytes`,
      ),
    );
    expect(kms.calls()).toHaveLength(0);
  });

  it('rejects an unknown algorithm without calling KMS', async () => {
    await expect(
      new KmsSigner(client).signDigest(
        KEY_ID,
        new Uint8Array(32),
        'RSASSA_PSS_SHA_256' as SignatureAlgorithm,
      ),
    ).rejects.toThrow(RangeError);
    expect(kms.calls()).toHaveLength(0);
  });

  it('fails clearly when KMS returns no signature', async () => {
    kms.on(SignCommand).resolves({ KeyId: KEY_ARN });

    await expect(
      new KmsSigner(client).signDigest(KEY_ID, new Uint8Array(32), 'RSASSA_PKCS1_V1_5_SHA_256'),
    ).rejects.toThrow(`KMS Sign for ${KEY_ID} returned no signature`);
  });

  it('passes KMS errors through', async () => {
    const denied = new KMSServiceException({
      name: 'AccessDeniedException',
      $fault: 'client',
      $metadata: {},
      message: 'not allowed',
    });
    kms.on(SignCommand).rejects(denied);

    await expect(
      new KmsSigner(client).signDigest(KEY_ID, new Uint8Array(32), 'RSASSA_PKCS1_V1_5_SHA_256'),
    ).rejects.toBe(denied);
  });
});

describe('KmsSigner.publicKey', () => {
  it('asks GetPublicKey once per key id and serves later calls from the cache', async () => {
    kms.on(GetPublicKeyCommand).resolves({ PublicKey: spki, KeyUsage: 'SIGN_VERIFY' });
    const signer = new KmsSigner(client);

    const [a, b] = await Promise.all([signer.publicKey(KEY_ID), signer.publicKey(KEY_ID)]);
    const c = await signer.publicKey(KEY_ID);
    await signer.publicKey('alias/other');

    expect(a).toEqual(spki);
    expect(b).toEqual(spki);
    expect(c).toEqual(spki);
    const calls = kms.commandCalls(GetPublicKeyCommand);
    expect(calls.map((call) => call.args[0].input)).toEqual([
      { KeyId: KEY_ID },
      { KeyId: 'alias/other' },
    ]);
  });

  it('hands out copies, so a caller cannot corrupt the cached key', async () => {
    kms.on(GetPublicKeyCommand).resolves({ PublicKey: spki.slice(), KeyUsage: 'SIGN_VERIFY' });
    const signer = new KmsSigner(client);

    (await signer.publicKey(KEY_ID)).fill(0);

    expect(await signer.publicKey(KEY_ID)).toEqual(spki);
  });

  it('does not cache a failed lookup', async () => {
    kms
      .on(GetPublicKeyCommand)
      .rejectsOnce(new Error('throttled'))
      .resolves({ PublicKey: spki, KeyUsage: 'SIGN_VERIFY' });
    const signer = new KmsSigner(client);

    await expect(signer.publicKey(KEY_ID)).rejects.toThrow('throttled');
    expect(await signer.publicKey(KEY_ID)).toEqual(spki);
    expect(kms.commandCalls(GetPublicKeyCommand)).toHaveLength(2);
  });

  it('refuses a key that is not for signing', async () => {
    kms.on(GetPublicKeyCommand).resolves({ PublicKey: spki, KeyUsage: 'ENCRYPT_DECRYPT' });

    await expect(new KmsSigner(client).publicKey(KEY_ID)).rejects.toThrow(
      'has usage ENCRYPT_DECRYPT, expected SIGN_VERIFY',
    );
  });

  it('fails clearly when KMS returns no public key', async () => {
    kms.on(GetPublicKeyCommand).resolves({ KeyId: KEY_ARN });

    await expect(new KmsSigner(client).publicKey(KEY_ID)).rejects.toThrow(
      `KMS GetPublicKey for ${KEY_ID} returned no public key`,
    );
  });
});
