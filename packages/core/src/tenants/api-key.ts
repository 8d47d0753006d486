import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SECRET_LENGTH = 40; // 40 base62 chars ≈ 238 bits

/**
 * A new API key secret, `sello_<40 base62>`. The prefix makes leaked keys easy to spot by secret
 * scanners; rejection sampling keeps every character uniformly distributed.
 */
export function generateApiKeySecret(): string {
  let out = '';
  while (out.length < SECRET_LENGTH) {
    for (const byte of randomBytes(64)) {
      if (byte < 248 && out.length < SECRET_LENGTH) out += ALPHABET[byte % 62];
    }
  }
  return `sello_${out}`;
}

/**
 * Keys are long random secrets, so a fast hash is enough (no brute force is feasible) and lets
 * every request find its key with one lookup by hash instead of comparing secrets.
 */
export const hashApiKey = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('hex');

/** Shown in lists so a person can tell keys apart without the secret. */
export const apiKeyPrefix = (secret: string): string => secret.slice(0, 10);

export const looksLikeApiKey = (value: string): boolean => /^sello_[0-9A-Za-z]{40}$/.test(value);
