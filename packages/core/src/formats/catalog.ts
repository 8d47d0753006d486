import { ValidationError } from '../errors.ts';
import type { Invoice } from '../invoices/model.ts';

/**
 * What the domain knows of a document format: its facts, which live with the format in its folder
 * of `@sello/formats` and reach the domain through the `FormatCatalog` port that `@sello/app`
 * wires. Data and pure predicates only, so the contracts and the portal's bundle read the same
 * facts (`@sello/formats/facts`).
 */
export interface FormatFacts {
  readonly id: string;
  /** How people call it, for messages. */
  readonly name: string;
  /** What the portal shows for it (download buttons, delivery options), in its languages. */
  readonly label: { readonly es: string; readonly ca: string; readonly en: string };
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
   * The legal XML original of invoices issued in these countries (what a self-invoice's buyer is
   * given next to the PDF).
   */
  readonly originalIn?: readonly string[];
  /**
   * Which issued invoices have it (absent: all). A format of one jurisdiction, or only of
   * invoices issued here, says so here; drafts are decided by `preview`.
   */
  readonly appliesTo?: (invoice: Invoice) => boolean;
  /** Why an invoice it does not apply to has none, for the 409. */
  readonly notApplicable?: (invoice: Invoice) => string;
}

/** A flag of the facts that selects some formats (`stored`, `mailed`, …). */
export type FormatFlag = 'stored' | 'preview' | 'mailed' | 'delivery' | 'inbox' | 'readable';

/**
 * The port through which the domain learns the formats: the facts of each, in the order mails
 * attach them and lists show them, and what follows from them (file and object names, which
 * formats an invoice has). The domain names no format: ids arrive from requests (checked here),
 * from stored records, or from these lists.
 */
export interface FormatCatalog {
  /** Every format, in order. */
  readonly list: readonly FormatFacts[];
  /** The ids of the formats with a flag, in order. */
  ids(flag?: FormatFlag): readonly string[];
  isFormatId(id: string): boolean;
  /** A format's facts; an unknown id is the caller's mistake, a 400 naming `format`. */
  facts(id: string): FormatFacts;
  /** Whether an issued invoice has this format (drafts: see `preview`). */
  appliesTo(id: string, invoice: Invoice): boolean;
  /** The formats, of those given (in their order), that apply to an issued invoice. */
  applicable<F extends string>(invoice: Invoice, ids: readonly F[]): F[];
  /** The stored documents an issued invoice has. */
  storedFor(invoice: Invoice): string[];
  /** The printed invoice: the format drafts are previewed in, which every buyer also gets. */
  readonly printFormat: string;
  /** The legal XML original of an invoice issued in this country, if Sello writes one. */
  originalIn(country: string): string | undefined;
  /** The name of a document's file, `<number>.<extension>`. */
  fileName(invoice: Invoice, id: string): string;
  /** `tenants/<t>/invoices/<id>/<number>.<stored extension>`: tenant-scoped, one object each. */
  artifactKey(invoice: Invoice, id: string): string;
}

/** The invoice number (or id, for a draft) made safe for file and object names. */
export const documentBaseName = (invoice: Invoice) =>
  (invoice.number ?? invoice.id).replace(/[^\w.-]/g, '_');

/** The catalog over a list of facts (the registry's, or a test's). */
export function formatCatalog(list: readonly FormatFacts[]): FormatCatalog {
  const byId = new Map(list.map((f) => [f.id, f]));
  const allIds = list.map((f) => f.id);
  const facts = (id: string): FormatFacts => {
    const found = byId.get(id);
    if (!found) {
      throw new ValidationError(`Unknown document format ${JSON.stringify(id)}`, [
        { path: 'format', message: `One of ${allIds.join(', ')}` },
      ]);
    }
    return found;
  };
  const appliesTo = (id: string, invoice: Invoice) => facts(id).appliesTo?.(invoice) ?? true;
  const ids = (flag?: FormatFlag) => (flag ? list.filter((f) => f[flag]).map((f) => f.id) : allIds);
  const preview = list.find((f) => f.preview);
  if (!preview) throw new Error('No format previews drafts');
  return {
    list,
    ids,
    isFormatId: (id) => byId.has(id),
    facts,
    appliesTo,
    applicable: (invoice, wanted) => wanted.filter((id) => appliesTo(id, invoice)),
    storedFor: (invoice) => ids('stored').filter((id) => appliesTo(id, invoice)),
    printFormat: preview.id,
    originalIn: (country) => list.find((f) => f.originalIn?.includes(country))?.id,
    fileName: (invoice, id) => `${documentBaseName(invoice)}.${facts(id).fileExtension}`,
    artifactKey(invoice, id) {
      const stored = facts(id).stored;
      if (!stored) throw new Error(`The ${facts(id).name} is not a stored format`);
      return `tenants/${invoice.tenantId}/invoices/${invoice.id}/${documentBaseName(invoice)}.${stored.extension}`;
    },
  };
}
