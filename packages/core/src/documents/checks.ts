import { Dec } from '../money/decimal.ts';
import { validateTaxId } from '../parties/tax-id.ts';
import type {
  ParsedInvoice,
  ParsedLine,
  ParsedParty,
  ParsedTax,
  ValidationIssue,
} from './parsed.ts';

/**
 * Which rules apply: EN 16931 (UBL, CII) or Facturae's own arithmetic. Both share the totals
 * rules; EN 16931 adds its required business terms and per-category breakdown rules, Facturae
 * adds withholding.
 */
export type RuleSet = 'en16931' | 'facturae';

/**
 * The checks that need nothing but the document: required fields, number and date syntax,
 * currency code, totals consistency, breakdown rows, Spanish tax id check characters. Rule ids
 * are EN 16931's (BR-…) where the check is that rule; `at` prefixes every path (batch invoices).
 * Amounts are compared as EN 16931's schematron does: a computed sum is rounded to cents (half
 * towards +∞, XPath's `round`) and must equal the stated figure; BR-CO-17 and BR-S-08 allow
 * the same ±1 the official rules allow. The rest of EN 16931 (optional groups, code lists, the
 * per-category rules, and BR-CO-17 whose bounds differ between UBL and CII) is `checkEn16931`'s,
 * which the UBL and CII readers run.
 */
export function checkParsedInvoice(
  invoice: ParsedInvoice,
  rules: RuleSet,
  at = '',
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const report: Report = (rule, path, message) =>
    issues.push({ severity: 'error', rule, path: `${at}${path}`, message });
  checkRequired(invoice, rules, report);
  checkSyntax(invoice, report);
  checkTotals(invoice, rules, report);
  checkBreakdown(invoice, rules, report);
  checkTaxId(invoice.seller, 'seller', report);
  checkTaxId(invoice.buyer, 'buyer', report);
  return issues;
}

type Report = (rule: string, path: string, message: string) => void;

// ---------------------------------------------------------------------------------------------
// Numbers

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** The value as a decimal when it is one (xs:decimal syntax), else undefined. */
export function decimalOf(value: string | undefined): Dec | undefined {
  return value !== undefined && DECIMAL.test(value) ? new Dec(value) : undefined;
}

/** To cents the way XPath's round() does it: half towards positive infinity. */
const cents = (d: Dec) => d.toDecimalPlaces(2, Dec.ROUND_HALF_CEIL);
const total = (values: Dec[]) => values.reduce((a, b) => a.plus(b), new Dec(0));
/** Every value parsed, or undefined when one is missing or malformed (already reported). */
const all = (values: (string | undefined)[]): Dec[] | undefined => {
  const out: Dec[] = [];
  for (const v of values) {
    const d = decimalOf(v);
    if (!d) return undefined;
    out.push(d);
  }
  return out;
};

// ---------------------------------------------------------------------------------------------
// Required business terms

