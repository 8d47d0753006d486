import { X509Certificate } from 'node:crypto';
import type { Invoice, InvoiceExporter, InvoiceRenderer } from '@sello/core/invoices';
import type { Signer } from '@sello/core/ports';
import type { SigningIdentity } from '@sello/core/signing';
import { qrUrl } from '@sello/core/verifactu';
import {
  type CfdiPorts,
  type FacturaeSigningKey,
  onRequestFormatsExporter,
  type PdfDrawer,
  storedFormatsRenderer,
  type VerifactuRecordPorts,
} from '@sello/formats/registry';

export type { PdfDrawer } from '@sello/formats/registry';

/**
 * What signing needs of a tenant's identity: a key in KMS, the certificate that names its holder
 * and, for an uploaded certificate, the CAs above it.
 */
export type RenderingIdentity = Pick<SigningIdentity, 'keyId' | 'certificatePem' | 'algorithm'> &
  Partial<Pick<SigningIdentity, 'chainPem'>>;

type VerifactuConfig = { environment: 'test' | 'production' } | undefined;

/**
 * The tenant's signing key with its certificates parsed once per PEM: the signer caches its work
 * per certificate array.
 */
function signingKeys(identityOf: (tenantId: string) => Promise<RenderingIdentity>) {
  const parsed = new Map<string, FacturaeSigningKey>();
  return async (tenantId: string): Promise<FacturaeSigningKey> => {
    const identity = await identityOf(tenantId);
    const chainPem = identity.chainPem ?? [];
    const cacheKey = [identity.certificatePem, ...chainPem].join('');
    let certificates = parsed.get(cacheKey);
    if (!certificates) {
      const chain = chainPem.map((pem) => new X509Certificate(pem));
      certificates = {
        keyId: identity.keyId,
        algorithm: identity.algorithm,
        certificateDer: new X509Certificate(identity.certificatePem).raw,
        // Intermediate CAs for X509Data; a self-signed root adds nothing a validator can trust.
        chainDer: chain.filter((c) => !c.checkIssued(c)).map((c) => c.raw),
      };
      parsed.set(cacheKey, certificates);
    }
    return { ...certificates, keyId: identity.keyId, algorithm: identity.algorithm };
  };
}

/**
 * Renders an issued invoice's stored documents through the formats' registry: the Facturae 3.2.2,
 * signed XAdES-EPES through the Signer port (KMS `Sign` on a digest), and the PDF. With VERI*FACTU
 * on, Spanish issuers' documents carry the AEAT QR URL (printed as QR on the PDF and, as the Order
 * HAC/1177/2024 asks of structured e-invoices, inside the Facturae).
 */
export function signedInvoiceRenderer(
  signer: Signer,
  identityOf: (tenantId: string) => Promise<RenderingIdentity>,
  drawPdf: PdfDrawer,
  verifactu: VerifactuConfig | undefined,
  stampedCfdi: CfdiPorts['stampedCfdi'],
): InvoiceRenderer {
  return storedFormatsRenderer({
    signer,
    signingKey: signingKeys(identityOf),
    drawPdf,
    stampedCfdi,
    verifactuQrUrl: (invoice: Invoice) =>
      verifactu && invoice.status !== 'draft' && invoice.issuer.address.country === 'ES'
        ? qrUrl(invoice, verifactu.environment)
        : undefined,
  });
}

/**
 * Builds the formats made on request (UBL and CII, with the VERI*FACTU QR URL where records are
 * on; the VERI*FACTU record from the store) through the formats' registry.
 */
export function onRequestExporter(
  verifactu: VerifactuConfig,
  verifactuRecord: VerifactuRecordPorts['verifactuRecord'],
): InvoiceExporter {
  return onRequestFormatsExporter({
    verifactuQrUrl: (invoice: Invoice) =>
      verifactu && invoice.origin !== 'import' ? qrUrl(invoice, verifactu.environment) : undefined,
    verifactuRecord,
  });
}
