import { createHash, randomBytes } from 'node:crypto';
import type { FormatCatalog } from '../formats/catalog.ts';
import type { Invoice } from '../invoices/model.ts';
import type { Clock } from '../ports/clock.ts';
import type { DocumentLinks, Jurisdiction } from './self-invoicing.ts';

/**
 * A grant to download one document of one invoice without credentials, until it expires: what
 * the self-invoicing page's links carry. The token is random (256 bits) and stored only as its
 * SHA-256, so the table holds nothing a reader could use as a link.
 */
export interface DocumentGrant {
  tokenHash: string;
  tenantId: string;
  invoiceId: string;
  /** A format of the invoice documents (an id of the `FormatCatalog`). */
  format: string;
  /** Epoch seconds; the store deletes expired grants (TTL) and reads refuse them before that. */
  expiresAt: number;
}

export interface DocumentGrantStore {
  put(grant: DocumentGrant): Promise<void>;
  /** Several at once (one request where the store can). */
  putAll?(grants: readonly DocumentGrant[]): Promise<void>;
  get(tokenHash: string): Promise<DocumentGrant | undefined>;
}

/** How long the buyer's links work: a week (the documents also went by e-mail). */
export const DOCUMENT_LINK_SECONDS = 7 * 24 * 3600;

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** Links (paths under the API, `/v1/public/documents/<token>`) to the XML and PDF of an invoice. */
export const grantedLinks = (deps: {
  grants: DocumentGrantStore;
  /** The XML each jurisdiction's buyer gets (its legal original) and the printed invoice. */
  formats: FormatCatalog;
  clock: Clock;
}): DocumentLinks => ({
  async linksFor(tenantId: string, invoice: Invoice, jurisdiction: Jurisdiction) {
    const expiresAt = Math.floor(deps.clock.now().getTime() / 1000) + DOCUMENT_LINK_SECONDS;
    const original = deps.formats.originalIn(jurisdiction);
    if (!original)
      throw new Error(`No format is the legal original of invoices of ${jurisdiction}`);
    const [xml, pdf] = [original, deps.formats.printFormat].map((format) => {
      const token = randomBytes(32).toString('base64url');
      const grant = {
        tokenHash: hashOf(token),
        tenantId,
        invoiceId: invoice.id,
        format,
        expiresAt,
      };
      return { grant, path: `/v1/public/documents/${token}` };
    }) as [{ grant: DocumentGrant; path: string }, { grant: DocumentGrant; path: string }];
    const grants = [xml.grant, pdf.grant];
    await (deps.grants.putAll
      ? deps.grants.putAll(grants)
      : Promise.all(grants.map((g) => deps.grants.put(g))));
    return { xml: xml.path, pdf: pdf.path };
  },
});

/** The grant a token names while it is in force; undefined for an unknown or expired one. */
export const openGrant =
  (deps: { grants: DocumentGrantStore; clock: Clock }) =>
  async (token: string): Promise<DocumentGrant | undefined> => {
    const grant = await deps.grants.get(hashOf(token));
    const now = deps.clock.now().getTime() / 1000;
    return grant && grant.expiresAt > now ? grant : undefined;
  };