function checkRequired(invoice: ParsedInvoice, rules: RuleSet, report: Report): void {
  const en = rules === 'en16931';
  const need = (value: unknown, rule: string, path: string, what: string) => {
    if (value === undefined || value === '') report(rule, path, `${what} is missing`);
  };
  if (en) need(invoice.specification, 'BR-01', 'specification', 'The specification identifier');
  need(invoice.number, 'BR-02', 'number', 'The invoice number');
  need(invoice.issueDate, 'BR-03', 'issueDate', 'The issue date');
  if (en) need(invoice.typeCode, 'BR-04', 'typeCode', 'The invoice type code');
  need(invoice.currency, 'BR-05', 'currency', 'The invoice currency code');
  need(invoice.seller.name, 'BR-06', 'seller.name', "The seller's name");
  need(invoice.buyer.name, 'BR-07', 'buyer.name', "The buyer's name");
  if (en) {
    need(invoice.seller.address, 'BR-08', 'seller.address', "The seller's postal address");
    need(
      invoice.seller.address?.countryCode,
      'BR-09',
      'seller.address.countryCode',
      "The seller's country code",
    );
    need(invoice.buyer.address, 'BR-10', 'buyer.address', "The buyer's postal address");
    need(
      invoice.buyer.address?.countryCode,
      'BR-11',
      'buyer.address.countryCode',
      "The buyer's country code",
    );
  } else {
    need(invoice.seller.taxId, 'FACTURAE-REQUIRED', 'seller.taxId', "The seller's tax id");
    need(invoice.buyer.taxId, 'FACTURAE-REQUIRED', 'buyer.taxId', "The buyer's tax id");
  }
  need(invoice.totals.lineNet, 'BR-12', 'totals.lineNet', 'The sum of line net amounts');
  need(invoice.totals.net, 'BR-13', 'totals.net', 'The total without tax');
  need(invoice.totals.total, 'BR-14', 'totals.total', 'The total with tax');
  need(invoice.totals.payable, 'BR-15', 'totals.payable', 'The amount due');
  if (invoice.lines.length === 0) report('BR-16', 'lines', 'The invoice has no lines');
  if (en && invoice.breakdown.length === 0) {
    report('BR-CO-18', 'breakdown', 'The invoice has no VAT breakdown');
  }
  invoice.lines.forEach((line, i) => {
    const path = `lines[${i}]`;
    if (en) need(line.id, 'BR-21', `${path}.id`, `Line ${i + 1}'s identifier`);
    need(line.quantity, 'BR-22', `${path}.quantity`, `Line ${i + 1}'s quantity`);
    if (en) need(line.unitCode, 'BR-23', `${path}.unitCode`, `Line ${i + 1}'s unit of measure`);
    need(line.net, 'BR-24', `${path}.net`, `Line ${i + 1}'s net amount`);
    need(line.description, 'BR-25', `${path}.description`, `Line ${i + 1}'s item name`);
    need(line.unitPrice, 'BR-26', `${path}.unitPrice`, `Line ${i + 1}'s net price`);
    if (en && decimalOf(line.unitPrice)?.isNegative()) {
      report('BR-27', `${path}.unitPrice`, `Line ${i + 1}'s net price must not be negative`);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Syntax: amounts, dates, currency

/** YYYY-MM-DD naming a day that exists (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
}

const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

function checkSyntax(invoice: ParsedInvoice, report: Report): void {
  const amount = (value: string | undefined, path: string) => {
    if (value !== undefined && value !== '' && !DECIMAL.test(value)) {
      report('AMOUNT', path, `"${value}" is not a decimal number`);
    }
  };
  const date = (value: string | undefined, path: string) => {
    if (value !== undefined && value !== '' && !isCalendarDate(value)) {
      report('DATE', path, `"${value}" is not a calendar date (YYYY-MM-DD)`);
    }
  };
  const tax = (t: ParsedTax, path: string): void => {
    amount(t.rate, `${path}.rate`);
    amount(t.base, `${path}.base`);
    amount(t.amount, `${path}.amount`);
  };
  for (const [key, value] of Object.entries(invoice.totals)) amount(value, `totals.${key}`);
  invoice.lines.forEach((line, i) => {
    const path = `lines[${i}]`;
    amount(line.quantity, `${path}.quantity`);
    amount(line.unitPrice, `${path}.unitPrice`);
    amount(line.baseQuantity, `${path}.baseQuantity`);
    amount(line.net, `${path}.net`);
    line.taxes.forEach((t, j) => {
      tax(t, `${path}.taxes[${j}]`);
    });
  });
  invoice.breakdown.forEach((t, i) => {
    tax(t, `breakdown[${i}]`);
  });
  invoice.allowanceCharges?.forEach((ac, i) => {
    amount(ac.amount, `allowanceCharges[${i}].amount`);
    amount(ac.tax?.rate, `allowanceCharges[${i}].tax.rate`);
  });
  date(invoice.issueDate, 'issueDate');
  date(invoice.dueDate, 'dueDate');
  date(invoice.payment?.dueDate, 'payment.dueDate');
  date(invoice.preceding?.issueDate, 'preceding.issueDate');
  if (invoice.currency && !CURRENCIES.has(invoice.currency)) {
    report('BR-CL-04', 'currency', `"${invoice.currency}" is not an ISO 4217 currency code`);
  }
}

// ---------------------------------------------------------------------------------------------
// Totals (BR-CO-10 … BR-CO-16)

function checkTotals(invoice: ParsedInvoice, rules: RuleSet, report: Report): void {
  const t = invoice.totals;
  const zero = new Dec(0);
  // EN 16931 states cents, so the stated figure is compared as written; Facturae allows up to
  // eight decimals, so both sides are compared in cents.
  const same = (stated: Dec, computed: Dec) =>
    rules === 'en16931' ? stated.eq(cents(computed)) : cents(stated).eq(cents(computed));
  const compare = (
    rule: string,
    path: string,
    stated: string | undefined,
    computed: Dec | undefined,
    what: string,
  ) => {
    const s = decimalOf(stated);
    if (!s || !computed || same(s, computed)) return;
    report(
      rule,
      path,
      `${what}: expected ${cents(computed).toFixed(2)}, the document says ${stated}`,
    );
  };

  const lineNets = all(invoice.lines.map((l) => l.net));
  if (invoice.lines.length) {
    compare(
      'BR-CO-10',
      'totals.lineNet',
      t.lineNet,
      lineNets && total(lineNets),
      'Sum of line net amounts',
    );
  }

  const acs = invoice.allowanceCharges;
  if (acs) {
    for (const charge of [false, true]) {
      const amounts = all(acs.filter((ac) => ac.charge === charge).map((ac) => ac.amount));
      if (!amounts) continue;
      const [rule, key, what] = charge
        ? (['BR-CO-12', 'charges', 'Sum of document-level charges'] as const)
        : (['BR-CO-11', 'allowances', 'Sum of document-level allowances'] as const);
      if (t[key] === undefined) {
        if (amounts.length) report(rule, `totals.${key}`, `${what} is missing`);
      } else {
        compare(rule, `totals.${key}`, t[key], total(amounts), what);
      }
    }
  }

  const lineNet = decimalOf(t.lineNet);
  const allowances = t.allowances === undefined ? zero : decimalOf(t.allowances);
  const charges = t.charges === undefined ? zero : decimalOf(t.charges);
  compare(
    'BR-CO-13',
    'totals.net',
    t.net,
    lineNet && allowances && charges && lineNet.minus(allowances).plus(charges),
    'Total without tax (line nets − allowances + charges)',
  );

  const rows = invoice.breakdown.filter((r) => !r.withheld);
  if (rows.length) {
    const amounts = all(rows.map((r) => r.amount ?? '0'));
    compare(
      'BR-CO-14',
      'totals.tax',
      t.tax,
      amounts && total(amounts),
      'Total tax (sum of the breakdown)',
    );
  }
  const withheldRows = invoice.breakdown.filter((r) => r.withheld);
  if (rules === 'facturae' || withheldRows.length) {
    const amounts = all(withheldRows.map((r) => r.amount ?? '0'));
    compare(
      'WITHHELD',
      'totals.withheld',
      t.withheld,
      amounts && total(amounts),
      'Total withheld (sum of the withheld taxes)',
    );
  }

  // Facturae's InvoiceTotal is net of withholding; EN 16931's BT-112 is not (a UBL invoice
  // carries IRPF in WithholdingTaxTotal and deducts it from the amount due as paid, BT-113).
  const net = decimalOf(t.net);
  const tax = decimalOf(t.tax);
  const withheld = rules === 'facturae' ? decimalOf(t.withheld) : zero;
  compare(
    'BR-CO-15',
    'totals.total',
    t.total,
    net && tax && withheld && net.plus(tax).minus(withheld),
    withheld && !withheld.isZero()
      ? 'Total (without tax + tax − withheld)'
      : 'Total with tax (without tax + tax)',
  );

  // Facturae's amount due subtracts items the model does not carry; its parser checks it.
  if (rules === 'en16931') {
    const invoiceTotal = decimalOf(t.total);
    const prepaid = t.prepaid === undefined ? zero : decimalOf(t.prepaid);
    const rounding = t.rounding === undefined ? zero : decimalOf(t.rounding);
    const payable = decimalOf(t.payable);
    if (invoiceTotal && prepaid && rounding && payable) {
      const expected = cents(invoiceTotal.minus(prepaid));
      if (!cents(payable.minus(rounding)).eq(expected)) {
        report(
          'BR-CO-16',
          'totals.payable',
          `Amount due (total − paid + rounding): expected ${expected.plus(rounding).toFixed()}, the document says ${t.payable}`,
        );
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Breakdown rows (BR-CO-17 for Facturae, BR-x-08)

/** EN 16931 rule ids of the per-category base rule, by UNCL5305 code. */
const BASE_RULE: ReadonlyMap<string, string> = new Map([
  ['S', 'BR-S-08'],
  ['Z', 'BR-Z-08'],
  ['E', 'BR-E-08'],
  ['AE', 'BR-AE-08'],
  ['K', 'BR-IC-08'],
  ['G', 'BR-G-08'],
  ['O', 'BR-O-08'],
  ['L', 'BR-AF-08'],
  ['M', 'BR-AG-08'],
]);
/** Categories whose base is checked per rate, within ±1 as the official rules do. */
const PER_RATE = new Set(['S', 'L', 'M']);

/**
 * BR-CO-17: a row's tax is its base × rate rounded to cents, within ±1 (rows rounding per line);
 * a rate that rounds to 0 needs a tax that rounds to 0. The official UBL binding excludes the
 * bounds, the CII one includes them. Undefined when a figure is missing or malformed.
 */
export function taxAmountAgrees(row: ParsedTax, inclusiveBounds = false): boolean | undefined {
  const base = decimalOf(row.base);
  const rate = decimalOf(row.rate);
  const amount = decimalOf(row.amount ?? '0');
  if (!base || !rate || !amount) return undefined;
  const expected = cents(base.abs().times(rate).dividedBy(100));
  if (rate.round().isZero()) return amount.round().isZero();
  const low = amount.abs().minus(1);
  const high = amount.abs().plus(1);
  return inclusiveBounds
    ? low.lte(expected) && high.gte(expected)
    : low.lt(expected) && high.gt(expected);
}

/** The BR-CO-17 finding for a row whose tax does not agree with its base and rate. */
export function taxAmountMessage(row: ParsedTax): string {
  const base = decimalOf(row.base) ?? new Dec(0);
  const rate = decimalOf(row.rate) ?? new Dec(0);
  const expected = cents(base.abs().times(rate).dividedBy(100));
  return `Tax of ${row.base} at ${row.rate} % should be about ${expected.toFixed(2)}; the document says ${row.amount}`;
}

function checkBreakdown(invoice: ParsedInvoice, rules: RuleSet, report: Report): void {
  // For UBL and CII, BR-CO-17 is checked by checkEn16931, which knows the syntax's bounds.
  if (rules === 'facturae') {
    invoice.breakdown.forEach((row, i) => {
      if (taxAmountAgrees(row) === false) {
        report('BR-CO-17', `breakdown[${i}].amount`, taxAmountMessage(row));
      }
    });
  }
  if (rules === 'en16931') checkCategoryBases(invoice, report);
  else checkFacturaeBases(invoice, report);
}

/** The VAT category of a line (EN 16931 lines carry exactly one, BT-151/152). */
const lineVat = (line: ParsedLine) => line.taxes.find((t) => t.category !== undefined);
const sameRate = (a: string | undefined, b: Dec) => decimalOf(a)?.eq(b) ?? false;

function checkCategoryBases(invoice: ParsedInvoice, report: Report): void {
  invoice.breakdown.forEach((row, i) => {
    const category = row.category;
    const rule = category && BASE_RULE.get(category);
    const base = decimalOf(row.base);
    // Only S, L and M are split by rate; E, O and the others may state no rate at all.
    const perRate = PER_RATE.has(category ?? '');
    const rate = decimalOf(row.rate) ?? new Dec(0);
    if (!category || !rule || !base || (perRate && decimalOf(row.rate) === undefined)) return;
    const matches = (tax: { category?: string; rate?: string } | undefined) =>
      tax?.category === category && (!perRate || sameRate(tax.rate, rate));
    const nets = all(invoice.lines.filter((l) => matches(lineVat(l))).map((l) => l.net));
    const acs = invoice.allowanceCharges?.filter((ac) => matches(ac.tax)) ?? [];
    const signed = all(acs.map((ac) => ac.amount));
    if (!nets || !signed) return;
    const expected = total(nets).plus(
      total(signed.map((a, j) => (acs[j]!.charge ? a : a.negated()))),
    );
    const ok = perRate
      ? base.minus(1).lt(expected) && base.plus(1).gt(expected)
      : base.eq(expected);
    if (!ok) {
      report(
        rule,
        `breakdown[${i}].base`,
        `Taxable amount of category ${category}${perRate ? ` at ${row.rate} %` : ''}: the lines and allowances/charges add up to ${expected.toFixed()}, the document says ${row.base}`,
      );
    }
  });
}

/**
 * Facturae states each line's taxes with their own bases; per tax kind and rate the invoice's rows
 * must add up to the lines' (the XSD documents an invoice-level TaxableBase as "Total Gross Amount +
 * Surcharges – Global Discounts/invoice, for each type, rate and Equivalence Surcharge", and a
 * line's TaxesWithheld as "provided only for informative purposes"). What the 3.2.2 XSD lets a
 * line leave out is compared only when the
 * lines state it: a line must carry its TaxesOutputs (IVA, IGIC, IPSI…), but TaxesWithheld (IRPF)
 * and the recargo de equivalencia (EquivalenceSurcharge) are optional on lines, so an invoice that
 * states them only in its own TaxesWithheld / TaxesOutputs is complete. A 0 % recargo charges
 * nothing and is ignored wherever it appears. General discounts and charges change the
 * invoice-level bases in producer-specific ways, so the check is skipped when there are any.
 */
function checkFacturaeBases(invoice: ParsedInvoice, report: Report): void {
  const adjusted = [invoice.totals.allowances, invoice.totals.charges].some(
    (v) => v !== undefined && !decimalOf(v)?.isZero(),
  );
  if (adjusted) return;
  const key = (t: ParsedTax) => {
    const rate = decimalOf(t.rate);
    return rate ? `${t.type} ${rate.toFixed()} ${t.withheld ? 'withheld' : 'output'}` : undefined;
  };
  const stated = (t: ParsedTax) => !(t.type === 'RE' && decimalOf(t.rate)?.isZero());
  const sums = (taxes: ParsedTax[]) => {
    const out = new Map<string, Dec>();
    for (const t of taxes.filter(stated)) {
      const k = key(t);
      const base = decimalOf(t.base);
      if (!k || !base) return undefined;
      out.set(k, (out.get(k) ?? new Dec(0)).plus(base));
    }
    return out;
  };
  const fromRows = sums(invoice.breakdown);
  const fromLines = sums(invoice.lines.flatMap((l) => l.taxes));
  if (!fromRows || !fromLines) return;
  const optionalOnLines = (t: ParsedTax) => t.withheld === true || t.type === 'RE';
  const onlyAtInvoiceLevel = new Set(
    invoice.breakdown.filter(optionalOnLines).flatMap((t) => {
      const k = key(t);
      return k && !fromLines.has(k) ? [k] : [];
    }),
  );
  for (const k of new Set([...fromRows.keys(), ...fromLines.keys()])) {
    if (onlyAtInvoiceLevel.has(k)) continue;
    const rows = fromRows.get(k) ?? new Dec(0);
    const lines = fromLines.get(k) ?? new Dec(0);
    if (!cents(rows).eq(cents(lines))) {
      const [type, rate, side] = k.split(' ');
      report(
        'FACTURAE-TAX-BASE',
        'breakdown',
        `${type} at ${rate} % (${side}): the lines' taxable bases add up to ${cents(lines).toFixed(2)}, the invoice's rows to ${cents(rows).toFixed(2)}`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Spanish tax ids

/**
 * A Spanish id (an ES-prefixed VAT number, or a 9-character id of a party in Spain) must pass
 * its check character: AEAT refuses invoices with a wrong one.
 */
function checkTaxId(party: ParsedParty, path: string, report: Report): void {
  const id = party.taxId;
  const country = party.countryCode ?? party.address?.countryCode;
  const spanish = /^ES[0-9A-Z]{9}$/.test(id) || (country === 'ES' && /^[0-9A-Z]{9}$/.test(id));
  if (!spanish) return;
  const check = validateTaxId(id, 'ES');
  if (!check.valid) report('ES-TAXID', `${path}.taxId`, check.reason);
}
