import type { Customer } from '../customers/customer.ts';
import { type FieldError, ValidationError } from '../errors.ts';
import { isCurrency } from '../money/currencies.ts';
import { Dec, isDecimalString } from '../money/decimal.ts';
import type { Jurisdiction } from '../taxes/model.ts';
import { jurisdictionOf } from '../taxes/rules.ts';
import { CFDI_USES, cfdiUseProblem, isMexicanPostalCode } from '../taxes/sat-catalogs.ts';
import { accountingCurrencyOf, type Tenant } from '../tenants/tenant.ts';

/** What a draft says about its money and, in Mexico, the buyer's use of the CFDI. */
export interface TermsRequest {
  currency?: string | undefined;
  exchangeRate?: string | undefined;
  cfdiUse?: string | undefined;
}

export interface InvoiceTerms {
  jurisdiction: Jurisdiction;
  currency: string;
  exchangeRate?: string;
  cfdiUse?: string;
}

/**
 * The invoice's currency (the tenant's accounting currency unless given), its exchange rate to
 * the accounting currency (required exactly when they differ: Facturae's, EN 16931's and CFDI's
 * tax amounts in the currency of the tax return come from it) and, for a Mexican issuer, the
 * buyer's c_UsoCFDI, checked against the buyer's régimen and person type (SAT's catalog) and
 * defaulted from them. Every fault is reported at once, by field.
 */
export function invoiceTerms(
  tenant: Tenant,
  customer: Customer,
  request: TermsRequest,
): InvoiceTerms {
  const errors: FieldError[] = [];
  const jurisdiction = jurisdictionOf(tenant.address.country);
  const accounting = accountingCurrencyOf(tenant);
  const currency = request.currency ?? accounting;
  if (!isCurrency(currency)) {
    errors.push({ path: 'currency', message: 'A current ISO 4217 currency code, e.g. EUR or USD' });
  }
  const rate = request.exchangeRate;
  if (currency === accounting && rate !== undefined) {
    errors.push({
      path: 'exchangeRate',
      message: `Only for invoices in a currency other than ${accounting}`,
    });
  }
  if (currency !== accounting && rate === undefined) {
    errors.push({
      path: 'exchangeRate',
      message: `Required for an invoice in ${currency}: how many ${accounting} one ${currency} is worth`,
    });
  }
  if (rate !== undefined && (!isDecimalString(rate, 6) || !new Dec(rate).isPositive())) {
    errors.push({
      path: 'exchangeRate',
      message: 'A positive decimal string with up to 6 decimals, e.g. "17.2345"',
    });
  }
  let cfdiUse: string | undefined;
  if (jurisdiction === 'MX') {
    cfdiUse = request.cfdiUse ?? defaultCfdiUse(customer);
    const problem =
      customer.address.country === 'MX'
        ? cfdiUseProblem(cfdiUse, customer.taxRegime, customer.personType)
        : cfdiUseProblem(cfdiUse, '616');
    if (problem) errors.push({ path: 'cfdiUse', message: problem });
  } else if (request.cfdiUse !== undefined) {
    errors.push({ path: 'cfdiUse', message: 'Only Mexican invoices (CFDI) carry it' });
  }
  if (errors.length) {
    throw new ValidationError(
      `Invalid invoice terms: ${errors.map((e) => `${e.path} (${e.message})`).join('; ')}`,
      errors,
    );
  }
  return {
    jurisdiction,
    currency,
    ...(rate !== undefined ? { exchangeRate: rate } : {}),
    ...(cfdiUse ? { cfdiUse } : {}),
  };
}

/**
 * G03 (gastos en general) when the buyer's régimen allows it, else S01 (sin efectos fiscales),
 * which every régimen allows; foreign buyers (régimen 616 on the CFDI) get S01.
 */
function defaultCfdiUse(customer: Customer): string {
  if (customer.address.country !== 'MX') return 'S01';
  const g03 = CFDI_USES.G03!;
  const regimeOk = !customer.taxRegime || g03.regimes.split(' ').includes(customer.taxRegime);
  return regimeOk ? 'G03' : 'S01';
}

/**
 * What a Mexican issuer must have before a CFDI can be issued: its régimen fiscal and place of
 * issue, and for a Mexican buyer its régimen and fiscal postal code (CFDI 4.0 requires them of
 * the Receptor). Refused naming each missing field; nothing is numbered.
 */
export function assertIssuable(tenant: Tenant, customer: Customer): void {
  if (jurisdictionOf(tenant.address.country) !== 'MX') return;
  const errors: FieldError[] = [];
  if (!tenant.taxRegime) {
    errors.push({
      path: 'issuer.taxRegime',
      message: 'Set the régimen fiscal (PATCH /v1/tenant taxRegime) before issuing',
    });
  }
  if (!tenant.expeditionPostalCode) {
    errors.push({
      path: 'issuer.expeditionPostalCode',
      message: 'Set the place of issue (PATCH /v1/tenant expeditionPostalCode) before issuing',
    });
  }
  if (customer.address.country === 'MX') {
    if (!customer.taxRegime) {
      errors.push({
        path: 'customer.taxRegime',
        message: "Set the buyer's régimen fiscal, as on its Constancia de Situación Fiscal",
      });
    }
    if (!isMexicanPostalCode(customer.address.postalCode)) {
      errors.push({
        path: 'customer.address.postalCode',
        message: "The buyer's fiscal postal code, 5 digits",
      });
    }
  }
  if (errors.length) {
    throw new ValidationError(
      `Cannot issue a CFDI yet: ${errors.map((e) => e.path).join(', ')}`,
      errors,
    );
  }
}
