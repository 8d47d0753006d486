import { X509Certificate } from 'node:crypto';
import type { Invoice, InvoiceRenderer, SignatureAlgorithm, Signer } from '@sello/core';
import { buildFacturae } from '@sello/formats';
import { renderInvoicePdf } from '@sello/pdf';
import { signFacturae } from '@sello/signing';

/** Who signs a tenant's invoices: a key in KMS and the certificate that names its holder. */
export interface SigningIdentity {
  keyId: string;
  certificatePem: string;
  algorithm: SignatureAlgorithm;
}

/**
 * Renders an issued invoice's documents: the Facturae 3.2.2, signed XAdES-EPES through the Signer
 * port (KMS `Sign` on a digest), and the PDF. Signing time is the moment of issue, so a document
 * regenerated later is the same document.
 */
export class SignedInvoiceRenderer implements InvoiceRenderer {
  constructor(
    private readonly signer: Signer,
    private readonly identityOf: (tenantId: string) => Promise<SigningIdentity>,
  ) {}

  /** Parsed certificates by PEM: the signer caches its work per certificate array. */
  private readonly certificates = new Map<string, Uint8Array>();

  async facturae(invoice: Invoice): Promise<Uint8Array> {
    const identity = await this.identityOf(invoice.tenantId);
    let certificateDer = this.certificates.get(identity.certificatePem);
    if (!certificateDer) {
      certificateDer = new X509Certificate(identity.certificatePem).raw;
      this.certificates.set(identity.certificatePem, certificateDer);
    }
    const xml = await signFacturae(buildFacturae(invoice), {
      signer: this.signer,
      keyId: identity.keyId,
      certificateDer,
      algorithm: identity.algorithm,
      signingTime: new Date(invoice.issuedAt ?? invoice.updatedAt),
      // Ids from the invoice, so a regenerated document is byte-identical to the stored one.
      ids: invoice.id,
    });
    return Buffer.from(xml, 'utf8');
  }

  pdf(invoice: Invoice, options: { draft: boolean }): Promise<Uint8Array> {
    return renderInvoicePdf(invoice, { draft: options.draft });
  }
}
