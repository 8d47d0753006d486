import type { FormatFacts } from '@sello/core/formats';
import { notStamped, stampedOrNotMexican } from '../registry/jurisdictions.ts';

/** The printed invoice: stored once issued, a draft's is a preview; mailed, delivered, in inboxes. */
export const pdfFacts = {
  id: 'pdf',
  name: 'PDF',
  label: { es: 'PDF', ca: 'PDF', en: 'PDF' },
  mediaType: 'application/pdf',
  fileExtension: 'pdf',
  stored: { extension: 'pdf' },
  preview: true,
  mailed: true,
  delivery: true,
  inbox: true,
  // A CFDI's PDF is its printed representation: it carries the stamp.
  appliesTo: stampedOrNotMexican,
  notApplicable: notStamped,
} as const satisfies FormatFacts;
