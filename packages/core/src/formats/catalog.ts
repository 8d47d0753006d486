import { ValidationError } from '../errors.ts';
import type { Invoice } from '../invoices/model.ts';

/**
 * What Sello knows about each document format an invoice has, in one table: the facts the domain,
 * the contracts (route enums, the portal) and the builders of `@sello/formats` all read. Data and
 * pure predicates only, so the portal's bundle can carry it; how a document is built lives with
 * its builder (`@sello/formats` registry), wired in `@sello/app`.
 */
export interface FormatFacts {
  readonly id: string;
  /** How people call it, for messages. */
  readonly name: string;
  readonly mediaType: string;
  /** The extension of the file people receive (downloads, attachments), after the invoice number. */
  readonly fileExtension: string;
  /**
   * Made once when the invoice is issued and kept in the artifact store under
   * `tenants/<t>/invoices/<id>/<number>.<extension>`; absent: built on request from the frozen
   * invoice, never stored.
   */
  readonly stored?: { readonly extension: string };
  /** A draft can be previewed in it (unnumbered, marked as a draft). */
  readonly preview?: true;
  /** Attached when the invoice is e-mailed (send, and the buyer's notification). */
  readonly mailed?: true;
  /** An automatic task may attach it to the invoices it e-mails. */
  readonly delivery?: true;
  /** Buyers download it from their inbox. */
  readonly inbox?: true;
  /** `@sello/formats/parse` reads it: it can be validated and imported. */
  readonly readable?: true;
  /**
   * Which issued invoices have it (absent: all). A format of one jurisdiction, or only of
   * invoices issued here, says so here; drafts are decided by `preview`.
   */
  readonly appliesTo?: (invoice: Invoice) => boolean;
  /** Why an invoice it does not apply to has none, for the 409. */
  readonly notApplicable?: (invoice: Invoice) => string;
}

/**
 * Whether the invoice has a Facturae: one we sign, or the one its issuer's system signed and
 * imported. An imported UBL or CII invoice has none: signing one in the tenant's name would make a
 * second original of an invoice issued elsewhere.
 */
export const hasFacturae = (invoice: Invoice) =>
  !issuedInMexico(invoice) &&
  (invoice.origin !== 'import' || invoice.imported?.format === 'facturae');

/** Mexican issuers' invoices are CFDI, and only CFDI: no Facturae, no EN 16931 syntaxes. */
const issuedInMexico = (invoice: Invoice) => invoice.issuer.address.country === 'MX';

/** A CFDI has fiscal existence, and so documents, once the PAC stamped it. */
const stampedOrNotCfdi = (invoice: Invoice) =>
  !issuedInMexico(invoice) || invoice.cfdi?.status === 'stamped';

const notStamped = (invoice: Invoice) =>
  `Invoice ${invoice.number} is not stamped yet (its CFDI is ${invoice.cfdi?.status ?? 'pending'}); ` +
  'it has no documents until the PAC stamps it';

/**
 * The formats, in the order mails attach them and lists show them. Adding a format is one entry
 * here and its builder in `@sello/formats` (see its README, "Adding a format").
 */
