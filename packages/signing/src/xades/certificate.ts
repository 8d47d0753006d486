import { createHash, X509Certificate } from 'node:crypto';

/** What the signature needs from the signing certificate, computed once per certificate. */
export interface CertificateInfo {
  base64: string;
  /** RFC 4514 order (most specific first), as XMLDSig's X509IssuerName expects. */
  issuerName: string;
  /** X509SerialNumber is an xs:integer: decimal, never OpenSSL's hex (Facturae-PHP quirk Q1). */
  serialDecimal: string;
  /** RSAKeyValue content, base64 of the unsigned big-endian integers. */
  modulus: string;
  exponent: string;
  digests: Map<string, string>;
}

// Callers reuse one certificate for many invoices; keying on the array avoids re-parsing it.
const cache = new WeakMap<Uint8Array, CertificateInfo>();

export function certificateInfo(der: Uint8Array): CertificateInfo {
  const cached = cache.get(der);
  if (cached) return cached;
  const certificate = new X509Certificate(der);
  const key = certificate.publicKey;
  if (key.asymmetricKeyType !== 'rsa') {
    throw new TypeError(`Facturae signing needs an RSA certificate, got ${key.asymmetricKeyType}`);
  }
  const jwk = key.export({ format: 'jwk' });
  const info: CertificateInfo = {
    base64: Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64'),
    // Node prints the issuer one RDN per line, most significant first (C=…, O=…, CN=…) with
    // RFC 2253 escaping; XMLDSig wants the reverse order joined with commas.
    issuerName: certificate.issuer.split('\n').reverse().join(','),
    serialDecimal: BigInt(`0x${certificate.serialNumber}`).toString(10),
    modulus: Buffer.from(jwk.n!, 'base64url').toString('base64'),
    exponent: Buffer.from(jwk.e!, 'base64url').toString('base64'),
    digests: new Map(),
  };
  cache.set(der, info);
  return info;
}

/** base64 of the certificate's hash, for xades:CertDigest. */
export function certificateDigest(der: Uint8Array, hash: string): string {
  const info = certificateInfo(der);
  let digest = info.digests.get(hash);
  if (digest === undefined) {
    digest = createHash(hash).update(der).digest('base64');
    info.digests.set(hash, digest);
  }
  return digest;
}

export function toPem(base64: string): string {
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
