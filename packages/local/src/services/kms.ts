import {
  constants,
  createDecipheriv,
  createPrivateKey,
  generateKeyPair,
  type KeyObject,
  privateDecrypt,
  randomBytes,
  randomUUID,
} from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SealedSecret, SecretBox, SignatureAlgorithm, Signer } from '@sello/core/ports';
import { SoftwareSigner } from '@sello/signing';
import { freePort } from './ports.ts';

class KmsError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const DIGEST_BYTES: Record<string, number> = {
  RSASSA_PKCS1_V1_5_SHA_256: 32,
  RSASSA_PKCS1_V1_5_SHA_512: 64,
};

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });

const KEY_ARN_PREFIX = 'arn:aws:kms:local:000000000000:key/';
const KEY_SPECS: Record<string, number> = { RSA_2048: 2048, RSA_3072: 3072, RSA_4096: 4096 };
const IMPORT_WRAPPING = 'RSA_AES_KEY_WRAP_SHA_256';
/** RFC 5649 alternative initial value (AES Key Wrap with Padding). */
const KWP_IV = Buffer.from('A65959A6', 'hex');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A key made by CreateKey (Origin EXTERNAL): pending until its material is imported. */
interface ImportedKey {
  id: string;
  keySpec: string;
  description: string;
  createdAt: Date;
  importToken?: string;
  signer?: SoftwareSigner;
}

/**
 * A KMS endpoint for the local platform: the real `KMSClient` talks to it (JSON protocol,
 * `X-Amz-Target: TrentService.*`), so functions sign and seal through exactly the code they run in
 * AWS. Backed by the local software key and secret box; it answers the subset Sello uses (Sign in
 * DIGEST mode, GetPublicKey, GenerateDataKey, Decrypt) and KMS's errors for the rest.
 *
 * It also imports tenants' keys as KMS does (CreateKey with Origin EXTERNAL, GetParametersForImport,
 * ImportKeyMaterial with RSA_AES_KEY_WRAP_SHA_256) and signs with them. Imported keys are kept in
 * memory and, given `keysDir`, as PKCS#8 files there so `npm start` keeps them across restarts.
 */