export const INVOICE_FORMATS = [
  {
    id: 'pdf',
    name: 'PDF',
    mediaType: 'application/pdf',
    fileExtension: 'pdf',
    stored: { extension: 'pdf' },
    preview: true,
    mailed: true,
    delivery: true,
    inbox: true,
    // A CFDI's PDF is its printed representation: it carries the stamp.
    appliesTo: stampedOrNotCfdi,
    notApplicable: notStamped,
  },
  {
    id: 'facturae',
    name: 'Facturae',
    mediaType: 'application/xml',
    // A signed Facturae is `.xsig` for Spanish platforms.
    fileExtension: 'xsig',
    stored: { extension: 'xml' },
    mailed: true,
    delivery: true,
    inbox: true,
    readable: true,
    appliesTo: hasFacturae,
    notApplicable: (invoice) =>
      issuedInMexico(invoice)
        ? `Invoice ${invoice.number} is a Mexican CFDI; it has no Facturae`
        : `Invoice ${invoice.number} was imported as ${invoice.imported?.format.toUpperCase()}; it has no Facturae`,
  },
  {
    id: 'ubl',
    name: 'UBL',
    mediaType: 'application/xml',
    fileExtension: 'ubl.xml',
    delivery: true,
    inbox: true,
    readable: true,
    appliesTo: (invoice) => !issuedInMexico(invoice),
    notApplicable: (invoice) => `Invoice ${invoice.number} is a Mexican CFDI; it has no UBL`,
  },
  {
    id: 'cii',
    name: 'CII',
    mediaType: 'application/xml',
    fileExtension: 'cii.xml',
    inbox: true,
    readable: true,
    appliesTo: (invoice) => !issuedInMexico(invoice),
    notApplicable: (invoice) => `Invoice ${invoice.number} is a Mexican CFDI; it has no CII`,
  },
  {
    id: 'verifactu',
    name: 'VERI*FACTU record',
    mediaType: 'application/xml',
    fileExtension: 'verifactu.xml',
    // Records are kept by Spanish issuers for the invoices they issue here.
    appliesTo: (invoice) => invoice.origin !== 'import' && invoice.issuer.address.country === 'ES',
    notApplicable: (invoice) =>
      invoice.origin === 'import'
        ? `Invoice ${invoice.number} was imported; its VERI*FACTU record is kept by its issuer's system`
        : `Invoice ${invoice.number} is not issued from Spain; it has no VERI*FACTU record`,
  },
  {
    id: 'cfdi',
    name: 'CFDI',
    mediaType: 'application/xml',
    fileExtension: 'cfdi.xml',
    // Stored by stamping (the PAC's stamp cannot be made again): the legal original.
    stored: { extension: 'cfdi.xml' },
    mailed: true,
    delivery: true,
    inbox: true,
    appliesTo: (invoice) => issuedInMexico(invoice) && invoice.cfdi?.status === 'stamped',
    notApplicable: (invoice) =>
      issuedInMexico(invoice)
        ? notStamped(invoice)
        : `Invoice ${invoice.number} is not issued from Mexico; it has no CFDI`,
  },
] as const satisfies readonly FormatFacts[];

type Entry = (typeof INVOICE_FORMATS)[number];
type IdsWith<Flag extends keyof FormatFacts> = Extract<Entry, Record<Flag, unknown>>['id'];

export type FormatId = Entry['id'];
/** Formats made once at issue and stored. */
export type StoredFormat = IdsWith<'stored'>;
/** Formats built on request from the frozen invoice. */
export type OnRequestFormat = Exclude<FormatId, StoredFormat>;
export type DeliveryFormat = IdsWith<'delivery'>;
export type InboxFormat = IdsWith<'inbox'>;
export type ReadableFormat = IdsWith<'readable'>;

const idsWith = <F extends FormatId>(flag: keyof FormatFacts) =>
  INVOICE_FORMATS.filter((f) => flag in f).map((f) => f.id) as unknown as readonly [F, ...F[]];

/** Every format id, for enums (`z.enum(FORMAT_IDS)`). */
export const FORMAT_IDS = INVOICE_FORMATS.map((f) => f.id) as unknown as readonly [
  FormatId,
  ...FormatId[],
];
export const STORED_FORMATS = idsWith<StoredFormat>('stored');
export const DELIVERY_FORMATS = idsWith<DeliveryFormat>('delivery');
export const INBOX_FORMATS = idsWith<InboxFormat>('inbox');
export const READABLE_FORMATS = idsWith<ReadableFormat>('readable');

const BY_ID = new Map<string, FormatFacts>(INVOICE_FORMATS.map((f) => [f.id, f]));

export const isFormatId = (id: string): id is FormatId => BY_ID.has(id);

/** A format's facts; an unknown id is the caller's mistake, answered 400 naming `format`. */
export function formatFacts(id: string): FormatFacts & { readonly id: FormatId } {
  const facts = BY_ID.get(id);
  if (!facts) {
    throw new ValidationError(`Unknown document format ${JSON.stringify(id)}`, [
      { path: 'format', message: `One of ${FORMAT_IDS.join(', ')}` },
    ]);
  }
  return facts as FormatFacts & { id: FormatId };
}

/** Whether an issued invoice has this format (drafts: see `preview`). */
export const formatAppliesTo = (facts: FormatFacts, invoice: Invoice) =>
  facts.appliesTo?.(invoice) ?? true;

/** The formats, of those given (in their order), that apply to an issued invoice. */
export const applicableFormats = <F extends FormatId>(invoice: Invoice, ids: readonly F[]): F[] =>
  ids.filter((id) => formatAppliesTo(formatFacts(id), invoice));
