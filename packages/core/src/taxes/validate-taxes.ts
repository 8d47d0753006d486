import { type FieldError, ValidationError } from '../errors.ts';
import { Dec, isDecimalString, plain } from '../money/decimal.ts';
import type { Jurisdiction, LineTax, TaxObject } from './model.ts';
import {
  IRPF_MAX,
  MX_IEPS_RATES,
  MX_ISR_MAX,
  MX_IVA_RATES,
  MX_IVA_WITHHELD_MAX,
  RATES,
  RE_FOR_IVA,
} from './rules.ts';

/** Whose rules apply and, for Mexico, the line's c_ObjetoImp and where to report it. */
export interface TaxRules {
  jurisdiction?: Jurisdiction;
  taxObject?: TaxObject;
  /** Path of the `taxObject` field, e.g. `lines.0.taxObject`. */
  taxObjectPath?: string;
}

/**
 * Checks that `taxes` is a combination a line may carry (exactly one IVA or IGIC, recargo only
 * with its IVA rate, one IRPF at most, exemptions only at rate 0), pushing one error per fault
 * under `path` (the path of the taxes array itself, e.g. `lines.0.taxes` or `taxes`). Shared by
 * the tax engine and the catalog, so a product can never hold taxes an invoice would refuse.
 */
export function validateTaxes(
  taxes: readonly LineTax[],
  path: string,
  errors: FieldError[],
  rules: TaxRules = {},
): void {
  if (rules.jurisdiction === 'MX') {
    validateMexicanTaxes(taxes, path, errors, rules);
    return;
  }
  const at = (j: number, field: string, message: string) =>
    errors.push({ path: `${path}.${j}${field ? `.${field}` : ''}`, message });
  const indirect = taxes.filter((t) => t.type === 'IVA' || t.type === 'IGIC');
  if (indirect.length !== 1) {
    errors.push({
      path,
      message: 'Each line carries exactly one IVA or IGIC (use rate 0 with a reason when exempt)',
    });
  }
  const count = (type: string) => taxes.filter((t) => t.type === type).length;
  taxes.forEach((tax, j) => {
    if (!isDecimalString(tax.rate, 2) || new Dec(tax.rate).isNegative()) {
      at(j, 'rate', 'A non-negative percentage with up to 2 decimals, e.g. "21"');
      return;
    }
    const rate = plain(new Dec(tax.rate));
    if ((tax.exemption || tax.notSubject) && (tax.type === 'RE' || tax.type === 'IRPF')) {
      at(j, tax.exemption ? 'exemption' : 'notSubject', `${tax.type} cannot be exempt`);
    }
    if (tax.exemption && tax.notSubject) {
      at(j, 'exemption', 'An operation is either exempt or not subject, not both');
    }
    if (tax.withheld !== undefined) at(j, 'withheld', 'Only Mexican invoices withhold IVA');
    if (tax.exempt !== undefined) {
      at(j, 'exempt', 'For a Spanish exemption give its legal reason in `exemption`');
    }
    if ((tax.exemption || tax.notSubject) && rate !== '0') {
      at(j, 'rate', 'Exempt and not-subject operations carry rate 0');
    }
    switch (tax.type) {
      case 'IVA':
      case 'IGIC':
        if (!RATES[tax.type].includes(rate)) {
          at(j, 'rate', `${tax.type} rate must be one of ${RATES[tax.type].join(', ')}`);
        }
        break;
      case 'RE': {
        const iva = taxes.find((t) => t.type === 'IVA');
        const allowed = iva ? (RE_FOR_IVA[plain(new Dec(iva.rate))] ?? []) : [];
        if (!iva) at(j, 'type', 'Recargo de equivalencia goes with an IVA rate');
        else if (!allowed.includes(rate)) {
          at(
            j,
            'rate',
            allowed.length
              ? `With IVA ${plain(new Dec(iva.rate))} the recargo is ${allowed.join(' or ')}`
              : `IVA ${plain(new Dec(iva.rate))} has no recargo de equivalencia`,
          );
        }
        if (count('RE') > 1) at(j, 'type', 'At most one recargo de equivalencia per line');
        break;
      }
      case 'IRPF':
        if (new Dec(rate).isZero() || new Dec(rate).gt(IRPF_MAX)) {
          at(j, 'rate', `IRPF withholding is above 0 and at most ${IRPF_MAX}`);
        }
        if (count('IRPF') > 1) at(j, 'type', 'At most one IRPF withholding per line');
        break;
      default:
        at(j, 'type', 'Use IVA, IGIC, RE or IRPF');
    }
  });
}

