import { spawnSync } from 'node:child_process';
import { constants, createDecipheriv, generateKeyPairSync, privateDecrypt } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateKeyCommand,
  type CreateKeyCommandInput,
  GetParametersForImportCommand,
  type GetParametersForImportCommandInput,
  ImportKeyMaterialCommand,
  type ImportKeyMaterialCommandInput,
  KMSClient,
  NotFoundException,
} from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { KmsKeyImporter, wrapKeyMaterial } from './key-importer.ts';

const KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/5a1e0000-1234-4abc-9def-0123456789ab';
const TOKEN = new Uint8Array(Buffer.from('import-token-from-kms'));

// The wrapping key pair KMS would keep on its side; the test plays KMS and unwraps for real.
const wrapping = generateKeyPairSync('rsa', { modulusLength: 4096 });
const wrappingSpki = new Uint8Array(wrapping.publicKey.export({ format: 'der', type: 'spki' }));

// The tenant's key being imported.
const tenantKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const pkcs8 = new Uint8Array(tenantKey.export({ format: 'der', type: 'pkcs8' }));

/** Undoes RSA_AES_KEY_WRAP_SHA_256 as KMS does: RSA-OAEP-SHA256(AES key) || KWP(material). */
function unwrap(material: Uint8Array): Buffer {
  const bytes = Buffer.from(material);
  const aesKey = privateDecrypt(
    { key: wrapping.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    bytes.subarray(0, 512),
  );
  const kwp = createDecipheriv('id-aes256-wrap-pad', aesKey, Buffer.from('A65959A6', 'hex'));
  return Buffer.concat([kwp.update(bytes.subarray(512)), kwp.final()]);
}

const kms = mockClient(KMSClient);
const client = new KMSClient({ region: 'eu-west-1' });

/** A fake KMS that checks the import token and keeps what it unwrapped. */
function fakeKms() {
  const imported: Buffer[] = [];
  kms.on(CreateKeyCommand).callsFake((input: CreateKeyCommandInput) => ({
    KeyMetadata: {
      KeyId: KEY_ARN.split('/')[1],
      Arn: KEY_ARN,
      KeySpec: input.KeySpec,
      KeyUsage: input.KeyUsage,
      Origin: input.Origin,
      KeyState: 'PendingImport',
    },
  }));
  kms.on(GetParametersForImportCommand).callsFake((_: GetParametersForImportCommandInput) => ({
    KeyId: KEY_ARN,
    PublicKey: wrappingSpki,
    ImportToken: TOKEN,
    ParametersValidTo: new Date(Date.now() + 86_400_000),
  }));
  kms.on(ImportKeyMaterialCommand).callsFake((input: ImportKeyMaterialCommandInput) => {
    if (Buffer.compare(Buffer.from(input.ImportToken!), Buffer.from(TOKEN)) !== 0) {
      throw new Error('wrong import token');
    }
    imported.push(unwrap(input.EncryptedKeyMaterial!));
    return { KeyId: KEY_ARN };
  });
  return { imported };
}

const delays: number[] = [];
const importer = () =>
  new KmsKeyImporter(client, {
    stage: 'test',
    sleep: async (ms) => {
      delays.push(ms);
    },
  });

beforeEach(() => {
  kms.reset();
  delays.length = 0;
});

afterAll(() => {
  kms.restore();
});

describe('KmsKeyImporter', () => {
  it('creates an EXTERNAL signing key, imports the wrapped key and answers the key ARN', async () => {
    const { imported } = fakeKms();

    const out = await importer().importRsaKey('ten_01abc', pkcs8, 'RSA_2048');

    expect(out).toEqual({ keyId: KEY_ARN });
    expect(kms.commandCalls(CreateKeyCommand).map((c) => c.args[0].input)).toEqual([
      {
        KeySpec: 'RSA_2048',
        KeyUsage: 'SIGN_VERIFY',
        Origin: 'EXTERNAL',
        Description: 'Sello test: invoice signing key of tenant ten_01abc',
        Tags: [
          { TagKey: 'sello:tenant', TagValue: 'ten_01abc' },
          { TagKey: 'sello:stage', TagValue: 'test' },
        ],
      },
    ]);
    expect(kms.commandCalls(GetParametersForImportCommand).map((c) => c.args[0].input)).toEqual([
      {
        KeyId: KEY_ARN,
        WrappingAlgorithm: 'RSA_AES_KEY_WRAP_SHA_256',
        WrappingKeySpec: 'RSA_4096',
      },
    ]);
    const imports = kms.commandCalls(ImportKeyMaterialCommand).map((c) => c.args[0].input);
    expect(imports).toEqual([
      {
        KeyId: KEY_ARN,
        ImportToken: TOKEN,
        EncryptedKeyMaterial: expect.any(Uint8Array),
        ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      },
    ]);
    // What KMS unwraps is exactly the tenant's PKCS#8 key.
    expect(imported).toHaveLength(1);
    expect(imported[0]!.equals(pkcs8)).toBe(true);
    expect(kms.calls()).toHaveLength(3);
  });

  it.each(['RSA_3072', 'RSA_4096'] as const)(
    'asks for a %s key when the key has that size',
    async (spec) => {
      fakeKms();

      await importer().importRsaKey('ten_01abc', pkcs8, spec);

      expect(kms.commandCalls(CreateKeyCommand)[0]!.args[0].input.KeySpec).toBe(spec);
    },
  );

  it('never sends the key in the clear', async () => {
    fakeKms();

    await importer().importRsaKey('ten_01abc', pkcs8, 'RSA_2048');

    const sent = Buffer.from(
      kms.commandCalls(ImportKeyMaterialCommand)[0]!.args[0].input.EncryptedKeyMaterial!,
    );
    // No 16-byte window of the key appears in what goes over the wire.
    for (let at = 0; at + 16 <= pkcs8.length; at += 16) {
      expect(sent.includes(Buffer.from(pkcs8.subarray(at, at + 16)))).toBe(false);
    }
  });

  it('retries GetParametersForImport while KMS does not see the new key yet', async () => {
    const { imported } = fakeKms();
    const notYet = new NotFoundException({ $metadata: {}, message: 'Key does not exist' });
    kms
      .on(GetParametersForImportCommand)
      .rejectsOnce(notYet)
      .rejectsOnce(notYet)
      .resolves({ KeyId: KEY_ARN, PublicKey: wrappingSpki, ImportToken: TOKEN });

    await importer().importRsaKey('ten_01abc', pkcs8, 'RSA_2048');

    expect(delays).toEqual([100, 250]);
    expect(kms.commandCalls(GetParametersForImportCommand)).toHaveLength(3);
    expect(imported).toHaveLength(1);
  });

  it('gives up after a few NotFound answers and imports nothing', async () => {
    fakeKms();
    kms
      .on(GetParametersForImportCommand)
      .rejects(new NotFoundException({ $metadata: {}, message: 'Key does not exist' }));

    await expect(importer().importRsaKey('ten_01abc', pkcs8, 'RSA_2048')).rejects.toThrow(
      'Key does not exist',
    );
    expect(delays).toEqual([100, 250, 500, 1000, 2000]);
    expect(kms.commandCalls(ImportKeyMaterialCommand)).toHaveLength(0);
  });

  it('does not retry other errors', async () => {
    fakeKms();
    const denied = Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' });
    kms.on(GetParametersForImportCommand).rejects(denied);

    await expect(importer().importRsaKey('ten_01abc', pkcs8, 'RSA_2048')).rejects.toBe(denied);
    expect(delays).toEqual([]);
  });

  it('fails clearly when KMS answers without what it must', async () => {
    kms.on(CreateKeyCommand).resolves({ KeyMetadata: { KeyId: 'k' } });
    await expect(importer().importRsaKey('ten_01abc', pkcs8, 'RSA_2048')).rejects.toThrow(
      'KMS CreateKey returned no key ARN',
    );

    kms.reset();
    fakeKms();
    kms.on(GetParametersForImportCommand).resolves({ KeyId: KEY_ARN });
    await expect(importer().importRsaKey('ten_01abc', pkcs8, 'RSA_2048')).rejects.toThrow(
      'returned no wrapping key',
    );
    expect(kms.commandCalls(ImportKeyMaterialCommand)).toHaveLength(0);
  });
});

describe('wrapKeyMaterial (RSA_AES_KEY_WRAP_SHA_256)', () => {
  it('is RSA-OAEP-SHA256 of a fresh AES key followed by the AES-KWP-wrapped material', () => {
    const one = wrapKeyMaterial(wrappingSpki, pkcs8);
    const two = wrapKeyMaterial(wrappingSpki, pkcs8);

    // KWP pads to 8 bytes and adds an 8-byte integrity block.
    expect(one).toHaveLength(512 + Math.ceil(pkcs8.length / 8) * 8 + 8);
    expect(unwrap(one).equals(pkcs8)).toBe(true);
    expect(unwrap(two).equals(pkcs8)).toBe(true);
    expect(one.subarray(0, 512).equals(two.subarray(0, 512))).toBe(false);
  });

  it.skipIf(spawnSync('openssl', ['version']).status !== 0)(
    'unwraps with the OpenSSL commands of the KMS guide',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'sello-wrap-'));
      const file = (name: string) => join(dir, name);
      const wrapped = wrapKeyMaterial(wrappingSpki, pkcs8);
      writeFileSync(
        file('wrapping.pem'),
        wrapping.privateKey.export({ format: 'pem', type: 'pkcs8' }),
      );
      writeFileSync(file('aes-key-wrapped.bin'), wrapped.subarray(0, 512));
      writeFileSync(file('key-material-wrapped.bin'), wrapped.subarray(512));
      const rsa = spawnSync('openssl', [
        'pkeyutl',
        '-decrypt',
        '-inkey',
        file('wrapping.pem'),
        '-in',
        file('aes-key-wrapped.bin'),
        '-out',
        file('aes-key.bin'),
        '-pkeyopt',
        'rsa_padding_mode:oaep',
        '-pkeyopt',
        'rsa_oaep_md:sha256',
        '-pkeyopt',
        'rsa_mgf1_md:sha256',
      ]);
      expect(rsa.status, rsa.stderr.toString()).toBe(0);
      const hexKey = readFileSync(file('aes-key.bin')).toString('hex');
      const kwp = spawnSync('openssl', [
        'enc',
        '-d',
        '-id-aes256-wrap-pad',
        '-K',
        hexKey,
        '-iv',
        'A65959A6',
        '-in',
        file('key-material-wrapped.bin'),
      ]);
      expect(kwp.status, kwp.stderr.toString()).toBe(0);
      expect(Buffer.from(kwp.stdout).equals(pkcs8)).toBe(true);
    },
  );
});
