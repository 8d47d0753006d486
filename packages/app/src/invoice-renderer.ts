import { X509Certificate } from 'node:crypto';
import type { Invoice, InvoiceRenderer } from '@sello/core/invoices';
import type { Signer } from '@sello/core/ports';
import type { SigningIdentity } from '@sello/core/signing';
import { qrUrl } from '@sello/core/verifactu';
import { buildFacturae } from '@sello/formats';
import { signFacturae } from '@sello/signing';

/**
 * What signing needs of a tenant's identity: a key in KMS, the certificate that names its holder
 * and, for an uploaded certificate, the CAs above it.
 */
export type RenderingIdentity = Pick<SigningIdentity, 'keyId' | 'certificatePem' | 'algorithm'> &
  Partial<Pick<SigningIdentity, 'chainPem'>>;

interface ParsedCertificates {
  certificateDer: Uint8Array;
  /** Intermediate CAs for X509Data; a self-signed root adds nothing a validator can trust. */
  chainDer: Uint8Array[];
}

/**
 * Draws the PDF: `renderInvoicePdf` of @sello/pdf, which only the `renderInvoicePdf` function
 * bundles (pdf-lib and its fonts would take the others over 1 MB); see `invokedPdf`.
 */
export type PdfDrawer = (
  invoice: Invoice,
  options: { draft: boolean; verifactuQrUrl?: string },
) => Promise<Uint8Array>;

/**
 * Renders an issued invoice's documents: the Facturae 3.2.2, signed XAdES-EPES through the Signer
 * port (KMS `Sign` on a digest), and the PDF. Signing time is the moment of issue, so a document
 * regenerated later is the same document.
 */
export class SignedInvoiceRenderer implements InvoiceRenderer {
  constructor(
    private readonly signer: Signer,
    private readonly identityOf: (tenantId: string) => Promise<RenderingIdentity>,
    private readonly drawPdf: PdfDrawer,
    /** With VERI*FACTU on, Spanish issuers' documents carry the AEAT QR URL. */
    private readonly verifactu?: { environment: 'test' | 'production' },
  ) {}

  /**
   * The AEAT verification URL of an issued Spanish invoice: printed as QR on the PDF and, as the
   * Order HAC/1177/2024 asks of structured e-invoices, carried inside the Facturae.
   */
  private qr(invoice: Invoice): string | undefined {
    if (!this.verifactu || invoice.status === 'draft' || invoice.issuer.address.country !== 'ES') {
      return undefined;
    }
    return qrUrl(invoice, this.verifactu.environment);
  }

  /** Parsed certificates by PEM: the signer caches its work per certificate array. */
  private readonly certificates = new Map<string, ParsedCertificates>();

  async facturae(invoice: Invoice): Promise<Uint8Array> {
    const identity = await this.identityOf(invoice.tenantId);
    const { certificateDer, chainDer } = this.parsed(identity);
    const qr = this.qr(invoice);
    const unsigned = buildFacturae(
      invoice,
      qr ? { additionalInformation: `VERI*FACTU ${qr}` } : {},
    );
    const xml = await signFacturae(unsigned, {
      signer: this.signer,
      keyId: identity.keyId,
      certificateDer,
      ...(chainDer.length ? { chainDer } : {}),
      algorithm: identity.algorithm,
      signingTime: new Date(invoice.issuedAt ?? invoice.updatedAt),
      // Ids from the invoice, so a regenerated document is byte-identical to the stored one.
      ids: invoice.id,
    });
    return Buffer.from(xml, 'utf8');
  }

  private parsed(identity: RenderingIdentity): ParsedCertificates {
    const chainPem = identity.chainPem ?? [];
    const cacheKey = [identity.certificatePem, ...chainPem].join('');
    let parsed = this.certificates.get(cacheKey);
    if (!parsed) {
      const chain = chainPem.map((pem) => new X509Certificate(pem));
      parsed = {
        certificateDer: new X509Certificate(identity.certificatePem).raw,
        chainDer: chain.filter((c) => !c.checkIssued(c)).map((c) => c.raw),
      };
      this.certificates.set(cacheKey, parsed);
    }
    return parsed;
  }

  pdf(invoice: Invoice, options: { draft: boolean }): Promise<Uint8Array> {
    const qr = options.draft ? undefined : this.qr(invoice);
    return this.drawPdf(invoice, { draft: options.draft, ...(qr ? { verifactuQrUrl: qr } : {}) });
  }
}
