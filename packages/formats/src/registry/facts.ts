import { type FormatFacts, formatCatalog } from '@sello/core/formats';
import { cfdiFacts } from '../cfdi/facts.ts';
import { ciiFacts } from '../cii/facts.ts';
import { facturaeFacts } from '../facturae/facts.ts';
import { pdfFacts } from '../pdf/facts.ts';
import { ublFacts } from '../ubl/facts.ts';
import { verifactuFacts } from '../verifactu/facts.ts';

/**
 * The formats' facts, one line each, in the order mails attach them and lists show them: the
 * registry every other package learns formats from. The domain through the `FormatCatalog` port
 * (`formats`, wired by `@sello/app`), the contracts' enums and the portal directly. Data and pure
 * predicates only (each format's `facts.ts`), so that reading it bundles no builder.
 */
export const INVOICE_FORMATS = [
  pdfFacts,
  facturaeFacts,
  ublFacts,
  ciiFacts,
  verifactuFacts,
  cfdiFacts,
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

/** The catalog over these facts: what `@sello/app` gives the domain as its `FormatCatalog`. */
export const formats = /* @__PURE__ */ formatCatalog(INVOICE_FORMATS);

type NonEmpty<F> = readonly [F, ...F[]];

/** Every format id, for enums (`z.enum(FORMAT_IDS)`). */
export const FORMAT_IDS = formats.ids() as NonEmpty<FormatId>;
export const STORED_FORMATS = formats.ids('stored') as NonEmpty<StoredFormat>;
export const DELIVERY_FORMATS = formats.ids('delivery') as NonEmpty<DeliveryFormat>;
export const INBOX_FORMATS = formats.ids('inbox') as NonEmpty<InboxFormat>;
export const READABLE_FORMATS = formats.ids('readable') as NonEmpty<ReadableFormat>;

/** What a task attaches unless told otherwise: the printed invoice and Spain's legal original. */
export const DEFAULT_DELIVERY_FORMATS = [formats.printFormat, formats.originalIn('ES')].filter(
  (f): f is DeliveryFormat => !!f && DELIVERY_FORMATS.includes(f as DeliveryFormat),
);

/** A format's facts; an unknown id is a 400 naming `format`. */
export const formatFacts = (id: string) => formats.facts(id) as Entry;
export const isFormatId = (id: string): id is FormatId => formats.isFormatId(id);
/** The portal's label of a format in a language. */
export const formatLabel = (id: string, language: keyof FormatFacts['label']) =>
  formats.facts(id).label[language];

export type { FormatFacts } from '@sello/core/formats';
