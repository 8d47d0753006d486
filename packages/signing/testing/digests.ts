import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { SignatureAlgorithm } from '@sello/core/ports';

/** What the signer tests share: each algorithm's hash, a message, and openssl as the judge. */
export const HASH = {
  RSASSA_PKCS1_V1_5_SHA_256: 'sha256',
  RSASSA_PKCS1_V1_5_SHA_512: 'sha512',
} as const;
export const ALGORITHMS = Object.keys(HASH) as SignatureAlgorithm[];
export const MESSAGE = Buffer.from('<fe:Facturae>importe 121,00 €</fe:Facturae>', 'utf8');

export function openssl(...args: string[]) {
  const result = spawnSync('openssl', args, { encoding: 'utf8' });
  if (result.error) throw result.error;
  return result;
}

export function digestOf(algorithm: SignatureAlgorithm, message: Uint8Array): Buffer {
  return createHash(HASH[algorithm]).update(message).digest();
}
