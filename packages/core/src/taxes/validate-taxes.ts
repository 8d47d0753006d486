import { type FieldError, ValidationError } from '../errors.ts';
import { Dec, isDecimalString, plain } from '../money/decimal.ts';
import type { LineTax } from './model.ts';
import { IRPF_MAX, RATES, RE_FOR_IVA } from './rules.ts';

/**
 * Checks that `taxes` is a combination a line may carry (exactly one IVA or IGIC, recargo only
 * with its IVA rate, one IRPF at most, exemptions only at rate 0), pushing one error per fault
 * under `path` (the path of the taxes array itself, e.g. `lines.0.taxes` or `taxes`). Shared by
 * the tax engine and the catalog, so a product can never hold taxes an invoice would refuse.
 */
export function validateTaxes(taxes: readonly LineTax[], path: string, errors: FieldError[]): void {
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

/** Throws a ValidationError naming each fault when `taxes` is not a valid combination. */
export function assertValidTaxes(taxes: readonly LineTax[], path = 'taxes'): void {
  const errors: FieldError[] = [];
  validateTaxes(taxes, path, errors);
  if (errors.length) {
    throw new ValidationError(
      `Invalid taxes: ${errors.map((e) => `${e.path} (${e.message})`).join('; ')}`,
      errors,
    );
  }
}
