import type { X509Certificate } from 'node:crypto';

/**
 * The leaf's issuers, nearest first, up to a self-signed root or as far as the given certificates
 * go (a PKCS#12 often carries only part of the chain).
 */
export function chainAbove(
  leaf: X509Certificate,
  certificates: X509Certificate[],
): X509Certificate[] {
  const pool = certificates.filter((c) => !c.raw.equals(leaf.raw));
  const chain: X509Certificate[] = [];
  let current = leaf;
  while (!current.checkIssued(current)) {
    const at = pool.findIndex((c) => current.checkIssued(c) && current.verify(c.publicKey));
    if (at < 0) break;
    current = pool.splice(at, 1)[0]!;
    chain.push(current);
  }
  return chain;
}
