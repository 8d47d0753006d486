import { createHash, X509Certificate } from 'node:crypto';
import type { Signer } from '@sello/core/ports';
import { cadenaOriginal } from './cadena.ts';
import type { Cfdi } from './model.ts';

/**
 * A CSD's `NoCertificado`: SAT writes the 20 digits as the ASCII bytes of the certificate's
 * serial number (serial 0x3330303031… is 30001…). Anything else is not a SAT certificate.
 */
export function noCertificadoOf(certificate: X509Certificate): string {
  const hex =
    certificate.serialNumber.length % 2 ? `0${certificate.serialNumber}` : certificate.serialNumber;
  const digits = Buffer.from(hex, 'hex').toString('latin1');
  if (!/^\d{20}$/.test(digits))
    throw new Error(
      `Certificate serial ${certificate.serialNumber} is not a CSD number (20 digits)`,
    );
  return digits;
}

/**
 * Seals a CFDI: `NoCertificado` and `Certificado` from the CSD, then `Sello`, the PKCS#1 v1.5
 * SHA-256 signature of the cadena original's UTF-8 bytes. Only the digest reaches the signer
 * (KMS `MessageType: DIGEST`), so a long cadena never meets KMS's 4 KB message limit.
 */
export async function sealCfdi(
  cfdi: Cfdi,
  signer: Signer,
  keyId: string,
  certificateDer: Uint8Array,
): Promise<Cfdi> {
  const certificate = new X509Certificate(certificateDer);
  const certified: Cfdi = {
    ...cfdi,
    noCertificado: noCertificadoOf(certificate),
    certificado: Buffer.from(certificateDer).toString('base64'),
  };
  const digest = createHash('sha256').update(cadenaOriginal(certified), 'utf8').digest();
  const signature = await signer.signDigest(keyId, digest, 'RSASSA_PKCS1_V1_5_SHA_256');
  return { ...certified, sello: Buffer.from(signature).toString('base64') };
}
