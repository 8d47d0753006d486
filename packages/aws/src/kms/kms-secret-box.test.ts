import { randomBytes } from 'node:crypto';
import {
  DecryptCommand,
  type DecryptCommandInput,
  GenerateDataKeyCommand,
  type GenerateDataKeyCommandInput,
  InvalidCiphertextException,
  KMSClient,
} from '@aws-sdk/client-kms';
import type { SealedSecret } from '@sello/core/ports';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { KmsSecretBox } from './kms-secret-box.ts';

const KEY_ID = 'alias/sello-secrets';
const KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/0f0e0d0c-1234-5678-9abc-def012345678';
const CONTEXT = { tenantId: 'ten_01', purpose: 'verifactu-credentials' };

function canonical(context: Record<string, string> | undefined): string {
  return JSON.stringify(Object.entries(context ?? {}).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Stand-in for KMS: the "wrapped" key is a readable JSON record of the key and its context, and
 * Decrypt refuses a different key or context with InvalidCiphertextException, as KMS does.
 * `issued` keeps every plaintext key handed out so tests can check they were zeroed.
 */
function fakeKms(options: { ignoreContextOnDecrypt?: boolean } = {}) {
  const issued: Uint8Array[] = [];
  const invalid = () =>
    new InvalidCiphertextException({ $metadata: {}, message: 'invalid ciphertext' });
  kms.on(GenerateDataKeyCommand).callsFake((input: GenerateDataKeyCommandInput) => {
    const key = new Uint8Array(randomBytes(32));
    issued.push(key);
    const blob = JSON.stringify({
      keyArn: KEY_ARN,
      context: canonical(input.EncryptionContext),
      key: Buffer.from(key).toString('hex'),
    });
    return {
      KeyId: KEY_ARN,
      Plaintext: key,
      CiphertextBlob: new Uint8Array(Buffer.from(blob, 'utf8')),
    };
  });
  kms.on(DecryptCommand).callsFake((input: DecryptCommandInput) => {
    let record: { keyArn: string; context: string; key: string };
    try {
      record = JSON.parse(Buffer.from(input.CiphertextBlob ?? []).toString('utf8'));
    } catch {
      throw invalid();
    }
    if (input.KeyId !== undefined && input.KeyId !== record.keyArn) throw invalid();
    if (!options.ignoreContextOnDecrypt && canonical(input.EncryptionContext) !== record.context) {
      throw invalid();
    }
    const key = new Uint8Array(Buffer.from(record.key, 'hex'));
    issued.push(key);
    return { KeyId: record.keyArn, Plaintext: key, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
  });
  return { issued };
}

/** Flips one bit of a base64 field. */
function flip(field: string, byte = 0): string {
  const bytes = Buffer.from(field, 'base64');
  bytes[byte]! ^= 0x01;
  return bytes.toString('base64');
}

const kms = mockClient(KMSClient);
const client = new KMSClient({ region: 'eu-west-1' });
const box = new KmsSecretBox(client, KEY_ID);

beforeEach(() => {
  kms.reset();
});

afterAll(() => {
  kms.restore();
});

describe('KmsSecretBox', () => {
  it('asks KMS for an AES-256 data key bound to the context', async () => {
    fakeKms();

    await box.seal('s3cret', CONTEXT);

    const calls = kms.commandCalls(GenerateDataKeyCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      KeyId: KEY_ID,
      KeySpec: 'AES_256',
      EncryptionContext: CONTEXT,
    });
    expect(kms.calls()).toHaveLength(1);
  });

  it('seals into the v1 shape with the key ARN and nothing readable', async () => {
    fakeKms();

    const sealed = await box.seal('s3cret-password', CONTEXT);

    expect(Object.keys(sealed).sort()).toEqual(
      ['ciphertext', 'encryptedKey', 'iv', 'keyId', 'tag', 'v'].sort(),
    );
    expect(sealed.v).toBe(1);
    expect(sealed.keyId).toBe(KEY_ARN);
    expect(Buffer.from(sealed.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(sealed.tag, 'base64')).toHaveLength(16);
    expect(Buffer.from(sealed.ciphertext, 'base64')).toHaveLength('s3cret-password'.length);
    expect(JSON.stringify(sealed)).not.toContain('s3cret');
    expect(Buffer.from(sealed.ciphertext, 'base64').toString('utf8')).not.toContain('s3cret');
  });

  it('opens with Decrypt under the same key and context', async () => {
    fakeKms();
    const sealed = await box.seal('s3cret', CONTEXT);

    expect(await box.open(sealed, CONTEXT)).toBe('s3cret');

    const calls = kms.commandCalls(DecryptCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      KeyId: KEY_ARN,
      CiphertextBlob: Buffer.from(sealed.encryptedKey, 'base64'),
      EncryptionContext: CONTEXT,
    });
  });

  it.each([
    ['empty', ''],
    ['unicode', 'contraseña ✓ 🔑'],
    ['long', 'x'.repeat(100_000)],
  ])('round-trips a %s secret', async (_name, plaintext) => {
    fakeKms();

    expect(await box.open(await box.seal(plaintext, CONTEXT), CONTEXT)).toBe(plaintext);
  });

  it('does not care about the order of context keys', async () => {
    fakeKms();
    const sealed = await box.seal('s3cret', { a: '1', b: '2' });

    expect(await box.open(sealed, { b: '2', a: '1' })).toBe('s3cret');
  });

  it('uses a fresh data key and nonce for every secret', async () => {
    fakeKms();

    const one = await box.seal('same', CONTEXT);
    const two = await box.seal('same', CONTEXT);

    expect(one.encryptedKey).not.toBe(two.encryptedKey);
    expect(one.iv).not.toBe(two.iv);
    expect(one.ciphertext).not.toBe(two.ciphertext);
  });

  it('zeroes the plaintext data keys after sealing and opening', async () => {
    const { issued } = fakeKms();

    await box.open(await box.seal('s3cret', CONTEXT), CONTEXT);

    expect(issued).toHaveLength(2);
    for (const key of issued) expect(key).toEqual(new Uint8Array(32));
  });

  it.each([
    ['ciphertext', (s: SealedSecret) => ({ ...s, ciphertext: flip(s.ciphertext, 3) })],
    ['tag', (s: SealedSecret) => ({ ...s, tag: flip(s.tag, 15) })],
    ['truncated tag', (s: SealedSecret) => ({ ...s, tag: s.tag.slice(0, 12) })],
    ['iv', (s: SealedSecret) => ({ ...s, iv: flip(s.iv) })],
  ])('refuses a secret with a tampered %s', async (_name, tamper) => {
    const { issued } = fakeKms();
    const sealed = await box.seal('s3cret', CONTEXT);

    await expect(box.open(tamper(sealed), CONTEXT)).rejects.toThrow(
      'Sealed secret could not be opened',
    );
    // The unwrapped key is wiped on the failure path too.
    for (const key of issued) expect(key).toEqual(new Uint8Array(32));
  });

  it('refuses a secret whose wrapped key was tampered with', async () => {
    fakeKms();
    const sealed = await box.seal('s3cret', CONTEXT);

    await expect(
      box.open({ ...sealed, encryptedKey: flip(sealed.encryptedKey, 2) }, CONTEXT),
    ).rejects.toThrow('Sealed secret could not be opened');
  });

  it('refuses a secret copied to another tenant', async () => {
    fakeKms();
    const sealed = await box.seal('s3cret', CONTEXT);

    await expect(box.open(sealed, { ...CONTEXT, tenantId: 'ten_02' })).rejects.toThrow(
      'Sealed secret could not be opened',
    );
    await expect(box.open(sealed, { tenantId: 'ten_01' })).rejects.toThrow(
      'Sealed secret could not be opened',
    );
  });

  it('still refuses another context when only the AES-GCM data binds it', async () => {
    // A KMS that ignored the context would unwrap the key; the AAD check must catch it alone.
    fakeKms({ ignoreContextOnDecrypt: true });
    const sealed = await box.seal('s3cret', CONTEXT);

    await expect(box.open(sealed, { ...CONTEXT, tenantId: 'ten_02' })).rejects.toThrow(
      'Sealed secret could not be opened',
    );
    expect(await box.open(sealed, CONTEXT)).toBe('s3cret');
  });

  it('passes through KMS errors that are not about the secret', async () => {
    fakeKms();
    const sealed = await box.seal('s3cret', CONTEXT);
    const throttled = Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
    kms.on(DecryptCommand).rejects(throttled);

    await expect(box.open(sealed, CONTEXT)).rejects.toBe(throttled);
  });

  it('refuses an empty or malformed context without calling KMS', async () => {
    fakeKms();
    const sealed = await box.seal('s3cret', CONTEXT);
    kms.resetHistory();

    await expect(box.seal('s3cret', {})).rejects.toThrow('at least one entry');
    await expect(box.open(sealed, {})).rejects.toThrow('at least one entry');
    await expect(
      box.seal('s3cret', { tenantId: 42 } as unknown as Record<string, string>),
    ).rejects.toThrow('must be a string');
    expect(kms.calls()).toHaveLength(0);
  });

  it('refuses an unknown format version without calling KMS', async () => {
    fakeKms();
    const sealed = await box.seal('s3cret', CONTEXT);
    kms.resetHistory();

    await expect(box.open({ ...sealed, v: 2 } as unknown as SealedSecret, CONTEXT)).rejects.toThrow(
      'Unsupported sealed secret version 2',
    );
    expect(kms.calls()).toHaveLength(0);
  });

  it('fails clearly when KMS returns no data key', async () => {
    kms.on(GenerateDataKeyCommand).resolves({ KeyId: KEY_ARN });

    await expect(box.seal('s3cret', CONTEXT)).rejects.toThrow('returned no usable data key');
  });
});
