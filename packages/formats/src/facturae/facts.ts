import type { FormatFacts } from '@sello/core/formats';
import type { Invoice } from '@sello/core/invoices';
import { issuedInMexico } from '../registry/jurisdictions.ts';

/**
 * Whether the invoice has a Facturae: one we sign, or the one its issuer's system signed and
 * imported. An imported UBL or CII invoice has none: signing one in the tenant's name would make a
 * second original of an invoice issued elsewhere.
 */
export const hasFacturae = (invoice: Invoice) =>
  !issuedInMexico(invoice) &&
  (invoice.origin !== 'import' || invoice.imported?.format === 'facturae');

/** Facturae 3.2.2 signed XAdES-EPES: the legal original of Spanish invoices, stored at issue. */
export const facturaeFacts = {
  id: 'facturae',
  name: 'Facturae',
  label: { es: 'Facturae', ca: 'Facturae', en: 'Facturae' },
  mediaType: 'application/xml',
  // A signed Facturae is `.xsig` for Spanish platforms.
  fileExtension: 'xsig',
  stored: { extension: 'xml' },
  mailed: true,
  delivery: true,
  inbox: true,
  readable: true,
  originalIn: ['ES'],
  appliesTo: hasFacturae,
  notApplicable: (invoice) =>
    issuedInMexico(invoice)
      ? `Invoice ${invoice.number} is a Mexican CFDI; it has no Facturae`
      : `Invoice ${invoice.number} was imported as ${invoice.imported?.format.toUpperCase()}; it has no Facturae`,
} as const satisfies FormatFacts;
