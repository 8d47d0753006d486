import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { SealedSecret, SecretBox, SignatureAlgorithm, Signer } from '@sello/core';
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

/**
 * A KMS endpoint for the local platform: the real `KMSClient` talks to it (JSON protocol,
 * `X-Amz-Target: TrentService.*`), so functions sign and seal through exactly the code they run in
 * AWS. Backed by the local software key and secret box; it answers the subset Sello uses (Sign in
 * DIGEST mode, GetPublicKey, GenerateDataKey, Decrypt) and KMS's errors for the rest.
 */
export async function startKmsLocal(options: {
  signer: Signer;
  keyId: string;
  secrets: SecretBox;
  port?: number;
}) {
  const keyArn = `arn:aws:kms:local:000000000000:key/${options.keyId}`;
  const knownKey = (id: unknown) => {
    if (id !== options.keyId && id !== keyArn && id !== `alias/${options.keyId}`) {
      throw new KmsError('NotFoundException', `Key '${String(id)}' does not exist`);
    }
  };

  const operations: Record<string, (input: Record<string, unknown>) => Promise<object>> = {
    async Sign(input) {
      knownKey(input.KeyId);
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
      const signature = await options.signer.signDigest(options.keyId, digest, algorithm);
      return {
        KeyId: keyArn,
        Signature: Buffer.from(signature).toString('base64'),
        SigningAlgorithm: algorithm,
      };
    },
    async GetPublicKey(input) {
      knownKey(input.KeyId);
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
