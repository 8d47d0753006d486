import type { FormatFacts } from '@sello/core/formats';
import { issuedInMexico } from '../registry/jurisdictions.ts';

/** UBL 2.1 / Peppol BIS Billing 3.0, built on request; delivered, in inboxes, readable. */
export const ublFacts = {
  id: 'ubl',
  name: 'UBL',
  label: { es: 'UBL', ca: 'UBL', en: 'UBL' },
  mediaType: 'application/xml',
  fileExtension: 'ubl.xml',
  delivery: true,
  inbox: true,
  readable: true,
  appliesTo: (invoice) => !issuedInMexico(invoice),
  notApplicable: (invoice) => `Invoice ${invoice.number} is a Mexican CFDI; it has no UBL`,
} as const satisfies FormatFacts;
