import { constants, createPublicKey, type KeyObject, privateEncrypt } from 'node:crypto';
import type { SignatureAlgorithm, Signer } from '@sello/core/ports';

/**
 * DER DigestInfo headers (AlgorithmIdentifier + OCTET STRING header) that PKCS#1 v1.5 puts in
 * front of the digest; see RFC 8017 §9.2, note 1.
 */
const DIGEST_INFO: Record<SignatureAlgorithm, Buffer> = {
  RSASSA_PKCS1_V1_5_SHA_256: Buffer.from('3031300d060960864801650304020105000420', 'hex'),
  RSASSA_PKCS1_V1_5_SHA_512: Buffer.from('3051300d060960864801650304020305000440', 'hex'),
};
const DIGEST_BYTES: Record<SignatureAlgorithm, number> = {
  RSASSA_PKCS1_V1_5_SHA_256: 32,
  RSASSA_PKCS1_V1_5_SHA_512: 64,
};

/**
 * A `Signer` over an RSA key held in memory (node:crypto): the software stand-in for KmsSigner.
 * It signs a precomputed digest exactly as KMS does with `MessageType: DIGEST`, so for one key
 * the bytes equal `crypto.sign(hash, message, key)`.
 */
export class SoftwareSigner implements Signer {
  readonly #key: KeyObject;
  readonly #spki: Uint8Array;

  constructor(
    privateKey: KeyObject,
    readonly keyId: string,
  ) {
    if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'rsa') {
      throw new TypeError('SoftwareSigner needs an RSA private key');
    }
    this.#key = privateKey;
    this.#spki = new Uint8Array(
      createPublicKey(privateKey).export({ format: 'der', type: 'spki' }),
    );
  }

  async signDigest(
    keyId: string,
    digest: Uint8Array,
    algorithm: SignatureAlgorithm,
  ): Promise<Uint8Array> {
    this.#checkKeyId(keyId);
    const prefix = DIGEST_INFO[algorithm];
    if (prefix === undefined) {
      throw new RangeError(`Unsupported signature algorithm ${String(algorithm)}`);
    }
    if (digest.length !== DIGEST_BYTES[algorithm]) {
      throw new RangeError(
        `${algorithm} needs a ${DIGEST_BYTES[algorithm]}-byte digest, got ${digest.length} bytes`,
      );
    }
    // A private-key "encryption" with type-1 padding over DigestInfo || digest is RSASSA-PKCS1-v1_5
    // without the hashing step, which is what KMS DIGEST mode does.
    const signature = privateEncrypt(
      { key: this.#key, padding: constants.RSA_PKCS1_PADDING },
      Buffer.concat([prefix, digest]),
    );
    return new Uint8Array(signature);
  }

  async publicKey(keyId: string): Promise<Uint8Array> {
    this.#checkKeyId(keyId);
    return this.#spki.slice();
  }

  #checkKeyId(keyId: string): void {
    // Mirrors KMS NotFoundException, so a misconfigured key id fails without KMS too.
    if (keyId !== this.keyId) {
      throw new Error(`Unknown signing key ${keyId}; this signer holds only ${this.keyId}`);
    }
  }
}
