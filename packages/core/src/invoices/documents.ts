import { ConflictError } from '../errors.ts';
import type { FormatCatalog } from '../formats/catalog.ts';
import type { ArtifactStore } from '../ports/artifacts.ts';
import { getInvoice } from './get-invoice.ts';
import type { InvoiceRepository } from './invoice-repository.ts';
import type { Invoice } from './model.ts';

export { documentBaseName } from '../formats/catalog.ts';

/**
 * A format's id, as the `FormatCatalog` port knows it (the formats' facts live with each format
 * in `@sello/formats`; the domain names none). The contracts narrow it to the registry's ids.
 */
export type InvoiceDocumentFormat = string;
/** A format made once at issue and stored (`stored` in its facts). */
export type DocumentFormat = string;
/** A format built on request from the frozen invoice, never stored. */
export type ExportFormat = string;

/** Builds the formats made on request; `@sello/app` wires it from the `@sello/formats` registry. */
export type InvoiceExporter = {
  readonly [format: ExportFormat]: (invoice: Invoice) => Uint8Array | Promise<Uint8Array>;
};

/**
 * Produces an invoice's stored documents (the signed Facturae, the PDF; a draft gets a preview);
 * `@sello/app` wires it from the `@sello/formats` registry.
 */
export type InvoiceRenderer = {
  readonly [format: DocumentFormat]: (
    invoice: Invoice,
    options: { draft: boolean },
  ) => Promise<Uint8Array>;
};

export interface DocumentDeps {
  invoices: InvoiceRepository;
  artifacts: ArtifactStore;
  renderer: InvoiceRenderer;
  formats: FormatCatalog;
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
  const key = deps.formats.artifactKey(invoice, format);
  const stored = await deps.artifacts.get(key);
  if (stored) return stored;
  const render = deps.renderer[format];
  if (!render) throw new Error(`No builder of the stored format ${format}`);
  const bytes = await render(invoice, { draft: false });
  await deps.artifacts.put(key, bytes, deps.formats.facts(format).mediaType);
  return bytes;
}

/**
 * An issued invoice's documents as stored, each made and stored first when missing (idempotent).
 * Where the signer runs it is `storedDocuments`; elsewhere an adapter asks the function that has
 * the signer, so the callers' bundles carry neither signing nor rendering.
 */
export interface InvoiceDocuments {
  ensure(invoice: Invoice, formats: readonly DocumentFormat[]): Promise<Record<string, Uint8Array>>;
}

export const storedDocuments = (deps: Omit<DocumentDeps, 'invoices'>): InvoiceDocuments => ({
  async ensure(invoice, formats) {
    const made = await Promise.all(formats.map((f) => ensureDocument(deps, invoice, f)));
    return Object.fromEntries(formats.map((f, i) => [f, made[i]])) as never;
  },
});

/** What serving documents needs; `F`: the formats served (the inbox serves fewer than the issuer). */
export interface DocumentReadDeps {
  invoices: InvoiceRepository;
  formats: FormatCatalog;
  /** Stored documents are read here first: the common case, and the cheap one. */
  artifacts: Pick<ArtifactStore, 'get'>;
  /** Makes a document that is not stored yet (the post-issue step has not run, or failed). */
  documents: InvoiceDocuments;
  /** A draft's PDF, marked as a draft and without a number. */
  preview(invoice: Invoice): Promise<Uint8Array>;
  /** Builds the formats made on request. */
  exporter: InvoiceExporter;
}

export const getInvoiceDocument =
  (deps: DocumentReadDeps) =>
  async (
    tenantId: string,
    id: string,
    format: InvoiceDocumentFormat,
  ): Promise<{ invoice: Invoice; bytes: Uint8Array; contentType: string }> => {
    const facts = deps.formats.facts(format);
    const invoice = await getInvoice(deps)(tenantId, id);
    if (invoice.status === 'draft') {
      if (!facts.preview) {
        throw new ConflictError(
          `A draft has no ${facts.name} until it is issued; preview it as PDF`,
        );
      }
      return { invoice, bytes: await deps.preview(invoice), contentType: facts.mediaType };
    }
    if (!deps.formats.appliesTo(format, invoice)) {
      throw new ConflictError(
        facts.notApplicable?.(invoice) ?? `Invoice ${invoice.number} has no ${facts.name}`,
      );
    }
    if (!facts.stored) {
      const build = deps.exporter[format];
      if (!build) throw new ConflictError(`Invoice ${invoice.number} has no ${facts.name} here`);
      const bytes = await build(invoice);
      return { invoice, bytes, contentType: facts.mediaType };
    }
    const bytes =
      (await deps.artifacts.get(deps.formats.artifactKey(invoice, format))) ??
      (await deps.documents.ensure(invoice, [format]))[format]!;
    return { invoice, bytes, contentType: facts.mediaType };
  };
