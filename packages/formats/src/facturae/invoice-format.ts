import type { SignatureAlgorithm, Signer } from '@sello/core/ports';
import { signFacturae } from '@sello/signing';
import { defineFormat, utf8, type VerifactuQrPort } from '../registry/format.ts';
import { buildFacturae } from './build.ts';
import { facturaeFacts } from './facts.ts';

/** The tenant's signing key in KMS and the certificates KeyInfo carries. */
export interface FacturaeSigningKey {
  keyId: string;
  algorithm: SignatureAlgorithm;
  certificateDer: Uint8Array;
  /** Intermediate CAs for X509Data. */
  chainDer?: readonly Uint8Array[];
}

export interface FacturaePorts extends VerifactuQrPort {
  signer: Signer;
  signingKey(tenantId: string): Promise<FacturaeSigningKey>;
}

/**
 * Facturae 3.2.2 signed XAdES-EPES through the Signer port (KMS `Sign` on a digest). Signing time
 * is the moment of issue and the signature ids come from the invoice, so a document regenerated
 * later is byte-identical to the stored one. With VERI*FACTU on, it carries the AEAT QR URL, as
 * the Order HAC/1177/2024 asks of structured e-invoices.
 */
export const facturaeFormat = defineFormat(facturaeFacts, async (invoice, ports: FacturaePorts) => {
  const key = await ports.signingKey(invoice.tenantId);
  const qr = ports.verifactuQrUrl(invoice);
  const unsigned = buildFacturae(invoice, qr ? { additionalInformation: `VERI*FACTU ${qr}` } : {});
  const xml = await signFacturae(unsigned, {
    signer: ports.signer,
    keyId: key.keyId,
    certificateDer: key.certificateDer,
    ...(key.chainDer?.length ? { chainDer: key.chainDer } : {}),
    algorithm: key.algorithm,
    signingTime: new Date(invoice.issuedAt ?? invoice.updatedAt),
    ids: invoice.id,
  });
  return utf8(xml);
});
