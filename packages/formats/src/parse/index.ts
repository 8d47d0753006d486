import {
  checkParsedInvoice,
  type ParsedDocument,
  UnreadableDocumentError,
  type ValidationIssue,
} from '@sello/core/documents';
import { CII_NS, readCii } from './cii.ts';
import { FACTURAE_NAMESPACES, readFacturae } from './facturae.ts';
import { readSignature } from './signature.ts';
import { readUbl, UBL_CREDIT_NOTE_NS, UBL_INVOICE_NS } from './ubl.ts';
import { DEFAULT_MAX_BYTES, decodeXml, parseWithXmldom, parseXml } from './xml.ts';

export { DEFAULT_MAX_BYTES } from './xml.ts';

export interface ParseOptions {
  /** Larger documents are refused before parsing (default 5 MiB). */
  maxBytes?: number;
}

/**
 * Reads a Facturae 3.2.x, UBL 2.1 (Invoice, CreditNote) or CII D16B document into one model and
 * checks what the document alone can prove: required fields, totals, breakdown, dates, currency,
 * Spanish tax ids, and a Facturae's XAdES signature. Nothing is fetched and nothing is stored.
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
  const namespace = root.ns;
  const name = root.local;

  if (
    (namespace === UBL_INVOICE_NS && name === 'Invoice') ||
    (namespace === UBL_CREDIT_NOTE_NS && name === 'CreditNote')
  ) {
    const { version, invoice, issues } = readUbl(root);
    return result('ubl', version, [...issues, ...checkParsedInvoice(invoice, 'en16931')], invoice);
  }
  if (namespace === CII_NS && name === 'CrossIndustryInvoice') {
    const { version, invoice, issues } = readCii(root);
    return result('cii', version, [...issues, ...checkParsedInvoice(invoice, 'en16931')], invoice);
  }
  const facturaeVersion = FACTURAE_NAMESPACES.get(namespace);
  if (facturaeVersion && name === 'Facturae') {
    const signature = readSignature(text, root);
    // A signed document is read from xmldom's tree, the one whose digest xml-crypto checked, so
    // no difference between two parsers can put unsigned content in front of the readers.
    const { invoices, issues } = readFacturae(
      signature ? parseWithXmldom(text) : root,
      facturaeVersion,
    );
    const all = [
      ...issues,
      ...invoices.flatMap((inv, i) =>
        checkParsedInvoice(inv, 'facturae', invoices.length > 1 ? `invoices[${i}].` : ''),
      ),
      ...(signature?.issues ?? [UNSIGNED_FACTURAE]),
    ];
    const doc = result('facturae', facturaeVersion, all, invoices[0], signature?.report);
    if (invoices.length > 1) doc.invoices = invoices;
    return doc;
  }
  throw new UnreadableDocumentError(
    'unknown-root',
    `The root element {${namespace}}${name} is not a Facturae 3.2.x, UBL 2.1 Invoice or CreditNote, or CII CrossIndustryInvoice`,
  );
}

/**
 * A Facturae is an electronic invoice only with its XAdES signature (Orden PRE/2971/2007; FACe
 * refuses unsigned files): without one the document is not valid, however right its figures.
 * UBL and CII carry no signature of their own, so nothing is asked of them.
 */
const UNSIGNED_FACTURAE: ValidationIssue = {
  severity: 'error',
  rule: 'SIGNATURE-MISSING',
  path: '/ds:Signature',
  message:
    'The Facturae is not signed: a Facturae needs its XAdES signature (ds:Signature) to be a valid invoice',
};

function result(
  format: ParsedDocument['format'],
  version: string | undefined,
  errors: ValidationIssue[],
  invoice: ParsedDocument['invoice'],
  signature?: ParsedDocument['signature'],
): ParsedDocument {
  return {
    format,
    ...(version ? { version } : {}),
    valid: !errors.some((e) => e.severity === 'error'),
    errors,
    ...(signature ? { signature } : {}),
    ...(invoice ? { invoice } : {}),
  };
}
