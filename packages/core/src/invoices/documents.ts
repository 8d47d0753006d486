import { ConflictError } from '../errors.ts';
import type { ArtifactStore } from '../ports/artifacts.ts';
import { getInvoice } from './get-invoice.ts';
import type { InvoiceRepository } from './invoice-repository.ts';
import type { Invoice } from './model.ts';

export type DocumentFormat = 'facturae' | 'pdf';

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
export const FILE_EXTENSIONS: Record<DocumentFormat, string> = { facturae: 'xsig', pdf: 'pdf' };

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
 * Renders and stores both documents of a just-issued invoice. Nothing can be stored yet, so this
 * skips the lookup `ensureDocument` makes (two S3 reads per issue saved).
 */
export async function storeNewDocuments(
  deps: Omit<DocumentDeps, 'invoices'>,
  invoice: Invoice,
): Promise<void> {
  const [facturae, pdf] = await Promise.all([
    deps.renderer.facturae(invoice),
    deps.renderer.pdf(invoice, { draft: false }),
  ]);
  await Promise.all([
    deps.artifacts.put(artifactKey(invoice, 'facturae'), facturae, CONTENT_TYPES.facturae),
    deps.artifacts.put(artifactKey(invoice, 'pdf'), pdf, CONTENT_TYPES.pdf),
  ]);
}

export const getInvoiceDocument =
  (deps: DocumentDeps) =>
  async (
    tenantId: string,
    id: string,
    format: DocumentFormat,
  ): Promise<{ invoice: Invoice; bytes: Uint8Array; contentType: string }> => {
    const invoice = await getInvoice(deps)(tenantId, id);
    if (invoice.status === 'draft') {
      if (format !== 'pdf') {
        throw new ConflictError('A draft has no Facturae until it is issued; preview it as PDF');
      }
      const bytes = await deps.renderer.pdf(invoice, { draft: true });
      return { invoice, bytes, contentType: CONTENT_TYPES.pdf };
    }
    return {
      invoice,
      bytes: await ensureDocument(deps, invoice, format),
      contentType: CONTENT_TYPES[format],
    };
  };
