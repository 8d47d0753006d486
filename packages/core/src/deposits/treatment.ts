import type { FieldError } from '../errors.ts';
import type { Jurisdiction, LineTax } from '../taxes/model.ts';
import { validateTaxes } from '../taxes/validate-taxes.ts';

/**
 * How deposits are invoiced: under what concept and taxes, and whether each deposit is a line of
 * its own or all are one grouped line. A tenant setting (`deposits` in its settings), which a
 * customer may override as a whole. A deposit's amount is what was paid: taxes included.
 */
export interface DepositTreatment {
  /** The concept printed on the invoice, e.g. "Recarga de saldo". */
  concept: string;
  /** The taxes of the concept; the deposit's amount includes them. */
  taxes: LineTax[];
  /** `perDeposit`: one line per deposit (described with its date and reference); `grouped`: one. */
  lines: 'perDeposit' | 'grouped';
  /** Mexico: SAT's ClaveProdServ and ClaveUnidad of the concept. */
  satProductKey?: string;
  satUnitKey?: string;
}

/**
 * What applies when the tenant set nothing. Spain: an advance payment at the general IVA rate
 * (art. 75.Dos LIVA: the tax is due when the advance is paid). Mexico: SAT's rule for advances
 * (Guía de llenado del CFDI, "Facturación de anticipos"): ClaveProdServ 84111506, ClaveUnidad ACT,
 * the description "Anticipo del bien o servicio", IVA 16 %.
 */
export function defaultDepositTreatment(jurisdiction: Jurisdiction): DepositTreatment {
  return jurisdiction === 'MX'
    ? {
        concept: 'Anticipo del bien o servicio',
        taxes: [{ type: 'IVA', rate: '16' }],
        lines: 'perDeposit',
        satProductKey: '84111506',
        satUnitKey: 'ACT',
      }
    : { concept: 'Anticipo', taxes: [{ type: 'IVA', rate: '21' }], lines: 'perDeposit' };
}

/** The treatment a customer's deposits get: its own, else the tenant's, else the default. */
export const effectiveTreatment = (
  jurisdiction: Jurisdiction,
  tenant: DepositTreatment | undefined,
  customer: DepositTreatment | undefined,
): DepositTreatment => customer ?? tenant ?? defaultDepositTreatment(jurisdiction);

/** A treatment's problems, its fields named under `prefix` (`deposits`, `depositTreatment`). */
export function treatmentProblems(
  t: DepositTreatment,
  jurisdiction: Jurisdiction,
  prefix: string,
): FieldError[] {
  const errors: FieldError[] = [];
  if (!t.concept.trim()) errors.push({ path: `${prefix}.concept`, message: 'Must not be empty' });
  if (!t.taxes.length) {
    errors.push({ path: `${prefix}.taxes`, message: 'Name at least one tax (a rate 0 if none)' });
  }
  if (t.taxes.some((tax) => tax.withheld || tax.type === 'IRPF' || tax.type === 'ISR')) {
    // A deposit is money received: nothing was withheld from it.
    errors.push({ path: `${prefix}.taxes`, message: 'A deposit carries no withheld tax' });
  }
  validateTaxes(t.taxes, `${prefix}.taxes`, errors, { jurisdiction });
  if (jurisdiction !== 'MX' && (t.satProductKey || t.satUnitKey)) {
    errors.push({
      path: `${prefix}.${t.satProductKey ? 'satProductKey' : 'satUnitKey'}`,
      message: 'Only Mexican tenants have SAT keys',
    });
  }
  return errors;
}
