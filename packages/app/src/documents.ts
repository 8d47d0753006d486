import { KmsSigner } from '@sello/aws';
import { S3ArtifactStore } from '@sello/aws/documents';
import { ENV } from '@sello/contracts';
import { ForbiddenError } from '@sello/core/errors';
import type {
  DocumentReadDeps,
  Invoice,
  InvoiceExporter,
  InvoiceRenderer,
} from '@sello/core/invoices';
import { qrUrl } from '@sello/core/verifactu';
import { buildCii, buildUbl } from '@sello/formats';
import { kmsClient, s3Client } from './clients.ts';
import { artifactBucket, optionalEnv, verifactuConfig } from './config.ts';
import { type RenderingIdentity, SignedInvoiceRenderer } from './invoice-renderer.ts';
import { invokedDocuments, invokedPdf } from './invoked.ts';
import { repositories } from './repositories.ts';

export { invokedDocuments, invokedPdf } from './invoked.ts';

/**
 * The platform's default identity (the local signer; a test stage), for tenants that have not
 * uploaded their own certificate. In a stage without one, issuing is refused until the tenant
 * uploads theirs, rather than signed by someone else.
 */
function defaultIdentity(): RenderingIdentity {
  const keyId = optionalEnv(ENV.signingKeyId);
  const certificatePem = optionalEnv(ENV.signingCertificate);
  if (!keyId || !certificatePem) {
    throw new ForbiddenError('No signing certificate is configured for this tenant');
  }
  return { keyId, certificatePem, algorithm: 'RSASSA_PKCS1_V1_5_SHA_256' };
}

/**
 * The tenant's uploaded certificate and KMS key, else the platform default. Read on every render
 * (one GetItem) so a new upload signs the very next invoice in every container.
 */
async function identityOf(tenantId: string): Promise<RenderingIdentity> {
  return (await repositories().signingIdentities.get(tenantId)) ?? defaultIdentity();
}

let artifacts: S3ArtifactStore | undefined;

/** The S3 store of documents (originals of imports, signed Facturae, PDFs). */
export const artifactStore = () => {
  artifacts ??= new S3ArtifactStore(s3Client(), artifactBucket());
  return artifacts;
};

let built: { artifacts: S3ArtifactStore; renderer: InvoiceRenderer } | undefined;

/**
 * Document store and renderer over S3 and KMS, built once per container: the Facturae is signed
 * here, the PDF drawn by the `renderInvoicePdf` function (declare it in the route's `invokes`).
 */
export function documentServices() {
  built ??= {
    artifacts: artifactStore(),
    renderer: new SignedInvoiceRenderer(
      new KmsSigner(kmsClient()),
      identityOf,
      invokedPdf,
      verifactuConfig(),
    ),
  };
  return built;
}

/**
 * What serving documents needs: the store to read, and the functions that make what is missing
 * (`ensureInvoiceDocuments`) and draw drafts (`renderInvoicePdf`); declare both in `invokes`.
 */
export function documentReader(): Omit<DocumentReadDeps, 'invoices'> {
  return {
    artifacts: artifactStore(),
    documents: invokedDocuments,
    preview: (invoice) => invokedPdf(invoice, { draft: true }),
    exporter: invoiceExporter(),
  };
}

/** UBL and CII of an issued invoice, with the VERI*FACTU QR URL where records are on. */
export function invoiceExporter(): InvoiceExporter {
  const verifactu = verifactuConfig();
  const options = (invoice: Invoice) =>
    verifactu && invoice.origin !== 'import'
      ? { verifactuQrUrl: qrUrl(invoice, verifactu.environment) }
      : {};
  const utf8 = (xml: string) => new TextEncoder().encode(xml);
  return {
    ubl: (invoice) => utf8(buildUbl(invoice, options(invoice))),
    cii: (invoice) => utf8(buildCii(invoice, options(invoice))),
  };
}

/** Reads Facturae 3.2.x (verifying its signature), UBL 2.1 and CII, storing nothing. */
export { parseDocument } from '@sello/formats/parse';
/** The PDF of an invoice, drawn in process: only `renderInvoicePdf` bundles pdf-lib. */
export { renderInvoicePdf } from '@sello/pdf';
