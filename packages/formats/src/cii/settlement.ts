import type { En16931Invoice } from '../en16931/document.ts';
import type { VatRow } from '../en16931/vat.ts';
import { leaf, node, optionalLeaf } from '../xml/canonical.ts';
import { qdtDate, udtDate, VAT_TYPE } from './format.ts';

/**
 * ApplicableHeaderTradeSettlement: currency, payment means, VAT breakdown, payment terms, totals
 * and the corrected invoice (BG-3). IRPF has no CII element (every trade tax is VAT, CII-DT-037):
 * it is the paid amount (BT-113) and a note.
 */
export function buildSettlement(doc: En16931Invoice): string {
  const payment = doc.payment;
  return node(
    'ram:ApplicableHeaderTradeSettlement',
    (payment?.iban ? leaf('ram:PaymentReference', doc.number) : '') +
      (doc.taxCurrency ? leaf('ram:TaxCurrencyCode', doc.taxCurrency.code) : '') +
      leaf('ram:InvoiceCurrencyCode', doc.currency) +
      (payment
        ? node(
            'ram:SpecifiedTradeSettlementPaymentMeans',
            leaf('ram:TypeCode', payment.code) +
              leaf('ram:Information', payment.name) +
              (payment.iban
                ? node('ram:PayeePartyCreditorFinancialAccount', leaf('ram:IBANID', payment.iban))
                : ''),
          )
        : '') +
      doc.vat.map(buildTradeTax).join('') +
      buildPaymentTerms(doc) +
      buildSummation(doc) +
      (doc.preceding
        ? node(
            'ram:InvoiceReferencedDocument',
            leaf('ram:IssuerAssignedID', doc.preceding.number) +
              node('ram:FormattedIssueDateTime', qdtDate(doc.preceding.issueDate)),
          )
        : ''),
  );
}

/** One VAT breakdown row (BG-23) as a header ApplicableTradeTax. */
export function buildTradeTax(row: VatRow): string {
  return node(
    'ram:ApplicableTradeTax',
    leaf('ram:CalculatedAmount', row.amount) +
      VAT_TYPE +
      optionalLeaf('ram:ExemptionReason', row.exemptionReason) +
      leaf('ram:BasisAmount', row.base) +
      leaf('ram:CategoryCode', row.code) +
      optionalLeaf('ram:ExemptionReasonCode', row.exemptionCode) +
      optionalLeaf('ram:RateApplicablePercent', row.rate),
  );
}

function buildPaymentTerms(doc: En16931Invoice): string {
  if (!doc.paymentTerms && !doc.dueDate) return '';
  return node(
    'ram:SpecifiedTradePaymentTerms',
    optionalLeaf('ram:Description', doc.paymentTerms) +
      (doc.dueDate ? node('ram:DueDateDateTime', udtDate(doc.dueDate)) : ''),
  );
}

/** SpecifiedTradeSettlementHeaderMonetarySummation (BG-22). */
export function buildSummation(doc: En16931Invoice): string {
  const t = doc.totals;
  return node(
    'ram:SpecifiedTradeSettlementHeaderMonetarySummation',
    leaf('ram:LineTotalAmount', t.lineNet) +
      leaf('ram:TaxBasisTotalAmount', t.taxExclusive) +
      `<ram:TaxTotalAmount currencyID="${doc.currency}">${doc.taxTotal}</ram:TaxTotalAmount>` +
      (doc.taxCurrency
        ? `<ram:TaxTotalAmount currencyID="${doc.taxCurrency.code}">${doc.taxCurrency.taxTotal}</ram:TaxTotalAmount>`
        : '') +
      leaf('ram:GrandTotalAmount', t.taxInclusive) +
      (t.prepaid ? leaf('ram:TotalPrepaidAmount', t.prepaid) : '') +
      leaf('ram:DuePayableAmount', t.payable),
  );
}
