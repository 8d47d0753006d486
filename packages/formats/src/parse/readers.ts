import {
  checkParsedInvoice,
  type ParsedDocument,
  type ValidationIssue,
} from '@sello/core/documents';
import { READABLE_FORMATS, type ReadableFormat } from '../registry/facts.ts';
import { CII_NS, readCii } from './cii.ts';
import { FACTURAE_NAMESPACES, readFacturae } from './facturae.ts';
import { readSignature } from './signature.ts';
import { readUbl, UBL_CREDIT_NOTE_NS, UBL_INVOICE_NS } from './ubl.ts';
import { parseWithXmldom, type XmlElement } from './xml.ts';

/**
 * How a readable format is read: whether a document's root element is one of its, and the
 * document read into the one model with the checks that apply to it.
 */
export interface FormatReader {
  /** What it reads, for the message that refuses anything else ("a Facturae 3.2.x"). */
  readonly reads: string;
  accepts(root: XmlElement): boolean;
  /** `text` is the decoded document, `root` its parsed root element. */
  read(text: string, root: XmlElement): ParsedDocument;
}

export const ublReader: FormatReader = {
  reads: 'UBL 2.1 Invoice or CreditNote',
  accepts: (root) =>
    (root.ns === UBL_INVOICE_NS && root.local === 'Invoice') ||
    (root.ns === UBL_CREDIT_NOTE_NS && root.local === 'CreditNote'),
  read(_text, root) {
    const { version, invoice, issues } = readUbl(root);
    return result('ubl', version, [...issues, ...checkParsedInvoice(invoice, 'en16931')], invoice);
  },
};

export const ciiReader: FormatReader = {
  reads: 'CII CrossIndustryInvoice',
  accepts: (root) => root.ns === CII_NS && root.local === 'CrossIndustryInvoice',
  read(_text, root) {
    const { version, invoice, issues } = readCii(root);
    return result('cii', version, [...issues, ...checkParsedInvoice(invoice, 'en16931')], invoice);
  },
};

export const facturaeReader: FormatReader = {
  reads: 'Facturae 3.2.x',
  accepts: (root) => FACTURAE_NAMESPACES.has(root.ns) && root.local === 'Facturae',
  read(text, root) {
    const facturaeVersion = FACTURAE_NAMESPACES.get(root.ns)!;
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
  },
};

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

/**
 * The reader of each format whose facts say `readable`, one line each (the compiler names a
 * readable id without one). Apart from the builders' table, so that reading carries no builder
 * and building no parser or signature verifier.
 */
export const FORMAT_READERS: { readonly [F in ReadableFormat]: FormatReader } = {
  facturae: facturaeReader,
  ubl: ublReader,
  cii: ciiReader,
};

/** The readers in the facts' order. */
export const formatReaders = (): FormatReader[] => READABLE_FORMATS.map((id) => FORMAT_READERS[id]);
