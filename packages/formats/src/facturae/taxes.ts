import type { Invoice } from '@sello/core/invoices';
import { cents, Dec } from '@sello/core/money';
import type {
  ExemptionCode,
  LineTax,
  LineTaxAmount,
  NotSubjectCode,
  TaxBreakdownRow,
} from '@sello/core/taxes';
import { leaf, node } from '../xml/canonical.ts';
import { FacturaeBuildError } from './errors.ts';
import { amount2, decimal, upTo8 } from './format.ts';

/** TaxTypeCodeType: 01 IVA, 03 IGIC, 04 IRPF. RE has no code: it rides on its IVA. */
export const TAX_TYPE_CODES = { IVA: '01', IGIC: '03', IRPF: '04' } as const;

/** One Tax element of TaxesOutputs, with the recargo de equivalencia it carries, if any. */
export interface OutputTax {
  type: 'IVA' | 'IGIC';
  rate: string;
  base: string;
  amount: string;
  surcharge?: { rate: string; amount: string };
}

export interface WithheldTax {
  rate: string;
  base: string;
  amount: string;
}

/** Exempt (01) and not subject (02) operations, SpecialTaxableEventCodeType. */
export interface SpecialTaxableEvent {
  code: '01' | '02';
  reason: string;
}

const IVA_EXEMPTION_REASONS: Record<ExemptionCode, string> = {
  E1: 'Operación exenta por el artículo 20 de la Ley 37/1992 del IVA',
  E2: 'Operación exenta por el artículo 21 de la Ley 37/1992 del IVA (exportaciones)',
  E3: 'Operación exenta por el artículo 22 de la Ley 37/1992 del IVA (operaciones asimiladas a las exportaciones)',
  E4: 'Operación exenta por los artículos 23 y 24 de la Ley 37/1992 del IVA (regímenes aduaneros y fiscales)',
  E5: 'Operación exenta por el artículo 25 de la Ley 37/1992 del IVA (entregas intracomunitarias)',
  E6: 'Operación exenta por otra causa',
};

const NOT_SUBJECT_REASONS: Record<NotSubjectCode, string> = {
  N1: 'Operación no sujeta por el artículo 7, 14 u otros',
  N2: 'Operación no sujeta por reglas de localización',
};

/** The legal reason printed for an exempt or not-subject tax, or undefined for a taxed one. */
export function specialTaxableEvent(tax: LineTax): SpecialTaxableEvent | undefined {
  if (tax.exemption) {
    const reason =
      tax.type === 'IGIC'
        ? `Operación exenta del IGIC (Ley 20/1991), clave ${tax.exemption}`
        : IVA_EXEMPTION_REASONS[tax.exemption];
    return { code: '01', reason };
  }
  if (tax.notSubject) {
    const suffix = tax.type === 'IGIC' ? ' (IGIC)' : '';
    return { code: '02', reason: `${NOT_SUBJECT_REASONS[tax.notSubject]}${suffix}` };
  }
  return undefined;
}

const sameRate = (a: string, b: string) => decimal(a, 'rate', 0, 8) === decimal(b, 'rate', 0, 8);
const sameAmount = (a: string, b: string) => new Dec(a).equals(b);

/**
 * The invoice's TaxesOutputs rows: one per IVA/IGIC breakdown row, each RE row joined to the IVA
 * row of the lines that carry it (Facturae prints recargo as EquivalenceSurcharge on that row).
 *
 * When an IVA rate has lines with and without recargo, the engine's single IVA row is split in
 * two so the surcharge sits on the right base: the part with recargo gets its quota rounded once
 * (half up, as the engine does) and the rest keeps the remainder, so the row's total quota, and
 * therefore every invoice total, is exactly the engine's.
 */
export function outputTaxes(invoice: Invoice): OutputTax[] {
  const rows: (OutputTax & { exempt: boolean })[] = invoice.breakdown
    .filter(
      (r): r is TaxBreakdownRow & { type: 'IVA' | 'IGIC' } => r.type === 'IVA' || r.type === 'IGIC',
    )
    .map((r) => ({
      type: r.type,
      rate: r.rate,
      base: r.base,
      amount: r.amount,
      exempt: Boolean(r.exemption || r.notSubject),
    }));
  const surchargeRows = invoice.breakdown.filter((r) => r.type === 'RE');
  for (const [i, re] of surchargeRows.entries()) {
    // IVA rates of the lines that carry this recargo rate.
    const ivaRates = invoice.lines.flatMap((line) => {
      const lineRe = line.taxes.find((t) => t.type === 'RE');
      const iva = line.taxes.find((t) => t.type === 'IVA');
      return lineRe && iva && sameRate(lineRe.rate, re.rate) ? [iva.rate] : [];
    });
    const candidates = rows.filter(
      (row) =>
        row.type === 'IVA' &&
        !row.exempt &&
        !row.surcharge &&
        ivaRates.some((rate) => sameRate(rate, row.rate)),
    );
    const exact = candidates.find((row) => sameAmount(row.base, re.base));
    if (exact) {
      exact.surcharge = { rate: re.rate, amount: re.amount };
      continue;
    }
    const larger = candidates.find((row) => new Dec(row.base).abs().gt(new Dec(re.base).abs()));
    if (candidates.length !== 1 || !larger) {
      throw new FacturaeBuildError(
        `recargo de equivalencia ${re.rate} % on ${re.base} matches no IVA row`,
        `breakdown.RE.${i}`,
      );
    }
    const withSurchargeAmount = cents(new Dec(re.base).times(larger.rate).dividedBy(100));
    const rest = {
      ...larger,
      base: cents(new Dec(larger.base).minus(re.base)),
      amount: cents(new Dec(larger.amount).minus(withSurchargeAmount)),
    };
    Object.assign(larger, {
      base: re.base,
      amount: withSurchargeAmount,
      surcharge: { rate: re.rate, amount: re.amount },
    });
    rows.splice(rows.indexOf(larger) + 1, 0, rest);
  }
  return rows.map(({ exempt: _exempt, ...row }) => row);
}

