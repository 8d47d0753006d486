import { createHash, X509Certificate } from 'node:crypto';
import type { Signer } from '@sello/core/ports';
import { noCertificadoOf } from '@sello/signing/csd';
import { cadenaOriginal } from './cadena.ts';
import type { Cfdi } from './model.ts';

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
    noCertificado: csdNumber(certificate),
    certificado: Buffer.from(certificateDer).toString('base64'),
  };
  const digest = createHash('sha256').update(cadenaOriginal(certified), 'utf8').digest();
  const signature = await signer.signDigest(keyId, digest, 'RSASSA_PKCS1_V1_5_SHA_256');
  return { ...certified, sello: Buffer.from(signature).toString('base64') };
}

function csdNumber(certificate: X509Certificate): string {
  const number = noCertificadoOf(certificate);
  if (!number)
    throw new Error(`Certificate serial ${certificate.serialNumber} is not a CSD number`);
  return number;
}
