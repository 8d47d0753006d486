import type { En16931Invoice } from '../en16931/document.ts';
import { leafWith } from '../en16931/xml.ts';
import { leaf, node } from '../xml/canonical.ts';

/**
 * PaymentMeans (BG-16) and PaymentTerms (BT-20) of an invoice with something to pay. A transfer
 * names the seller's account and carries the invoice number as remittance information (BT-83).
 */
export function buildPayment(doc: En16931Invoice): string {
  const means = doc.payment
    ? node(
        'cac:PaymentMeans',
        leafWith('cbc:PaymentMeansCode', 'name', doc.payment.name, doc.payment.code) +
          (doc.payment.iban
            ? leaf('cbc:PaymentID', doc.number) +
              node('cac:PayeeFinancialAccount', leaf('cbc:ID', doc.payment.iban))
            : ''),
      )
    : '';
  const terms = doc.paymentTerms
    ? node('cac:PaymentTerms', leaf('cbc:Note', doc.paymentTerms))
    : '';
  return means + terms;
}