/**
 * Mexico: per line at most one IVA charged (16, 8, 0 or exempt), one IEPS (tasa), one ISR
 * withheld and one IVA withheld; taxes only when the line is subject to them and breaks them
 * down (c_ObjetoImp "02"), none with "01", "03" or "04" (CFDI carries no Impuestos node then).
 */
function validateMexicanTaxes(
  taxes: readonly LineTax[],
  path: string,
  errors: FieldError[],
  rules: TaxRules,
): void {
  const at = (j: number, field: string, message: string) =>
    errors.push({ path: `${path}.${j}${field ? `.${field}` : ''}`, message });
  const object = rules.taxObject ?? (taxes.length ? '02' : '01');
  if (object === '02' && taxes.length === 0) {
    errors.push({
      path,
      message: 'A line subject to tax (taxObject "02") carries at least one tax',
    });
  }
  if (object !== '02' && taxes.length > 0) {
    errors.push({
      path: rules.taxObjectPath ?? path,
      message: `With taxObject "${object}" a line carries no taxes; "02" breaks them down`,
    });
  }
  const kinds = taxes.map((t) =>
    t.type === 'IVA' && t.withheld ? 'IVA withheld' : t.type === 'ISR' ? 'ISR' : t.type,
  );
  taxes.forEach((tax, j) => {
    if (!isDecimalString(tax.rate, 4) || new Dec(tax.rate).isNegative()) {
      at(j, 'rate', 'A non-negative percentage with up to 4 decimals, e.g. "16" or "10.6667"');
      return;
    }
    const rate = new Dec(tax.rate);
    if (tax.exemption || tax.notSubject) {
      at(
        j,
        tax.exemption ? 'exemption' : 'notSubject',
        'Spanish exemption codes do not apply in Mexico; mark an exempt IVA with `exempt`',
      );
    }
    if (tax.exempt && (tax.type !== 'IVA' || tax.withheld)) {
      at(j, 'exempt', 'Only a charged IVA is exempt');
    }
    if (kinds.filter((k) => k === kinds[j]).length > 1) {
      at(j, 'type', `At most one ${kinds[j]} per line`);
    }
    switch (tax.type) {
      case 'IVA':
        if (tax.withheld) {
          if (rate.isZero() || rate.gt(MX_IVA_WITHHELD_MAX)) {
            at(j, 'rate', `IVA withheld is above 0 and at most ${MX_IVA_WITHHELD_MAX}`);
          }
        } else if (tax.exempt) {
          if (!rate.isZero()) at(j, 'rate', 'An exempt IVA carries rate 0');
        } else if (!MX_IVA_RATES.includes(plain(rate))) {
          at(j, 'rate', `IVA rate must be one of ${MX_IVA_RATES.join(', ')} (or exempt)`);
        }
        break;
      case 'IEPS':
        if (tax.withheld) at(j, 'withheld', 'IEPS withholding is not supported');
        else if (!MX_IEPS_RATES.includes(plain(rate))) {
          at(j, 'rate', `IEPS rate must be one of ${MX_IEPS_RATES.join(', ')}`);
        }
        break;
      case 'ISR':
        if (tax.withheld === false) at(j, 'withheld', 'ISR on an invoice is always withheld');
        if (rate.isZero() || rate.gt(MX_ISR_MAX)) {
          at(j, 'rate', `ISR withheld is above 0 and at most ${MX_ISR_MAX}`);
        }
        break;
      default:
        at(j, 'type', 'Use IVA, IEPS or ISR');
    }
  });
}

/** Throws a ValidationError naming each fault when `taxes` is not a valid combination. */
export function assertValidTaxes(
  taxes: readonly LineTax[],
  path = 'taxes',
  rules: TaxRules = {},
): void {
  const errors: FieldError[] = [];
  validateTaxes(taxes, path, errors, rules);
  if (errors.length) {
    throw new ValidationError(
      `Invalid taxes: ${errors.map((e) => `${e.path} (${e.message})`).join('; ')}`,
      errors,
    );
  }
}
