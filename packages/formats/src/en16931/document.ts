import type { Invoice } from '@sello/core/invoices';
import { Dec } from '@sello/core/money';
import { type Address, isEuCountry } from '@sello/core/parties';
import { add, cents, isNegative, isZero, money, plainNumber, price, type Sign } from './amounts.ts';
import { type Endpoint, paymentMeansCode, unitCode } from './codes.ts';
import { En16931BuildError } from './errors.ts';
import { type En16931Party, partyOf } from './parties.ts';
import { textsFor } from './texts.ts';
import {
  categoryKey,
  categoryOf,
  lineVatTaxes,
  type VatCategory,
  type VatContext,
  type VatRow,
  vatBreakdown,
  withholdings,
} from './vat.ts';

/**
 * An issued invoice in EN 16931 terms, everything already printed as the syntaxes write it: the
 * one place where Sello's model meets the semantic model, so UBL and CII only differ in markup.
 *
 * Signs. A document whose total is negative is a credit note (UBL CreditNote, CII 381), printed with
 * every amount and quantity negated, as EN 16931 wants credit notes. Anything else is an invoice;
 * a corrective with a total of zero or more (by substitution, or by differences that add) is an
 * invoice that references the corrected one (UBL 380; CII 384 "corrected invoice", which Peppol
 * allows only between German parties, PEPPOL-EN16931-P0112, hence 380 in UBL).
 */
export type DocumentKind = 'invoice' | 'corrected' | 'creditNote';

export interface ExportOptions {
  /** The VERI*FACTU QR URL, written as an additional supporting document (BG-24). */
  verifactuQrUrl?: string;
  /** BT-10. Defaults to the invoice number: Peppol needs a buyer or order reference. */
  buyerReference?: string;
}

export interface LineAllowance {
  amount: string;
  base: string;
  rate: string;
  reason: string;
}

export interface En16931Line {
  id: string;
  name: string;
  sellerItemId?: string;
  quantity: string;
  unitCode: string;
  /** BT-146: never negative (BR-27); a negative unit price moves its sign to the quantity. */
  price: string;
  net: string;
  allowance?: LineAllowance;
  category: VatCategory;
  /** BG-32 item attributes (the IVA and recargo that make up a combined rate). */
  properties: { name: string; value: string }[];
}

export interface Withholding {
  total: string;
  rows: { rate: string; base: string; amount: string }[];
}

export interface En16931Invoice {
  kind: DocumentKind;
  number: string;
  issueDate: string;
  /** BT-5, ISO 4217. */
  currency: string;
  /**
   * BT-6 and BT-111: the currency the VAT is accounted in (the seller's: EUR for Spain) and the
   * VAT total in it, when the invoice is in another currency.
   */
  taxCurrency?: { code: string; taxTotal: string };
  dueDate?: string;
  /** BT-72: the date of the operation when it differs from the issue date. */
  deliveryDate?: string;
  /** BG-15: only for intra-community supplies (BR-IC-12). */
  deliverTo?: Address;
  notes: string[];
  buyerReference: string;
  /** BT-12: the contract the buyer bills under (an insurer: the policy of the claim). */
  contractReference?: string;
  /** BT-18 with its UNTDID 1153 scheme (an insured vehicle: its plate, ABZ). */
  invoicedObject?: { id: string; scheme: string };
  preceding?: { number: string; issueDate: string };
  seller: En16931Party;
  buyer: En16931Party;
  payment?: { code: string; name: string; iban?: string };
  paymentTerms?: string;
  vat: VatRow[];
  taxTotal: string;
  withholding?: Withholding;
  totals: {
    lineNet: string;
    taxExclusive: string;
    taxInclusive: string;
    /** BT-113: IRPF withheld, so that BT-115 is what the customer pays the seller. */
    prepaid?: string;
    payable: string;
  };
  lines: En16931Line[];
  attachments: { id: string; description: string; uri: string }[];
}

const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/;