export async function startKmsLocal(options: {
  signer: Signer;
  keyId: string;
  secrets: SecretBox;
  port?: number;
  /** Where imported keys persist (unencrypted: local development only). */
  keysDir?: string;
}) {
  const keyArn = `${KEY_ARN_PREFIX}${options.keyId}`;
  const isDefaultKey = (id: unknown) =>
    id === options.keyId || id === keyArn || id === `alias/${options.keyId}`;
  const knownKey = (id: unknown) => {
    if (!isDefaultKey(id)) {
      throw new KmsError('NotFoundException', `Key '${String(id)}' does not exist`);
    }
  };

  const imported = new Map<string, ImportedKey>();
  if (options.keysDir) {
    mkdirSync(options.keysDir, { recursive: true });
    for (const file of readdirSync(options.keysDir)) {
      const id = file.replace(/\.pem$/, '');
      if (!file.endsWith('.pem') || !UUID.test(id)) continue;
      const key = createPrivateKey(readFileSync(join(options.keysDir, file)));
      imported.set(id, {
        id,
        keySpec: `RSA_${key.asymmetricKeyDetails?.modulusLength}`,
        description: '',
        createdAt: new Date(),
        signer: new SoftwareSigner(key, id),
      });
    }
  }
  const importedKey = (id: unknown): ImportedKey => {
    const bare = typeof id === 'string' ? id.replace(KEY_ARN_PREFIX, '') : '';
    const key = imported.get(bare);
    if (!key) throw new KmsError('NotFoundException', `Key '${String(id)}' does not exist`);
    return key;
  };
  const usableKey = (id: unknown): SoftwareSigner => {
    const key = importedKey(id);
    if (!key.signer) {
      throw new KmsError(
        'KMSInvalidStateException',
        `${KEY_ARN_PREFIX}${key.id} is pending import.`,
      );
    }
    return key.signer;
  };

  // One RSA-4096 wrapping key per server, made on first use (it takes a moment to generate).
  let wrappingKey: Promise<{ publicKey: KeyObject; privateKey: KeyObject }> | undefined;
  const wrapping = () => {
    wrappingKey ??= promisify(generateKeyPair)('rsa', { modulusLength: 4096 });
    return wrappingKey;
  };

  const operations: Record<string, (input: Record<string, unknown>) => Promise<object>> = {
    async CreateKey(input) {
      const keySpec = String(input.KeySpec ?? 'SYMMETRIC_DEFAULT');
      if (input.Origin !== 'EXTERNAL' || input.KeyUsage !== 'SIGN_VERIFY' || !KEY_SPECS[keySpec]) {
        throw new KmsError(
          'UnsupportedOperationException',
          'The local KMS creates only RSA SIGN_VERIFY keys with Origin EXTERNAL',
        );
      }
      const key: ImportedKey = {
        id: randomUUID(),
        keySpec,
        description: String(input.Description ?? ''),
        createdAt: new Date(),
      };
      imported.set(key.id, key);
      return { KeyMetadata: metadata(key) };
    },
    async GetParametersForImport(input) {
      const key = importedKey(input.KeyId);
      if (key.signer) {
        throw new KmsError('KMSInvalidStateException', 'The key material is already imported');
      }
      if (input.WrappingAlgorithm !== IMPORT_WRAPPING || input.WrappingKeySpec !== 'RSA_4096') {
        throw new KmsError(
          'UnsupportedOperationException',
          `The local KMS wraps with ${IMPORT_WRAPPING} and an RSA_4096 key only`,
        );
      }
      key.importToken = randomBytes(32).toString('base64');
      const { publicKey } = await wrapping();
      return {
        KeyId: `${KEY_ARN_PREFIX}${key.id}`,
        ImportToken: key.importToken,
        PublicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
        ParametersValidTo: Math.floor(Date.now() / 1000) + 86_400,
      };
    },
    async ImportKeyMaterial(input) {
      const key = importedKey(input.KeyId);
      if (!key.importToken || input.ImportToken !== key.importToken) {
        throw new KmsError('InvalidImportTokenException', 'The import token is not for this key');
      }
      if (input.ExpirationModel !== 'KEY_MATERIAL_DOES_NOT_EXPIRE') {
        throw new KmsError(
          'ValidationException',
          'Asymmetric key material must use ExpirationModel KEY_MATERIAL_DOES_NOT_EXPIRE',
        );
      }
      const pkcs8 = unwrapKeyMaterial(
        (await wrapping()).privateKey,
        Buffer.from(String(input.EncryptedKeyMaterial ?? ''), 'base64'),
      );
      let privateKey: KeyObject;
      try {
        privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
      } catch {
        throw new KmsError('IncorrectKeyMaterialException', 'The key material is not a PKCS#8 key');
      } finally {
        pkcs8.fill(0);
      }
      if (
        privateKey.asymmetricKeyType !== 'rsa' ||
        privateKey.asymmetricKeyDetails?.modulusLength !== KEY_SPECS[key.keySpec]
      ) {
        throw new KmsError(
          'IncorrectKeyMaterialException',
          `The key material is not an ${key.keySpec} private key`,
        );
      }
      if (options.keysDir) {
        writeFileSync(
          join(options.keysDir, `${key.id}.pem`),
          privateKey.export({ format: 'pem', type: 'pkcs8' }),
          { mode: 0o600 },
        );
      }
      key.signer = new SoftwareSigner(privateKey, key.id);
      delete key.importToken;
      return { KeyId: `${KEY_ARN_PREFIX}${key.id}` };
    },
    async Sign(input) {
      const imported = isDefaultKey(input.KeyId) ? undefined : usableKey(input.KeyId);
      const algorithm = input.SigningAlgorithm as SignatureAlgorithm;
      const digest = Buffer.from(String(input.Message ?? ''), 'base64');
      if (input.MessageType !== 'DIGEST') {
        throw new KmsError(
          'ValidationException',
          'The local KMS signs digests only (MessageType DIGEST)',
        );
      }
      if (DIGEST_BYTES[algorithm] !== digest.length) {
        throw new KmsError(
          'ValidationException',
          `Digest length ${digest.length} does not match ${algorithm}`,
        );
      }
      const signature = imported
        ? await imported.signDigest(imported.keyId, digest, algorithm)
        : await options.signer.signDigest(options.keyId, digest, algorithm);
      return {
        KeyId: imported ? `${KEY_ARN_PREFIX}${imported.keyId}` : keyArn,
        Signature: Buffer.from(signature).toString('base64'),
        SigningAlgorithm: algorithm,
      };
    },
    async GetPublicKey(input) {
      if (!isDefaultKey(input.KeyId)) {
        const signer = usableKey(input.KeyId);
        const spki = await signer.publicKey(signer.keyId);
        return {
          KeyId: `${KEY_ARN_PREFIX}${signer.keyId}`,
          PublicKey: Buffer.from(spki).toString('base64'),
          KeySpec: importedKey(input.KeyId).keySpec,
          KeyUsage: 'SIGN_VERIFY',
          SigningAlgorithms: Object.keys(DIGEST_BYTES),
        };
      }
      const spki = await options.signer.publicKey(options.keyId);
      return {
        KeyId: keyArn,
        PublicKey: Buffer.from(spki).toString('base64'),
        KeySpec: 'RSA_2048',
        KeyUsage: 'SIGN_VERIFY',
        SigningAlgorithms: Object.keys(DIGEST_BYTES),
      };
    },
    async GenerateDataKey(input) {
      knownKey(input.KeyId);
      const context = (input.EncryptionContext ?? {}) as Record<string, string>;
      const plaintext = randomBytes(32);
      // The wrapped key is a sealed secret of the key bytes, bound to the same context.
      const sealed = await options.secrets.seal(plaintext.toString('base64'), context);
      return {
        KeyId: keyArn,
        Plaintext: plaintext.toString('base64'),
        CiphertextBlob: Buffer.from(JSON.stringify(sealed)).toString('base64'),
      };
    },
    async Decrypt(input) {
      if (input.KeyId !== undefined) knownKey(input.KeyId);
      const context = (input.EncryptionContext ?? {}) as Record<string, string>;
      let sealed: SealedSecret;
      try {
        sealed = JSON.parse(Buffer.from(String(input.CiphertextBlob), 'base64').toString('utf8'));
      } catch {
        throw new KmsError('InvalidCiphertextException', 'Not a ciphertext of this KMS');
      }
      const plaintext = await options.secrets.open(sealed, context).catch(() => {
        throw new KmsError(
          'InvalidCiphertextException',
          'The ciphertext or its context does not match',
        );
      });
      return { KeyId: keyArn, Plaintext: plaintext, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
    },
  };

  const metadata = (key: ImportedKey) => ({
    AWSAccountId: '000000000000',
    KeyId: key.id,
    Arn: `${KEY_ARN_PREFIX}${key.id}`,
    CreationDate: Math.floor(key.createdAt.getTime() / 1000),
    Enabled: !!key.signer,
    Description: key.description,
    KeyUsage: 'SIGN_VERIFY',
    KeyState: key.signer ? 'Enabled' : 'PendingImport',
    Origin: 'EXTERNAL',
    KeyManager: 'CUSTOMER',
    KeySpec: key.keySpec,
    CustomerMasterKeySpec: key.keySpec,
    SigningAlgorithms: Object.keys(DIGEST_BYTES),
  });

  const server = createServer(async (req, res) => {
    const target = String(req.headers['x-amz-target'] ?? '').replace(/^TrentService\./, '');
    const reply = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(body));
    };
    try {
      const operation = operations[target];
      if (!operation)
        throw new KmsError('UnsupportedOperationException', `${target} is not available locally`);
      reply(200, await operation(JSON.parse((await read(req)) || '{}')));
    } catch (e) {
      const error =
        e instanceof KmsError ? e : new KmsError('KMSInternalException', (e as Error).message);
      reply(error.type === 'KMSInternalException' ? 500 : 400, {
        __type: error.type,
        message: error.message,
      });
    }
  });
  const port = options.port ?? (await freePort());
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    keyArn,
    stop: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/**
 * Undoes RSA_AES_KEY_WRAP_SHA_256 as KMS does: the first modulus-length bytes are the AES key
 * under RSA-OAEP-SHA256, the rest is the key material under AES Key Wrap with Padding.
 */
function unwrapKeyMaterial(wrappingKey: KeyObject, material: Buffer): Buffer {
  const split = (wrappingKey.asymmetricKeyDetails?.modulusLength ?? 4096) / 8;
  try {
    const aesKey = privateDecrypt(
      { key: wrappingKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      material.subarray(0, split),
    );
    try {
      const kwp = createDecipheriv('id-aes256-wrap-pad', aesKey, KWP_IV);
      return Buffer.concat([kwp.update(material.subarray(split)), kwp.final()]);
    } finally {
      aesKey.fill(0);
    }
  } catch {
    throw new KmsError(
      'InvalidCiphertextException',
      'The key material was not wrapped with this key and algorithm',
    );
  }
}
