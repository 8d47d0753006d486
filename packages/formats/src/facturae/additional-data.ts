import type { Invoice } from '@sello/core/invoices';
import { leaf, node } from '../xml/canonical.ts';
import { clip } from './format.ts';
import { specialTaxableEvent } from './taxes.ts';

/**
 * LegalLiterals: the legal reason of every exempt or not-subject operation on the invoice (an
 * invoice must cite it, RD 1619/2012 art. 6.1.j), then any literals the caller adds.
 */
export function buildLegalLiterals(invoice: Invoice, extra: readonly string[] = []): string {
  const reasons = new Set<string>();
  for (const line of invoice.lines) {
    for (const tax of line.taxes) {
      const event = specialTaxableEvent(tax);
      if (event) reasons.add(event.reason);
    }
  }
  const literals = [...reasons, ...extra].map((text) => clip(text, 250)).filter(Boolean);
  return literals.length
    ? node('LegalLiterals', literals.map((text) => leaf('LegalReference', text)).join(''))
    : '';
}

/** AdditionalData: the corrected invoice (for a corrective) and the invoice's notes. */
export function buildAdditionalData(invoice: Invoice, information?: string): string {
  const related = invoice.corrective
    ? leaf(
        'RelatedInvoice',
        clip(`${invoice.corrective.originalSeries}${invoice.corrective.originalNumber}`, 40),
      )
    : '';
  const text = [invoice.notes, information].filter((s) => s?.trim()).join('\n');
  const notes = text ? leaf('InvoiceAdditionalInformation', clip(text, 2500)) : '';
  return related || notes ? node('AdditionalData', related + notes) : '';
}
