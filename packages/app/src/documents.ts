import { KmsSigner } from '@sello/aws';
import { S3ArtifactStore } from '@sello/aws/documents';
import { ENV } from '@sello/contracts';
import { ConflictError, ForbiddenError } from '@sello/core/errors';
import {
  cfdiKey,
  type DocumentReadDeps,
  type Invoice,
  type InvoiceExporter,
  type InvoiceRenderer,
} from '@sello/core/invoices';
import { kmsClient, s3Client } from './clients.ts';
import { artifactBucket, optionalEnv, verifactuConfig } from './config.ts';
import { formats } from './formats.ts';
import {
  onRequestExporter,
  type RenderingIdentity,
  signedInvoiceRenderer,
} from './invoice-renderer.ts';
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
export async function identityOf(tenantId: string): Promise<RenderingIdentity> {
  return (await repositories().signingIdentities.get(tenantId)) ?? defaultIdentity();
}

let artifacts: S3ArtifactStore | undefined;

/** The S3 store of documents (originals of imports, signed Facturae, PDFs). */
export const artifactStore = () => {
  artifacts ??= new S3ArtifactStore(s3Client(), artifactBucket());
  return artifacts;
};

/** The stamped CFDI stamping stored; until it is there, the invoice has no CFDI documents. */
async function stampedCfdi(invoice: Invoice): Promise<Uint8Array> {
  const bytes = await artifactStore().get(cfdiKey(formats, invoice));
  if (!bytes) {
    throw new ConflictError(`Invoice ${invoice.number} is not stamped yet: it has no CFDI`);
  }
  return bytes;
}

let built:
  | { artifacts: S3ArtifactStore; renderer: InvoiceRenderer; formats: typeof formats }
  | undefined;

/**
 * Document store and renderer over S3 and KMS, built once per container: the Facturae is signed
 * here, the PDF drawn by the `renderInvoicePdf` function (declare it in the route's `invokes`).
 */
export function documentServices() {
  built ??= {
    artifacts: artifactStore(),
    renderer: signedInvoiceRenderer(
      new KmsSigner(kmsClient()),
      identityOf,
      invokedPdf,
      verifactuConfig(),
      stampedCfdi,
    ),
    formats,
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
    formats,
    preview: (invoice) => invokedPdf(invoice, { draft: true }),
    exporter: invoiceExporter(),
  };
}

/**
 * The formats built on request: UBL and CII (with the VERI*FACTU QR URL where records are on),
 * and the invoice's latest VERI*FACTU record as stored.
 */
export function invoiceExporter(): InvoiceExporter {
  return onRequestExporter(
    verifactuConfig(),
    async (invoice) =>
      (await repositories().verifactu.ofInvoice(invoice.tenantId, invoice.id)).at(-1)?.record,
  );
}

/** Reads Facturae 3.2.x (verifying its signature), UBL 2.1 and CII, storing nothing. */
export { parseDocument } from '@sello/formats/parse';
/** The PDF of an invoice, drawn in process: only `renderInvoicePdf` bundles pdf-lib. */
export { renderInvoicePdf } from '@sello/pdf';