export function withheldTaxes(invoice: Invoice): WithheldTax[] {
  return invoice.breakdown
    .filter((r) => r.withheld)
    .map((r) => {
      if (r.type !== 'IRPF') {
        throw new FacturaeBuildError(`${r.type} cannot be withheld`, 'breakdown');
      }
      return { rate: r.rate, base: r.base, amount: r.amount };
    });
}

/**
 * An AmountType: the amount in the invoice currency and, for an invoice not in euros, its
 * EquivalentInEuros at the invoice's exchange rate (euros per unit), rounded half up to cents.
 */
function amountXml(name: string, value: string, path: string, exchangeRate?: string): string {
  const euros = exchangeRate
    ? leaf('EquivalentInEuros', cents(new Dec(value).times(exchangeRate)))
    : '';
  return node(name, leaf('TotalAmount', amount2(value, path)) + euros);
}

/** The Tax element of TaxesOutputs (TaxOutputType). */
export function outputTaxXml(tax: OutputTax, path: string, exchangeRate?: string): string {
  const surcharge = tax.surcharge
    ? leaf('EquivalenceSurcharge', amount2(tax.surcharge.rate, `${path}.surcharge.rate`)) +
      amountXml(
        'EquivalenceSurchargeAmount',
        tax.surcharge.amount,
        `${path}.surcharge.amount`,
        exchangeRate,
      )
    : '';
  return node(
    'Tax',
    leaf('TaxTypeCode', TAX_TYPE_CODES[tax.type]) +
      leaf('TaxRate', upTo8(tax.rate, `${path}.rate`)) +
      amountXml('TaxableBase', tax.base, `${path}.base`, exchangeRate) +
      amountXml('TaxAmount', tax.amount, `${path}.amount`, exchangeRate) +
      surcharge,
  );
}

/** The Tax element of TaxesWithheld (TaxType). */
export function withheldTaxXml(tax: WithheldTax, path: string, exchangeRate?: string): string {
  return node(
    'Tax',
    leaf('TaxTypeCode', TAX_TYPE_CODES.IRPF) +
      leaf('TaxRate', upTo8(tax.rate, `${path}.rate`)) +
      amountXml('TaxableBase', tax.base, `${path}.base`, exchangeRate) +
      amountXml('TaxAmount', tax.amount, `${path}.amount`, exchangeRate),
  );
}

/** The rate to euros when the invoice is not in euros (ExchangeRateDetails says so too). */
export const eurosRate = (invoice: Pick<Invoice, 'currency' | 'exchangeRate'>) =>
  invoice.currency === 'EUR' ? undefined : invoice.exchangeRate;

/** TaxesOutputs (required) and TaxesWithheld (when something is withheld) of the invoice. */
export function buildInvoiceTaxes(invoice: Invoice): string {
  const rate = eurosRate(invoice);
  const outputs = outputTaxes(invoice);
  if (outputs.length === 0) {
    throw new FacturaeBuildError('Facturae needs at least one IVA or IGIC row', 'breakdown');
  }
  const withheld = withheldTaxes(invoice);
  return (
    node('TaxesOutputs', outputs.map((t, i) => outputTaxXml(t, `breakdown.${i}`, rate)).join('')) +
    (withheld.length
      ? node(
          'TaxesWithheld',
          withheld.map((t, i) => withheldTaxXml(t, `breakdown.withheld.${i}`, rate)).join(''),
        )
      : '')
  );
}

/** A line's taxes as Facturae prints them per line: outputs (RE merged) and withholdings. */
export function lineTaxes(
  taxAmounts: readonly LineTaxAmount[],
  path: string,
): { outputs: OutputTax[]; withheld: WithheldTax[]; event?: SpecialTaxableEvent } {
  const indirect = taxAmounts.filter((t) => t.type === 'IVA' || t.type === 'IGIC');
  if (indirect.length !== 1) {
    throw new FacturaeBuildError('a line needs exactly one IVA or IGIC', `${path}.taxAmounts`);
  }
  const main = indirect[0]!;
  const re = taxAmounts.find((t) => t.type === 'RE');
  if (re && main.type !== 'IVA') {
    throw new FacturaeBuildError('recargo de equivalencia goes with IVA', `${path}.taxAmounts`);
  }
  const output: OutputTax = {
    type: main.type as 'IVA' | 'IGIC',
    rate: main.rate,
    base: main.base,
    amount: main.amount,
    ...(re ? { surcharge: { rate: re.rate, amount: re.amount } } : {}),
  };
  const withheld = taxAmounts
    .filter((t) => t.type === 'IRPF')
    .map((t) => ({ rate: t.rate, base: t.base, amount: t.amount }));
  const event = specialTaxableEvent(main);
  return { outputs: [output], withheld, ...(event ? { event } : {}) };
}
