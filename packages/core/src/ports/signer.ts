/** Signature schemes Sello uses; names follow KMS `SigningAlgorithm`. */
export type SignatureAlgorithm = 'RSASSA_PKCS1_V1_5_SHA_256' | 'RSASSA_PKCS1_V1_5_SHA_512';

/**
 * Signs digests with a private key that never leaves the signer (KMS in AWS, a software key
 * locally). Callers hash; the signer only applies the RSA operation, as KMS `MessageType: DIGEST`.
 */
export interface Signer {
  /** Raw PKCS#1 v1.5 signature of `digest` (32 bytes for SHA-256, 64 for SHA-512). */
  signDigest(keyId: string, digest: Uint8Array, algorithm: SignatureAlgorithm): Promise<Uint8Array>;
  /** The public key as DER SubjectPublicKeyInfo. */
  publicKey(keyId: string): Promise<Uint8Array>;
}
