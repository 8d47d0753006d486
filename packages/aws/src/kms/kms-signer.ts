import { GetPublicKeyCommand, type KMSClient, SignCommand } from '@aws-sdk/client-kms';
import type { SignatureAlgorithm, Signer } from '@sello/core/ports';

const DIGEST_BYTES: Record<SignatureAlgorithm, number> = {
  RSASSA_PKCS1_V1_5_SHA_256: 32,
  RSASSA_PKCS1_V1_5_SHA_512: 64,
};

/**
 * Signs precomputed digests with an asymmetric KMS key (RSA, SIGN_VERIFY); the private key never
 * leaves KMS. The result is the raw PKCS#1 v1.5 signature, byte-compatible with SoftwareSigner.
 */
export class KmsSigner implements Signer {
  // Promises rather than bytes so concurrent first calls share one GetPublicKey request.
  readonly #publicKeys = new Map<string, Promise<Uint8Array>>();

  constructor(private readonly kms: KMSClient) {}

  async signDigest(
    keyId: string,
    digest: Uint8Array,
    algorithm: SignatureAlgorithm,
  ): Promise<Uint8Array> {
    // KMS would answer a wrong length with a ValidationException; failing here is cheaper and
    // names the real mistake (usually hashing with the wrong algorithm, or not hashing at all).
    const expected = DIGEST_BYTES[algorithm];
    if (expected === undefined) {
      throw new RangeError(`Unsupported signature algorithm ${String(algorithm)}`);
    }
    if (digest.length !== expected) {
      throw new RangeError(
        `${algorithm} needs a ${expected}-byte digest, got ${digest.length} bytes`,
      );
    }
    const out = await this.kms.send(
      new SignCommand({
        KeyId: keyId,
        Message: digest,
        MessageType: 'DIGEST',
        SigningAlgorithm: algorithm,
      }),
    );
    if (!out.Signature) {
      throw new Error(`KMS Sign for ${keyId} returned no signature`);
    }
    return out.Signature;
  }

  async publicKey(keyId: string): Promise<Uint8Array> {
    // A KMS key's public key never changes, so one fetch per key id is enough for the process.
    let pending = this.#publicKeys.get(keyId);
    if (!pending) {
      const fetching = this.#fetchPublicKey(keyId);
      this.#publicKeys.set(keyId, fetching);
      // Do not cache failures: a throttled or denied call should be retried next time.
      fetching.catch(() => {
        if (this.#publicKeys.get(keyId) === fetching) this.#publicKeys.delete(keyId);
      });
      pending = fetching;
    }
    // A copy, so a caller that mutates its bytes cannot corrupt the cache.
    return (await pending).slice();
  }

  async #fetchPublicKey(keyId: string): Promise<Uint8Array> {
    const out = await this.kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
    if (!out.PublicKey) {
      throw new Error(`KMS GetPublicKey for ${keyId} returned no public key`);
    }
    if (out.KeyUsage !== undefined && out.KeyUsage !== 'SIGN_VERIFY') {
      throw new Error(`KMS key ${keyId} has usage ${out.KeyUsage}, expected SIGN_VERIFY`);
    }
    return out.PublicKey;
  }
}
