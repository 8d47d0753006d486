import { type ParsedDocument, UnreadableDocumentError } from '@sello/core/documents';
import { formatReaders } from './readers.ts';
import { DEFAULT_MAX_BYTES, decodeXml, parseXml } from './xml.ts';

export { FORMAT_READERS, type FormatReader } from './readers.ts';
export { DEFAULT_MAX_BYTES } from './xml.ts';

export interface ParseOptions {
  /** Larger documents are refused before parsing (default 5 MiB). */
  maxBytes?: number;
}

/**
 * Reads a Facturae 3.2.x, UBL 2.1 (Invoice, CreditNote) or CII D16B document (each readable
 * format's reader, `FORMAT_READERS`, by its root element) into one model and checks what the document alone
 * can prove: required fields, totals, breakdown, dates, currency, Spanish tax ids, and a
 * Facturae's XAdES signature. Nothing is fetched and nothing is stored.
 *
 * Throws UnreadableDocumentError (a ValidationError) for what is not a document to read: too
 * large, badly encoded, not well-formed, carrying a DOCTYPE, or of an unknown root element.
 */
export function parseDocument(
  xml: string | Uint8Array,
  options: ParseOptions = {},
): ParsedDocument {
  const text = decodeXml(xml, options.maxBytes ?? DEFAULT_MAX_BYTES);
  const root = parseXml(text);
  const known = formatReaders();
  const reader = known.find((r) => r.accepts(root));
  if (reader) return reader.read(text, root);
  const names = known.map((r) => r.reads);
  throw new UnreadableDocumentError(
    'unknown-root',
    `The root element {${root.ns}}${root.local} is not a ${names.slice(0, -1).join(', ')}, or ${names.at(-1)}`,
  );
}
