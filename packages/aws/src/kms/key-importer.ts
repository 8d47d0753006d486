import {
  constants,
  createCipheriv,
  createPublicKey,
  publicEncrypt,
  randomBytes,
} from 'node:crypto';
import {
  CreateKeyCommand,
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { KEY_TAGS } from '@sello/contracts';
import type { KeyImporter, RsaKeySpec } from '@sello/core/signing';

/** RFC 5649 §3 alternative initial value: AES Key Wrap with Padding. */
const KWP_IV = Buffer.from('A65959A6', 'hex');

/**
 * Wraps key material for `ImportKeyMaterial` under `RSA_AES_KEY_WRAP_SHA_256`, as the AWS KMS
 * Developer Guide specifies ("Step 3: Encrypt the key material",
 * https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-encrypt-key-material.html):
 *
 *   1. a fresh 256-bit AES key wraps the PKCS#8 DER private key with AES Key Wrap with Padding
 *      (RFC 5649; OpenSSL/Node `id-aes256-wrap-pad`, IV A65959A6);
 *   2. the AES key is encrypted with the wrapping public key from GetParametersForImport using
 *      RSAES-OAEP with SHA-256 (and MGF1-SHA-256);
 *   3. EncryptedKeyMaterial = RSA-encrypted AES key (the wrapping key's modulus length, 512 bytes
 *      for RSA_4096) || wrapped key material.
 *
 * RSA private keys can only be imported with an RSA_AES_* algorithm: they are longer than what
 * RSA-OAEP can encrypt directly.
 */
export function wrapKeyMaterial(wrappingPublicKeyDer: Uint8Array, keyMaterial: Uint8Array): Buffer {
  const aesKey = randomBytes(32);
  try {
    const kwp = createCipheriv('id-aes256-wrap-pad', aesKey, KWP_IV);
    const wrapped = Buffer.concat([kwp.update(keyMaterial), kwp.final()]);
    const encryptedAesKey = publicEncrypt(
      {
        key: createPublicKey({
          key: Buffer.from(wrappingPublicKeyDer),
          format: 'der',
          type: 'spki',
        }),
        padding: constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: 'sha256',
      },
      aesKey,
    );
    return Buffer.concat([encryptedAesKey, wrapped]);
  } finally {
    aesKey.fill(0);
  }
}

export interface KmsKeyImporterOptions {
  /** Stage name, tagged on every key so one account can hold several stages apart. */
  stage: string;
  /** Waits between retries of a call KMS answers NotFound right after CreateKey. */
  sleep?: (ms: number) => Promise<void>;
}

const RETRY_DELAYS_MS = [100, 250, 500, 1000, 2000];

/**
 * Creates one asymmetric KMS key per upload (Origin EXTERNAL, SIGN_VERIFY) and imports a tenant's
 * RSA private key into it. From then on the key is only usable through KMS Sign; it cannot be
 * exported. No alias is created: the key ARN is stored with the tenant's identity, and the tags
 * (tenant, stage) are what people and IAM find the key by.
 */
export class KmsKeyImporter implements KeyImporter {
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly kms: KMSClient,
    private readonly options: KmsKeyImporterOptions,
  ) {
    this.#sleep = options.sleep ?? ((ms) => new Promise((ok) => setTimeout(ok, ms)));
  }

  async importRsaKey(
    tenantId: string,
    pkcs8Der: Uint8Array,
    keySpec: RsaKeySpec,
  ): Promise<{ keyId: string }> {
    const created = await this.kms.send(
      new CreateKeyCommand({
        KeySpec: keySpec,
        KeyUsage: 'SIGN_VERIFY',
        Origin: 'EXTERNAL',
        Description: `Sello ${this.options.stage}: invoice signing key of tenant ${tenantId}`,
        Tags: [
          { TagKey: KEY_TAGS.tenant, TagValue: tenantId },
          { TagKey: KEY_TAGS.stage, TagValue: this.options.stage },
        ],
      }),
    );
    const keyArn = created.KeyMetadata?.Arn;
    if (!keyArn) throw new Error('KMS CreateKey returned no key ARN');

    // KMS is eventually consistent: GetParametersForImport right after CreateKey may not find the
    // new key yet (documented in "AWS KMS eventual consistency"); retry only that answer.
    const parameters = await this.#retryNotFound(() =>
      this.kms.send(
        new GetParametersForImportCommand({
          KeyId: keyArn,
          WrappingAlgorithm: 'RSA_AES_KEY_WRAP_SHA_256',
          WrappingKeySpec: 'RSA_4096',
        }),
      ),
    );
    if (!parameters.PublicKey || !parameters.ImportToken) {
      throw new Error(`KMS GetParametersForImport for ${keyArn} returned no wrapping key`);
    }

    await this.kms.send(
      new ImportKeyMaterialCommand({
        KeyId: keyArn,
        ImportToken: parameters.ImportToken,
        EncryptedKeyMaterial: wrapKeyMaterial(parameters.PublicKey, pkcs8Der),
        // Asymmetric key material cannot expire in KMS; it stays until the key is deleted.
        ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      }),
    );
    return { keyId: keyArn };
  }

  async #retryNotFound<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        const delay = RETRY_DELAYS_MS[attempt];
        if ((error as { name?: unknown }).name !== 'NotFoundException' || delay === undefined) {
          throw error;
        }
        await this.#sleep(delay);
      }
    }
  }
}
