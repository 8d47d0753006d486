import type { Invoice } from '@sello/core/invoices';

/**
 * What the formats' facts ask of an invoice to say whether they apply to it, shared by several
 * folders: where it was issued, and whether a Mexican invoice has fiscal existence yet.
 */

/** Mexican issuers' invoices are CFDI, and only CFDI: no Facturae, no EN 16931 syntaxes. */
export const issuedInMexico = (invoice: Invoice) => invoice.issuer.address.country === 'MX';

/** A CFDI has fiscal existence, and so documents, once the PAC stamped it. */
export const stampedOrNotMexican = (invoice: Invoice) =>
  !issuedInMexico(invoice) || invoice.cfdi?.status === 'stamped';

/** Why a Mexican invoice the PAC has not stamped has no documents, for the 409. */
export const notStamped = (invoice: Invoice) =>
  `Invoice ${invoice.number} is not stamped yet (its CFDI is ${invoice.cfdi?.status ?? 'pending'}); ` +
  'it has no documents until the PAC stamps it';