export function toEn16931(invoice: Invoice, options: ExportOptions = {}): En16931Invoice {
  const number = invoice.number?.trim();
  if (!number)
    throw new En16931BuildError('the invoice has no number yet; issue it first', 'number');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(invoice.issueDate)) {
    throw new En16931BuildError(`"${invoice.issueDate}" is not a YYYY-MM-DD date`, 'issueDate');
  }
  const sign: Sign = isNegative(invoice.totals.total, 'totals.total') ? -1 : 1;
  const kind: DocumentKind =
    sign === -1 ? 'creditNote' : invoice.kind === 'corrective' ? 'corrected' : 'invoice';
  const texts = textsFor(invoice.language);
  const customerCountry = invoice.customer.address.country.trim().toUpperCase();
  const ctx: VatContext = {
    buyerEuBusiness:
      invoice.customer.taxIdKind === 'EU_VAT' &&
      customerCountry !== 'ES' &&
      isEuCountry(customerCountry),
    notSubjectAsExempt: false,
    texts,
  };
  let rows = vatBreakdown(invoice, ctx);
  if (rows.some((r) => r.code === 'O') && rows.some((r) => r.code !== 'O')) {
    ctx.notSubjectAsExempt = true;
    rows = vatBreakdown(invoice, ctx);
  }
  const notSubjectOnly = rows.every((r) => r.code === 'O');

  const lines = invoice.lines.map((line, i): En16931Line => {
    const path = `lines.${i}`;
    const { main, surchargeRate } = lineVatTaxes(line.taxes, path);
    const quantitySign = ((isNegative(line.unitPrice, `${path}.unitPrice`) ? -1 : 1) *
      sign) as Sign;
    const discounted =
      line.discountRate !== undefined && !isZero(line.discount, `${path}.discount`);
    return {
      id: String(i + 1),
      name: line.description.trim(),
      ...(line.productId ? { sellerItemId: line.productId } : {}),
      quantity: plainNumber(line.quantity, `${path}.quantity`, quantitySign),
      unitCode: unitCode(line.unit),
      price: price(line.unitPrice, `${path}.unitPrice`),
      net: money(line.net, `${path}.net`, sign),
      ...(discounted
        ? {
            allowance: {
              amount: cents(line.discount, `${path}.discount`, sign),
              base: cents(line.gross, `${path}.gross`, sign),
              rate: plainNumber(line.discountRate!, `${path}.discountRate`),
              reason: texts.discount,
            },
          }
        : {}),
      category: categoryOf(main, surchargeRate, ctx),
      properties:
        surchargeRate === undefined
          ? []
          : [
              { name: texts.ivaRate, value: plainNumber(main.rate, `${path}.taxes`) },
              { name: texts.surchargeRate, value: plainNumber(surchargeRate, `${path}.taxes`) },
            ],
    };
  });
  checkBreakdown(invoice, lines, rows);

  const vat = rows.map((row, i) => ({
    ...row,
    base: money(row.base, `breakdown.${i}.base`, sign),
    amount: money(row.amount, `breakdown.${i}.amount`, sign),
  }));
  const withheld = withholdings(invoice).map((w, i) => ({
    rate: w.rate,
    base: money(w.base, `breakdown.withheld.${i}.base`, sign),
    amount: money(w.amount, `breakdown.withheld.${i}.amount`, sign),
  }));
  const { totals } = invoice;
  const payable = money(totals.total, 'totals.total', sign);
  const hasWithholding = !isZero(totals.withheld, 'totals.withheld');

  const notes = [
    invoice.notes?.trim() ?? '',
    invoice.claim ? texts.claim(invoice.claim) : '',
    invoice.corrective
      ? texts.corrective({
          method: invoice.corrective.method,
          number: invoice.corrective.originalNumber,
          date: invoice.corrective.originalIssueDate,
          reasonCode: invoice.corrective.reasonCode,
          reason: invoice.corrective.reasonDescription,
        })
      : '',
    ...vat.flatMap((row) =>
      row.surcharge
        ? [
            texts.surcharge({
              rate: row.rate!,
              ivaRate: row.surcharge.ivaRate,
              surchargeRate: row.surcharge.surchargeRate,
              base: row.base,
              ivaAmount: money(row.surcharge.ivaAmount, 'breakdown', sign),
              surchargeAmount: money(row.surcharge.surchargeAmount, 'breakdown', sign),
            }),
          ]
        : [],
    ),
    ...withheld.map((w) => texts.withholding(w)),
  ].filter((note) => note !== '');

  const positive = sign === 1 && !isZero(payable, 'totals.total');
  const payment = invoice.payment;
  const iban = payment?.iban?.replace(/\s/g, '').toUpperCase() || undefined;
  if (iban && !IBAN.test(iban)) {
    throw new En16931BuildError(`"${payment!.iban}" is not an IBAN`, 'payment.iban');
  }
  const transferIban = payment?.means === 'transfer' ? iban : undefined;
  const intraCommunity = vat.some((row) => row.code === 'K');
  const deliveryDate = invoice.operationDate ?? (intraCommunity ? invoice.issueDate : undefined);

  return {
    kind,
    number,
    issueDate: invoice.issueDate,
    currency: invoice.currency,
    ...taxCurrencyOf(invoice, sign),
    ...(positive && payment?.dueDate ? { dueDate: payment.dueDate } : {}),
    ...(deliveryDate ? { deliveryDate } : {}),
    ...(intraCommunity ? { deliverTo: partyOf(invoice.customer, 'customer', true).address } : {}),
    notes,
    // An insurer matches an invoice to its file by the claim number: the buyer's reference.
    buyerReference: invoice.claim?.claimNumber || options.buyerReference?.trim() || number,
    ...(invoice.claim
      ? {
          contractReference: invoice.claim.policyNumber,
          // UNTDID 1153 ABZ: vehicle licence number.
          invoicedObject: { id: invoice.claim.plate, scheme: 'ABZ' },
        }
      : {}),
    ...(invoice.corrective
      ? {
          preceding: {
            number: invoice.corrective.originalNumber,
            issueDate: invoice.corrective.originalIssueDate,
          },
        }
      : {}),
    seller: partyOf(invoice.issuer, 'issuer', !notSubjectOnly),
    buyer: partyOf(invoice.customer, 'customer', !notSubjectOnly),
    ...(positive && payment
      ? {
          payment: {
            code: paymentMeansCode(payment.means, transferIban !== undefined),
            name: texts.paymentMeans[payment.means] ?? texts.paymentMeans.other,
            ...(transferIban ? { iban: transferIban } : {}),
          },
        }
      : {}),
    ...(positive && payment?.terms?.trim() ? { paymentTerms: payment.terms.trim() } : {}),
    vat,
    taxTotal: money(totals.tax, 'totals.tax', sign),
    ...(withheld.length
      ? { withholding: { total: money(totals.withheld, 'totals.withheld', sign), rows: withheld } }
      : {}),
    totals: {
      lineNet: money(totals.net, 'totals.net', sign),
      taxExclusive: money(totals.net, 'totals.net', sign),
      taxInclusive: money(add(totals.net, totals.tax), 'totals', sign),
      ...(hasWithholding ? { prepaid: money(totals.withheld, 'totals.withheld', sign) } : {}),
      payable,
    },
    lines,
    attachments: options.verifactuQrUrl?.trim()
      ? [{ id: 'VERI*FACTU', description: texts.verifactu, uri: options.verifactuQrUrl.trim() }]
      : [],
  };
}

