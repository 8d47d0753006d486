import { type FormatFacts, type FormatId, formatFacts } from '@sello/core/formats';
import type { Invoice } from '@sello/core/invoices';
import type { FormatReader } from '../parse/readers.ts';

/** How a document is asked for: a draft's PDF is a preview, unnumbered and marked. */
export interface BuildOptions {
  draft: boolean;
}

/**
 * A document format: its facts (from the catalog of `@sello/core/formats`: id, media type, file
 * name, which invoices it applies to) and how an invoice is built in it. What the build needs
 * beyond the invoice (a signer, a PDF drawer, a stored record, a PAC) comes in `ports`, which
 * `@sello/app` gives: no builder imports an adapter.
 */
export interface InvoiceFormat<Id extends FormatId = FormatId, Ports = never> extends FormatFacts {
  readonly id: Id;
  build(invoice: Invoice, ports: Ports, options: BuildOptions): Promise<Uint8Array>;
  /**
   * How `parseDocument` (`@sello/formats/parse`: validation, imports) reads and checks a document
   * of this format; absent: it is written, never read. Mark the catalog's facts `readable` too.
   */
  readonly reader?: FormatReader;
}

/** A format's definition: its catalog facts by id, its builder and, if it is read, its reader. */
export function defineFormat<Id extends FormatId, Ports>(
  id: Id,
  build: InvoiceFormat<Id, Ports>['build'],
  extra: { reader?: FormatReader } = {},
): InvoiceFormat<Id, Ports> {
  const facts = formatFacts(id);
  if (Boolean(extra.reader) !== Boolean(facts.readable)) {
    throw new Error(`Format ${id}: a reader exactly when the catalog says it is readable`);
  }
  return { ...facts, id, build, ...extra };
}

/** What every XML builder of an issued Spanish invoice may carry: the AEAT verification URL. */
export interface VerifactuQrPort {
  /** The VERI*FACTU QR URL of an issued invoice, or undefined (records off, not Spanish, draft). */
  verifactuQrUrl(invoice: Invoice): string | undefined;
}

export const utf8 = (text: string) => new TextEncoder().encode(text);
