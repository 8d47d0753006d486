import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * What each kind of secret starts with. Distinct prefixes let the auth layer tell a session from
 * an API key (`sello_`) before any lookup, and let secret scanners recognise a leaked one.
 */
export const SECRET_PREFIX = {
  session: 'sess_',
  emailKey: 'ekey_',
  issuerKey: 'ikey_',
  /** A staff member's invitation link (the staff area). */
  invitation: 'sinv_',
  /** A staff member's password-reset link (the staff area). */
  passwordReset: 'spwr_',
} as const;
export type SecretKind = keyof typeof SECRET_PREFIX;

/** Base62 characters after the prefix: 32 ≈ 190 bits for keys, 43 ≈ 256 bits for the rest. */
const LENGTH: Record<SecretKind, number> = {
  session: 43,
  emailKey: 32,
  issuerKey: 32,
  invitation: 43,
  passwordReset: 43,
};

/**
 * A new random secret of `kind`: URL-safe (letters and digits only) so it travels in links and
 * headers unescaped. Rejection sampling keeps each character uniform over the 62.
 */
export function generateSecret(kind: SecretKind): string {
  let out = '';
  while (out.length < LENGTH[kind]) {
    for (const byte of randomBytes(64)) {
      if (byte < 248 && out.length < LENGTH[kind]) out += ALPHABET[byte % 62];
    }
  }
  return SECRET_PREFIX[kind] + out;
}

/** Whether `value` has the exact shape of a secret of `kind` (checked before any lookup). */
export const looksLikeSecret = (kind: SecretKind, value: string): boolean =>
  value.length === SECRET_PREFIX[kind].length + LENGTH[kind] &&
  value.startsWith(SECRET_PREFIX[kind]) &&
  /^[0-9A-Za-z]+$/.test(value.slice(SECRET_PREFIX[kind].length));

/**
 * Secrets are long and random, so a fast hash is enough to store them (nothing to brute-force)
 * and lets a lookup find them by hash.
 */
export const hashSecret = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('hex');

/** Compares two SHA-256 hex digests in constant time. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === 32 && right.length === 32 && timingSafeEqual(left, right);
}
