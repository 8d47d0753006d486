import type { Invoice, PaymentMeans } from '@sello/core/invoices';
import { Dec } from '@sello/core/money';
import { leaf, node, optionalLeaf } from '../xml/canonical.ts';
import { FacturaeBuildError } from './errors.ts';
import { amount2, clip, date } from './format.ts';
import { issueDate } from './invoice-header.ts';

/** PaymentMeansType codes for Sello's payment means. */
export const PAYMENT_MEANS_CODES: Record<PaymentMeans, string> = {
  cash: '01',
  directDebit: '02',
  transfer: '04',
  card: '19',
  other: '13', // "Pago especial"
};

/**
 * PaymentDetails with one Installment for the whole amount due. A transfer names the issuer's
 * account to be credited, a direct debit the customer's account to be debited. Nothing is written
 * when there are no terms or nothing to collect (a credit note's total is zero or negative).
 */
export function buildPaymentDetails(invoice: Invoice): string {
  const payment = invoice.payment;
  if (!payment || new Dec(invoice.totals.total).lte(0)) {
    return '';
  }
  const means = PAYMENT_MEANS_CODES[payment.means];
  if (!means) {
    throw new FacturaeBuildError(`unknown payment means ${payment.means}`, 'payment.means');
  }
  const iban = payment.iban?.replace(/\s/g, '').toUpperCase();
  if (iban !== undefined && iban !== '' && !/^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/.test(iban)) {
    throw new FacturaeBuildError(`"${payment.iban}" is not an IBAN`, 'payment.iban');
  }
  const account = (name: string) => (iban ? node(name, leaf('IBAN', iban)) : '');
  return node(
    'PaymentDetails',
    node(
      'Installment',
      leaf(
        'InstallmentDueDate',
        payment.dueDate ? date(payment.dueDate, 'payment.dueDate') : issueDate(invoice),
      ) +
        leaf('InstallmentAmount', amount2(invoice.totals.total, 'totals.total')) +
        leaf('PaymentMeans', means) +
        (payment.means === 'transfer' ? account('AccountToBeCredited') : '') +
        (payment.means === 'directDebit' ? account('AccountToBeDebited') : '') +
        optionalLeaf('CollectionAdditionalInformation', payment.terms && clip(payment.terms, 2500)),
    ),
  );
}
