import { ConflictError } from '../errors.ts';
import type { ArtifactStore } from '../ports/artifacts.ts';
import { getInvoice } from './get-invoice.ts';
import type { InvoiceRepository } from './invoice-repository.ts';
import type { Invoice } from './model.ts';

export type DocumentFormat = 'facturae' | 'pdf';

/**
 * EU formats an issued invoice is also exported in. Built on request from the frozen invoice
 * (deterministic, no signature), never stored: the signed Facturae stays the legal original.
 */
export type ExportFormat = 'ubl' | 'cii';
export type InvoiceDocumentFormat = DocumentFormat | ExportFormat;

export interface InvoiceExporter {
  ubl(invoice: Invoice): Uint8Array;
  cii(invoice: Invoice): Uint8Array;
}

const isExport = (format: InvoiceDocumentFormat): format is ExportFormat =>
  format === 'ubl' || format === 'cii';

/**
 * Whether the invoice has a Facturae: one we sign, or the one its issuer's system signed and
 * imported. An imported UBL or CII invoice has none: signing one in the tenant's name would make a
 * second original of an invoice issued elsewhere.
 */
export const hasFacturae = (invoice: Invoice) =>
  invoice.origin !== 'import' || invoice.imported?.format === 'facturae';

/** The stored documents an issued invoice has. */
export const storedFormatsOf = (invoice: Invoice): DocumentFormat[] =>
  hasFacturae(invoice) ? ['facturae', 'pdf'] : ['pdf'];

/** Produces an invoice's documents: the signed Facturae, the PDF (a draft gets a preview). */
export interface InvoiceRenderer {
  facturae(invoice: Invoice): Promise<Uint8Array>;
  pdf(invoice: Invoice, options: { draft: boolean }): Promise<Uint8Array>;
}

export const CONTENT_TYPES: Record<DocumentFormat, string> = {
  facturae: 'application/xml',
  pdf: 'application/pdf',
};

const EXTENSIONS: Record<DocumentFormat, string> = { facturae: 'xml', pdf: 'pdf' };

/** Extensions of the files people receive: a signed Facturae is `.xsig` for Spanish platforms. */
export const FILE_EXTENSIONS: Record<InvoiceDocumentFormat, string> = {
  facturae: 'xsig',
  pdf: 'pdf',
  ubl: 'ubl.xml',
  cii: 'cii.xml',
};

/** The invoice number (or id, for a draft) made safe for file and object names. */
export const documentBaseName = (invoice: Invoice) =>
  (invoice.number ?? invoice.id).replace(/[^\w.-]/g, '_');

/** `tenants/<t>/invoices/<id>/<number>.xml`: tenant-scoped, one object per document. */
export const artifactKey = (invoice: Invoice, format: DocumentFormat) =>
  `tenants/${invoice.tenantId}/invoices/${invoice.id}/${documentBaseName(invoice)}.${EXTENSIONS[format]}`;

export interface DocumentDeps {
  invoices: InvoiceRepository;
  artifacts: ArtifactStore;
  renderer: InvoiceRenderer;
}

/**
 * An issued invoice's document from the store, rendered and stored on first request. Rendering is
 * deterministic from the frozen invoice, so regenerating after a failed upload is safe: this is
 * how a crash between numbering and storing never loses an invoice or its number.
 */
export async function ensureDocument(
  deps: Omit<DocumentDeps, 'invoices'>,
  invoice: Invoice,
  format: DocumentFormat,
): Promise<Uint8Array> {
  const key = artifactKey(invoice, format);
  const stored = await deps.artifacts.get(key);
  if (stored) return stored;
  const bytes =
    format === 'facturae'
      ? await deps.renderer.facturae(invoice)
      : await deps.renderer.pdf(invoice, { draft: false });
  await deps.artifacts.put(key, bytes, CONTENT_TYPES[format]);
  return bytes;
}

/**
 * An issued invoice's documents as stored, each made and stored first when missing (idempotent).
 * Where the signer runs it is `storedDocuments`; elsewhere an adapter asks the function that has
 * the signer, so the callers' bundles carry neither signing nor rendering.
 */
export interface InvoiceDocuments {
  ensure<F extends DocumentFormat>(
    invoice: Invoice,
    formats: readonly F[],
  ): Promise<Record<F, Uint8Array>>;
}

export const storedDocuments = (deps: Omit<DocumentDeps, 'invoices'>): InvoiceDocuments => ({
  async ensure(invoice, formats) {
    const made = await Promise.all(formats.map((f) => ensureDocument(deps, invoice, f)));
    return Object.fromEntries(formats.map((f, i) => [f, made[i]])) as never;
  },
});

export interface DocumentReadDeps {
  invoices: InvoiceRepository;
  /** Stored documents are read here first: the common case, and the cheap one. */
  artifacts: Pick<ArtifactStore, 'get'>;
  /** Makes a document that is not stored yet (the post-issue step has not run, or failed). */
  documents: InvoiceDocuments;
  /** A draft's PDF, marked as a draft and without a number. */
  preview(invoice: Invoice): Promise<Uint8Array>;
  exporter: InvoiceExporter;
}

export const getInvoiceDocument =
  (deps: DocumentReadDeps) =>
  async (
    tenantId: string,
    id: string,
    format: InvoiceDocumentFormat,
  ): Promise<{ invoice: Invoice; bytes: Uint8Array; contentType: string }> => {
    const invoice = await getInvoice(deps)(tenantId, id);
    if (invoice.status === 'draft') {
      if (format !== 'pdf') {
        throw new ConflictError(
          `A draft has no ${format === 'facturae' ? 'Facturae' : format.toUpperCase()} until it is issued; preview it as PDF`,
        );
      }
      return { invoice, bytes: await deps.preview(invoice), contentType: CONTENT_TYPES.pdf };
    }
    if (format === 'facturae' && !hasFacturae(invoice)) {
      throw new ConflictError(
        `Invoice ${invoice.number} was imported as ${invoice.imported?.format.toUpperCase()}; it has no Facturae`,
      );
    }
    if (isExport(format)) {
      return { invoice, bytes: deps.exporter[format](invoice), contentType: 'application/xml' };
    }
    const stored = await deps.artifacts.get(artifactKey(invoice, format));
    const bytes = stored ?? (await deps.documents.ensure(invoice, [format]))[format];
    return { invoice, bytes, contentType: CONTENT_TYPES[format] };
  };
