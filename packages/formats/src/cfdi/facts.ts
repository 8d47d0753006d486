import type { FormatFacts } from '@sello/core/formats';
import { issuedInMexico, notStamped } from '../registry/jurisdictions.ts';

/** CFDI 4.0: the stamped XML, the legal original of Mexican invoices. */
export const cfdiFacts = {
  id: 'cfdi',
  name: 'CFDI',
  label: { es: 'CFDI (XML timbrado)', ca: 'CFDI (XML timbrat)', en: 'CFDI (stamped XML)' },
  mediaType: 'application/xml',
  fileExtension: 'cfdi.xml',
  // Stored by stamping (the PAC's stamp cannot be made again): the legal original.
  stored: { extension: 'cfdi.xml' },
  mailed: true,
  delivery: true,
  inbox: true,
  originalIn: ['MX'],
  appliesTo: (invoice) => issuedInMexico(invoice) && invoice.cfdi?.status === 'stamped',
  notApplicable: (invoice) =>
    issuedInMexico(invoice)
      ? notStamped(invoice)
      : `Invoice ${invoice.number} is not issued from Mexico; it has no CFDI`,
} as const satisfies FormatFacts;
