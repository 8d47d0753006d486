import type { FormatFacts } from '@sello/core/formats';

/** The invoice's latest VERI*FACTU record as the AEAT receives it, written on request. */
export const verifactuFacts = {
  id: 'verifactu',
  name: 'VERI*FACTU record',
  label: { es: 'Registro VERI*FACTU', ca: 'Registre VERI*FACTU', en: 'VERI*FACTU record' },
  mediaType: 'application/xml',
  fileExtension: 'verifactu.xml',
  // Records are kept by Spanish issuers for the invoices they issue here.
  appliesTo: (invoice) => invoice.origin !== 'import' && invoice.issuer.address.country === 'ES',
  notApplicable: (invoice) =>
    invoice.origin === 'import'
      ? `Invoice ${invoice.number} was imported; its VERI*FACTU record is kept by its issuer's system`
      : `Invoice ${invoice.number} is not issued from Spain; it has no VERI*FACTU record`,
} as const satisfies FormatFacts;
