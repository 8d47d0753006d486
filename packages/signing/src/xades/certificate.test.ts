import { createHash, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testIdentity } from '../../testing/index.ts';
import { certificateDigest, certificateInfo, toPem } from './certificate.ts';

describe('certificateInfo', () => {
  it('gives the serial number in decimal, the issuer in RFC 4514 order and the RSA key', async () => {
    const { certificateDer, certificatePem } = await testIdentity();
    const info = certificateInfo(certificateDer);
    const x509 = new X509Certificate(certificatePem);
    expect(info.serialDecimal).toMatch(/^[1-9]\d*$/);
    expect(BigInt(info.serialDecimal)).toBe(BigInt(`0x${x509.serialNumber}`));
    // 16-byte serials are where OpenSSL-based tools switch to hex (Facturae-PHP quirk Q1).
    expect(BigInt(info.serialDecimal) > 2n ** 64n).toBe(true);
    expect(info.issuerName).toBe(
      'serialNumber=IDCES-12345678Z,CN=Sello Test\\, Firma & Sello,O=Sello Demo,C=ES',
    );
    expect(info.exponent).toBe('AQAB');
    const jwk = x509.publicKey.export({ format: 'jwk' });
    expect(Buffer.from(info.modulus, 'base64')).toEqual(Buffer.from(jwk.n!, 'base64url'));
    expect(toPem(info.base64)).toBe(certificatePem);
  });

  it('computes each certificate digest once and caches the parsed certificate', async () => {
    const { certificateDer } = await testIdentity();
    expect(certificateDigest(certificateDer, 'sha512')).toBe(
      createHash('sha512').update(certificateDer).digest('base64'),
    );
    expect(certificateInfo(certificateDer)).toBe(certificateInfo(certificateDer));
    expect(certificateInfo(certificateDer).digests.get('sha512')).toBeDefined();
  });

  it('refuses what is not a certificate', () => {
    expect(() => certificateInfo(new Uint8Array([1, 2, 3]))).toThrow();
  });
});
