import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { SealedSecret, SecretBox } from '@sello/core/ports';
import { secretContextAad } from '@sello/core/ports';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Envelope encryption with a symmetric KMS key: KMS issues and unwraps a per-secret AES-256 data
 * key, and the secret itself is encrypted locally, so secrets of any size cost one KMS call.
 */
export class KmsSecretBox implements SecretBox {
  /** `keyId` is the master key for new secrets (id, ARN or alias); opening uses each secret's. */
  constructor(
    private readonly kms: KMSClient,
    private readonly keyId: string,
  ) {}

  async seal(plaintext: string, context: Record<string, string>): Promise<SealedSecret> {
    const aad = secretContextAad(context);
    const out = await this.kms.send(
      new GenerateDataKeyCommand({
        KeyId: this.keyId,
        KeySpec: 'AES_256',
        EncryptionContext: context,
      }),
    );
    const dataKey = out.Plaintext;
    try {
      if (dataKey?.length !== 32 || !out.CiphertextBlob) {
        throw new Error(`KMS GenerateDataKey for ${this.keyId} returned no usable data key`);
      }
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(aad);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return {
        v: 1,
        // KMS answers with the key ARN; storing it keeps old secrets openable if an alias moves.
        keyId: out.KeyId ?? this.keyId,
        encryptedKey: Buffer.from(out.CiphertextBlob).toString('base64'),
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        ciphertext: ciphertext.toString('base64'),
      };
    } finally {
      // Keep the plaintext data key in memory no longer than needed.
      dataKey?.fill(0);
    }
  }

  async open(sealed: SealedSecret, context: Record<string, string>): Promise<string> {
    if (sealed.v !== 1) {
      throw new Error(`Unsupported sealed secret version ${String(sealed.v)}`);
    }
    const aad = secretContextAad(context);
    let dataKey: Uint8Array | undefined;
    try {
      const out = await this.kms.send(
        new DecryptCommand({
          // Naming the key makes KMS refuse a blob wrapped by any other key.
          KeyId: sealed.keyId,
          CiphertextBlob: Buffer.from(sealed.encryptedKey, 'base64'),
          EncryptionContext: context,
        }),
      );
      dataKey = out.Plaintext;
    } catch (error) {
      if ((error as { name?: unknown }).name === 'InvalidCiphertextException') {
        throw new Error('Sealed secret could not be opened: wrong context, key or data', {
          cause: error,
        });
      }
      // Throttling, access denied and the like are not about this secret; let them through.
      throw error;
    }
    if (dataKey?.length !== 32) {
      dataKey?.fill(0);
      throw new Error(`KMS Decrypt for ${sealed.keyId} returned no usable data key`);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(sealed.iv, 'base64'), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(aad);
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      const plaintext = Buffer.concat([
        decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
        decipher.final(),
      ]);
      return plaintext.toString('utf8');
    } catch (error) {
      throw new Error('Sealed secret could not be opened: wrong context, key or data', {
        cause: error,
      });
    } finally {
      dataKey?.fill(0);
    }
  }
}
