import { ValidationError } from '../errors.ts';
import { isCountryCode } from './country.ts';
import { type PersonType, type TaxIdKind, validateTaxId } from './tax-id.ts';

export interface TaxIdentity {
  taxId: string;
  taxIdKind: TaxIdKind;
  personType: PersonType;
}

/**
 * Checks a party's tax id against its country (check digits where they exist) and returns the
 * normalised form; `path` names the field in the error so clients can point at it.
 */
export function identifyParty(
  taxId: string,
  country: string,
  paths = { taxId: 'taxId', country: 'address.country' },
): TaxIdentity {
  if (!isCountryCode(country)) {
    throw new ValidationError(`Unknown country code ${country}`, [
      { path: paths.country, message: `${country} is not an ISO 3166-1 alpha-2 country code` },
    ]);
  }
  const check = validateTaxId(taxId, country);
  if (!check.valid) {
    throw new ValidationError(`Invalid tax id: ${check.reason}`, [
      { path: paths.taxId, message: check.reason },
    ]);
  }
  return { taxId: check.normalized, taxIdKind: check.kind, personType: check.personType };
}