/**
 * Every breakdown row must be the sum of the lines of its category and rate (BR-S-08 and its
 * siblings); a mismatch means the mapping of lines and rows went apart, which is a bug here.
 */
function checkBreakdown(invoice: Invoice, lines: En16931Line[], rows: VatRow[]): void {
  const sums = new Map<string, Dec>();
  for (const [i, line] of lines.entries()) {
    const key = categoryKey(line.category);
    sums.set(key, (sums.get(key) ?? new Dec(0)).plus(invoice.lines[i]!.net));
  }
  for (const [i, row] of rows.entries()) {
    const key = categoryKey(row);
    if (!sums.get(key)?.equals(row.base)) {
      throw new En16931BuildError(
        `the ${key} row's base ${row.base} is not the sum of its lines`,
        `breakdown.${i}`,
      );
    }
    sums.delete(key);
  }
  // Lines whose net adds up to zero (a 100 % discount, a line and its reversal) may have no row.
  const orphans = [...sums].filter(([, total]) => !total.isZero()).map(([key]) => key);
  if (orphans.length) {
    throw new En16931BuildError(`lines of ${orphans.join(', ')} have no row`, 'breakdown');
  }
}

export type { Endpoint };

/**
 * The VAT total in the seller's accounting currency (EUR, or MXN for a Mexican seller) at the
 * invoice's exchange rate, for an invoice in another currency (EN 16931 BT-6, BT-111; BR-53).
 */
function taxCurrencyOf(
  invoice: Invoice,
  sign: Sign,
): { taxCurrency?: En16931Invoice['taxCurrency'] } {
  const accounting = invoice.issuer.address.country === 'MX' ? 'MXN' : 'EUR';
  if (invoice.currency === accounting) return {};
  if (!invoice.exchangeRate) {
    throw new En16931BuildError(
      `an invoice in ${invoice.currency} needs its exchange rate to ${accounting}`,
      'exchangeRate',
    );
  }
  const taxTotal = new Dec(invoice.totals.tax).times(invoice.exchangeRate).toFixed(8);
  return {
    taxCurrency: { code: accounting, taxTotal: cents(taxTotal, 'totals.tax', sign) },
  };
}
