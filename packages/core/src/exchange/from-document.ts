import type { ParsedInvoice, ParsedParty, ParsedTax } from '../documents/parsed.ts';
import type { FieldError } from '../errors.ts';
import type { PartySnapshot, PaymentMeans, PaymentTerms } from '../invoices/model.ts';
import { cents, Dec, plain, sum } from '../money/decimal.ts';
import { EU_COUNTRIES, isCountryCode } from '../parties/country.ts';
import type { Address } from '../parties/party.ts';
import { validateTaxId } from '../parties/tax-id.ts';
import type { ComputedLine, LineTax, TaxBreakdownRow, Totals } from '../taxes/model.ts';
import { UnprocessableError } from './errors.ts';

/**
 * Maps what an imported document states onto the domain's invoice, without recomputing it: the
 * lines, tax rows and totals are the issuer's own figures, because that document, not our tax
 * engine, is the legal invoice. What the domain cannot represent (another currency, a tax that is
 * not IVA, IGIC, RE or IRPF) is refused with the field named, never approximated.
 */

const refuse = (path: string, message: string): never => {
  throw new UnprocessableError(message, [{ path, message }]);
};

function decimal(value: string | undefined, path: string) {
  if (value === undefined || !/^-?\d+(\.\d+)?$/.test(value.trim())) {
    return refuse(path, `Not a decimal number: ${value ?? '(missing)'}`);
  }
  return new Dec(value.trim());
}

/** Two decimals when the figure has at most two (`12.5` → `12.50`); as stated otherwise. */
const amount = (d: InstanceType<typeof Dec>) => (d.decimalPlaces() <= 2 ? cents(d) : plain(d));

/** VAT prefixes that differ from the ISO code. */
const PREFIX_COUNTRY: Record<string, string> = { EL: 'GR' };

/** The country a party's tax id belongs to: its address, its stated country, its VAT prefix, else Spain. */
function countryOf(p: ParsedParty): string {
  const stated = (p.address?.countryCode ?? p.countryCode)?.toUpperCase();
  if (stated && isCountryCode(stated)) return stated;
  const prefix = p.taxId.slice(0, 2).toUpperCase();
  const byPrefix = PREFIX_COUNTRY[prefix] ?? prefix;
  if (/^[A-Z]{2}/.test(prefix) && (EU_COUNTRIES as readonly string[]).includes(byPrefix)) {
    return byPrefix;
  }
  return 'ES';
}

/**
 * A party's tax id as Sello stores it (Spanish ids without the ES prefix, EU VAT with it), or
 * undefined when it does not check out in its country.
 */
export function normalizedPartyTaxId(p: ParsedParty) {
  const check = validateTaxId(p.taxId, countryOf(p));
  return check.valid ? check : undefined;
}

function address(p: ParsedParty, fallback?: Address): Address {
  const a = p.address;
  if (!a && fallback) return fallback;
  return {
    line1: a?.street ?? '',
    city: a?.city ?? '',
    postalCode: a?.postalCode ?? '',
    ...(a?.province ? { province: a.province } : {}),
    country: countryOf(p),
  };
}

/** The buyer as the document names it; its tax id must check out, since it routes the invoice. */
export function buyerSnapshot(p: ParsedParty): PartySnapshot {
  const check = normalizedPartyTaxId(p);
  if (!check) {
    const reason = validateTaxId(p.taxId, countryOf(p));
    return refuse(
      'buyer.taxId',
      `The buyer's tax id ${p.taxId} is not valid${reason.valid ? '' : `: ${reason.reason}`}`,
    );
  }
  return {
    taxId: check.normalized,
    taxIdKind: check.kind,
    personType: check.personType,
    name: p.name,
    ...(p.email ? { email: p.email } : {}),
    address: address(p),
  };
}

/** The seller as the document names it, with the identity the tenant's profile already checked. */
export function sellerSnapshot(
  p: ParsedParty,
  tenant: Pick<PartySnapshot, 'taxId' | 'taxIdKind' | 'personType' | 'email' | 'address'>,
): PartySnapshot {
  return {
    taxId: tenant.taxId,
    taxIdKind: tenant.taxIdKind,
    personType: tenant.personType,
    name: p.name,
    ...((p.email ?? tenant.email) ? { email: p.email ?? tenant.email } : {}),
    address: address(p, tenant.address),
  };
}

function lineTax(t: ParsedTax, path: string): LineTax {
  const type = t.type === 'VAT' ? 'IVA' : t.type;
  if (type === 'OTHER') {
    return refuse(
      `${path}.type`,
      `A tax${t.category ? ` of category ${t.category}` : ''} that is not IVA, IGIC, RE or IRPF cannot be recorded`,
    );
  }
  return { type, rate: plain(decimal(t.rate, `${path}.rate`)) };
}

