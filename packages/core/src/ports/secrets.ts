/**
 * A secret encrypted at rest with envelope encryption: a fresh data key encrypts the value with
 * AES-256-GCM, and the data key itself is stored only wrapped by a master key (KMS in AWS, a
 * local key file in development). Binary fields are base64.
 */
export interface SealedSecret {
  /** Format version, so the layout can change without guessing. */
  v: 1;
  /** Master key that wrapped the data key (a KMS key ARN, or `local`). */
  keyId: string;
  /** The data key, wrapped by the master key. */
  encryptedKey: string;
  /** 12-byte AES-GCM nonce. */
  iv: string;
  /** 16-byte AES-GCM authentication tag. */
  tag: string;
  ciphertext: string;
}

/**
 * Seals and opens secrets (provider credentials, API tokens) for storage.
 *
 * `context` names what the secret belongs to, e.g. `{ tenantId, purpose }`. It is bound both to
 * the wrapped key (KMS EncryptionContext) and to the ciphertext (AES-GCM additional data), so a
 * sealed secret copied to another tenant's record fails to open. It must not be empty, is not
 * secret, and must be passed again, identical, to `open` (key order does not matter).
 */
export interface SecretBox {
  seal(plaintext: string, context: Record<string, string>): Promise<SealedSecret>;
  /** Rejects if the secret was tampered with, sealed under another context, or another key. */
  open(sealed: SealedSecret, context: Record<string, string>): Promise<string>;
}
