import type { FormatFacts } from '@sello/core/formats';
import { issuedInMexico } from '../registry/jurisdictions.ts';

/** UN/CEFACT CII D16B (EN 16931), built on request; in inboxes, readable. */
export const ciiFacts = {
  id: 'cii',
  name: 'CII',
  label: { es: 'CII', ca: 'CII', en: 'CII' },
  mediaType: 'application/xml',
  fileExtension: 'cii.xml',
  inbox: true,
  readable: true,
  appliesTo: (invoice) => !issuedInMexico(invoice),
  notApplicable: (invoice) => `Invoice ${invoice.number} is a Mexican CFDI; it has no CII`,
} as const satisfies FormatFacts;
