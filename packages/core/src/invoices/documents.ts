import { ConflictError } from '../errors.ts';
import {
  type FormatId,
  formatAppliesTo,
  formatFacts,
  INVOICE_FORMATS,
  type OnRequestFormat,
  STORED_FORMATS,
  type StoredFormat,
} from '../formats/catalog.ts';
import type { ArtifactStore } from '../ports/artifacts.ts';
import { getInvoice } from './get-invoice.ts';
import type { InvoiceRepository } from './invoice-repository.ts';
import type { Invoice } from './model.ts';

export { hasFacturae } from '../formats/catalog.ts';

/** Formats made once at issue and stored (the signed Facturae, the PDF): see `@sello/core/formats`. */
export type DocumentFormat = StoredFormat;

/**
 * Formats an issued invoice is also exported in (the EU formats, the VERI*FACTU record). Built on
 * request from the frozen invoice (deterministic, no signature), never stored: the signed
 * Facturae stays the legal original.
 */
export type ExportFormat = OnRequestFormat;
export type InvoiceDocumentFormat = FormatId;

/** Builds the formats made on request; `@sello/app` wires it from the `@sello/formats` registry. */
export type InvoiceExporter = {
  readonly [F in ExportFormat]: (invoice: Invoice) => Uint8Array | Promise<Uint8Array>;
};

/** The stored documents an issued invoice has. */
export const storedFormatsOf = (invoice: Invoice): DocumentFormat[] =>
  STORED_FORMATS.filter((f) => formatAppliesTo(formatFacts(f), invoice));

/**
 * Produces an invoice's stored documents (the signed Facturae, the PDF; a draft gets a preview);
 * `@sello/app` wires it from the `@sello/formats` registry.
 */
export type InvoiceRenderer = {
  readonly [F in DocumentFormat]: (
    invoice: Invoice,
    options: { draft: boolean },
  ) => Promise<Uint8Array>;
};

const factsOf = <F extends FormatId>(key: (f: (typeof INVOICE_FORMATS)[number]) => string) =>
  Object.fromEntries(INVOICE_FORMATS.map((f) => [f.id, key(f)])) as Record<F, string>;

/** Media types by format (derived from the catalog of `@sello/core/formats`). */
export const CONTENT_TYPES = factsOf<FormatId>((f) => f.mediaType);

/** Extensions of the files people receive (derived from the catalog of `@sello/core/formats`). */
export const FILE_EXTENSIONS = factsOf<FormatId>((f) => f.fileExtension);

/** The invoice number (or id, for a draft) made safe for file and object names. */
export const documentBaseName = (invoice: Invoice) =>
  (invoice.number ?? invoice.id).replace(/[^\w.-]/g, '_');

/** The name of a document's file, `<number>.<extension>`. */
export const documentFileName = (invoice: Invoice, format: FormatId) =>
  `${documentBaseName(invoice)}.${formatFacts(format).fileExtension}`;

/** `tenants/<t>/invoices/<id>/<number>.xml`: tenant-scoped, one object per document. */
export const artifactKey = (invoice: Invoice, format: DocumentFormat) =>
  `tenants/${invoice.tenantId}/invoices/${invoice.id}/${documentBaseName(invoice)}.${formatFacts(format).stored!.extension}`;

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
  const bytes = await deps.renderer[format](invoice, { draft: false });
  await deps.artifacts.put(key, bytes, formatFacts(format).mediaType);
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

/** What serving documents needs; `F`: the formats served (the inbox serves fewer than the issuer). */
export interface DocumentReadDeps<F extends FormatId = FormatId> {
  invoices: InvoiceRepository;
  /** Stored documents are read here first: the common case, and the cheap one. */
  artifacts: Pick<ArtifactStore, 'get'>;
  /** Makes a document that is not stored yet (the post-issue step has not run, or failed). */
  documents: InvoiceDocuments;
  /** A draft's PDF, marked as a draft and without a number. */
  preview(invoice: Invoice): Promise<Uint8Array>;
  /** Builds the formats made on request. */
  exporter: Pick<InvoiceExporter, F & ExportFormat>;
}

export const getInvoiceDocument =
  <F extends FormatId = FormatId>(deps: DocumentReadDeps<NoInfer<F>>) =>
  async (
    tenantId: string,
    id: string,
    format: F,
  ): Promise<{ invoice: Invoice; bytes: Uint8Array; contentType: string }> => {
    const facts = formatFacts(format);
    const invoice = await getInvoice(deps)(tenantId, id);
    if (invoice.status === 'draft') {
      if (!facts.preview) {
        throw new ConflictError(
          `A draft has no ${facts.name} until it is issued; preview it as PDF`,
        );
      }
      return { invoice, bytes: await deps.preview(invoice), contentType: facts.mediaType };
    }
    if (!formatAppliesTo(facts, invoice)) {
      throw new ConflictError(
        facts.notApplicable?.(invoice) ?? `Invoice ${invoice.number} has no ${facts.name}`,
      );
    }
    if (!facts.stored) {
      const build = deps.exporter[format as F & ExportFormat] as InvoiceExporter[ExportFormat];
      const bytes = await build(invoice);
      return { invoice, bytes, contentType: facts.mediaType };
    }
    const stored = format as DocumentFormat;
    const bytes =
      (await deps.artifacts.get(artifactKey(invoice, stored))) ??
      (await deps.documents.ensure(invoice, [stored]))[stored];
    return { invoice, bytes, contentType: facts.mediaType };
  };