const sameTax = (a: LineTax, b: LineTax) => a.type === b.type && new Dec(a.rate).eq(b.rate);

export function linesOf(invoice: ParsedInvoice): ComputedLine[] {
  if (!invoice.lines.length) refuse('lines', 'The document has no lines');
  return invoice.lines.map((l, i) => {
    const path = `lines[${i}]`;
    const quantity = decimal(l.quantity, `${path}.quantity`);
    const unitPrice = decimal(l.unitPrice, `${path}.unitPrice`);
    const net = decimal(l.net, `${path}.net`);
    const taxes = l.taxes.map((t, j) => lineTax(t, `${path}.taxes[${j}]`));
    const gross = quantity.times(unitPrice);
    return {
      description: l.description,
      quantity: plain(quantity),
      unitPrice: plain(unitPrice),
      taxes,
      taxAmounts: taxes.map((t, j) => {
        const stated = l.taxes[j]?.amount;
        return {
          ...t,
          base: amount(net),
          amount: stated
            ? amount(decimal(stated, `${path}.taxes[${j}].amount`))
            : cents(net.times(t.rate).div(100)),
        };
      }),
      gross: plain(gross),
      discount: plain(gross.minus(net)),
      net: amount(net),
    };
  });
}

/** The tax rows as stated; a row without base or amount gets them from the lines it covers. */
export function breakdownOf(invoice: ParsedInvoice, lines: ComputedLine[]): TaxBreakdownRow[] {
  return invoice.breakdown.map((row, i) => {
    const path = `breakdown[${i}]`;
    const tax = lineTax(row, path);
    const base = row.base
      ? decimal(row.base, `${path}.base`)
      : sum(lines.filter((l) => l.taxes.some((t) => sameTax(t, tax))).map((l) => new Dec(l.net)));
    const taxAmount = row.amount
      ? decimal(row.amount, `${path}.amount`)
      : new Dec(cents(base.times(tax.rate).div(100)));
    return {
      ...tax,
      base: amount(base),
      amount: amount(taxAmount),
      withheld: tax.type === 'IRPF' || row.withheld === true,
    };
  });
}

/** The document's totals; they must add up (net + taxes − withholdings = total). */
export function totalsOf(invoice: ParsedInvoice): Totals {
  const t = invoice.totals;
  const net = decimal(t.net, 'totals.net');
  const tax = decimal(t.tax, 'totals.tax');
  const withheld = decimal(t.withheld || '0', 'totals.withheld');
  const total = decimal(t.total, 'totals.total');
  const expected = net.plus(tax).minus(withheld);
  if (!expected.eq(total)) {
    refuse(
      'totals.total',
      `The total ${t.total} is not net ${t.net} + taxes ${t.tax} − withheld ${t.withheld || '0'} (${cents(expected)})`,
    );
  }
  return { net: amount(net), tax: amount(tax), withheld: amount(withheld), total: amount(total) };
}

/** Facturae PaymentMeans codes and UN/CEFACT 4461 codes (UBL, CII) to the domain's means. */
const MEANS: Record<string, PaymentMeans> = {
  // Facturae 3.2.2 PaymentMeansType
  '01': 'cash',
  '02': 'directDebit',
  '04': 'transfer',
  '19': 'card',
  // UNCL4461
  '10': 'cash',
  '30': 'transfer',
  '31': 'transfer',
  '42': 'transfer',
  '58': 'transfer',
  '48': 'card',
  '54': 'card',
  '55': 'card',
  '49': 'directDebit',
  '59': 'directDebit',
};
const NAMED: readonly string[] = ['transfer', 'directDebit', 'card', 'cash', 'other'];

export function paymentOf(invoice: ParsedInvoice): PaymentTerms | undefined {
  const p = invoice.payment;
  const dueDate = p?.dueDate ?? invoice.dueDate;
  if (!p?.means && !p?.iban && !dueDate) return undefined;
  const code = p?.means?.trim() ?? '';
  const means = NAMED.includes(code) ? (code as PaymentMeans) : (MEANS[code] ?? 'other');
  return {
    means,
    ...(dueDate ? { dueDate } : {}),
    ...(p?.iban ? { iban: p.iban.replace(/\s+/g, '').toUpperCase() } : {}),
  };
}

/** Field errors for a document the reader found invalid, each pointing into the document. */
export function documentErrors(
  errors: readonly { severity: string; message: string; path?: string; rule?: string }[],
): FieldError[] {
  return errors
    .filter((e) => e.severity === 'error')
    .slice(0, 50)
    .map((e) => ({
      // A signature that is missing or does not verify is the document's signature, as a whole.
      path: e.rule?.startsWith('SIGNATURE')
        ? 'signature'
        : e.path
          ? `document${e.path.startsWith('/') ? '' : ':'}${e.path}`
          : 'document',
      message: e.rule ? `${e.rule}: ${e.message}` : e.message,
    }));
}
