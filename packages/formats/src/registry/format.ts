import type { FormatFacts } from '@sello/core/formats';
import type { Invoice } from '@sello/core/invoices';
import type { FormatId } from './facts.ts';

/** How a document is asked for: a draft's PDF is a preview, unnumbered and marked. */
export interface BuildOptions {
  draft: boolean;
}

/**
 * A document format: its facts (its folder's `facts.ts`: id, media type, file name, which
 * invoices it applies to) and how an invoice is built in it. What the build needs
 * beyond the invoice (a signer, a PDF drawer, a stored record, a PAC) comes in `ports`, which
 * `@sello/app` gives: no builder imports an adapter.
 */
export interface InvoiceFormat<Id extends FormatId = FormatId, Ports = never> extends FormatFacts {
  readonly id: Id;
  build(invoice: Invoice, ports: Ports, options: BuildOptions): Promise<Uint8Array>;
}

/** A format's definition: its facts, and its builder. */
export function defineFormat<Facts extends FormatFacts & { id: FormatId }, Ports>(
  facts: Facts,
  build: InvoiceFormat<Facts['id'], Ports>['build'],
): InvoiceFormat<Facts['id'], Ports> & Facts {
  return { ...facts, build };
}

/** What every XML builder of an issued Spanish invoice may carry: the AEAT verification URL. */
export interface VerifactuQrPort {
  /** The VERI*FACTU QR URL of an issued invoice, or undefined (records off, not Spanish, draft). */
  verifactuQrUrl(invoice: Invoice): string | undefined;
}

export const utf8 = (text: string) => new TextEncoder().encode(text);
