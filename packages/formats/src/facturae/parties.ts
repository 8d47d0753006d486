import { DIR3_ROLES } from '@sello/core/customers';
import type { PartySnapshot } from '@sello/core/invoices';
import { isEuCountry } from '@sello/core/parties';
import { leaf, node, optionalLeaf } from '../xml/canonical.ts';
import { facturaeCountry } from './countries.ts';
import { FacturaeBuildError } from './errors.ts';
import { clip, identifier } from './format.ts';
import { splitPersonName } from './names.ts';
import { provinceOfPostalCode } from './provinces.ts';

/** SellerParty and BuyerParty (BusinessType). */
export function buildParties(issuer: PartySnapshot, customer: PartySnapshot): string {
  return node(
    'Parties',
    node('SellerParty', buildBusiness(issuer, 'issuer')) +
      node('BuyerParty', buildBusiness(customer, 'customer')),
  );
}

/** R resident in Spain, U elsewhere in the EU, E outside the EU (ResidenceTypeCodeType). */
export function residenceTypeCode(country: string): 'R' | 'U' | 'E' {
  const code = country.trim().toUpperCase();
  if (code === 'ES') return 'R';
  return isEuCountry(code) ? 'U' : 'E';
}

/**
 * F for individuals, J otherwise. A party whose kind is unknown (foreign VAT numbers do not say)
 * is written as a legal entity: its name then goes whole into CorporateName instead of being
 * guessed apart into given name and surnames.
 */
export const personTypeCode = (party: PartySnapshot): 'F' | 'J' =>
  party.personType === 'individual' ? 'F' : 'J';

export function buildBusiness(party: PartySnapshot, path: string): string {
  const residence = residenceTypeCode(party.address.country);
  const personType = personTypeCode(party);
  const taxIdentification = node(
    'TaxIdentification',
    leaf('PersonTypeCode', personType) +
      leaf('ResidenceTypeCode', residence) +
      leaf('TaxIdentificationNumber', identifier(party.taxId, `${path}.taxId`, 30, 3)),
  );
  const address = buildAddress(party, path);
  const centres = buildAdministrativeCentres(party, address);
  const contact = party.email?.trim()
    ? node('ContactDetails', leaf('ElectronicMail', clip(party.email, 60)))
    : '';
  if (personType === 'J') {
    return (
      taxIdentification +
      centres +
      node('LegalEntity', leaf('CorporateName', clip(party.name, 80)) + address + contact)
    );
  }
  const name = splitPersonName(party.name, residence === 'R');
  return (
    taxIdentification +
    centres +
    node(
      'Individual',
      leaf('Name', clip(name.name, 40)) +
        leaf('FirstSurname', clip(name.firstSurname, 40)) +
        optionalLeaf('SecondSurname', name.secondSurname && clip(name.secondSurname, 40)) +
        address +
        contact,
    )
  );
}

/**
 * A public administration's DIR3 units as AdministrativeCentres, one per role: 01 oficina
 * contable, 02 órgano gestor, 03 unidad tramitadora, the order FACe lists them in. Each carries
 * the party's address (the schema requires one) and the unit's name, cut to Name's 40 characters
 * and whole in CentreDescription.
 */
export function buildAdministrativeCentres(party: PartySnapshot, address: string): string {
  if (!party.dir3) return '';
  const { dir3 } = party;
  return node(
    'AdministrativeCentres',
    DIR3_ROLES.map(([role, code]) => {
      const unit = dir3[role];
      const name = unit.name?.trim();
      return node(
        'AdministrativeCentre',
        leaf('CentreCode', unit.code) +
          leaf('RoleTypeCode', code) +
          optionalLeaf('Name', name && clip(name, 40)) +
          address +
          optionalLeaf('CentreDescription', name && clip(name, 2500)),
      );
    }).join(''),
  );
}

/** AddressInSpain for Spain, OverseasAddress for everywhere else. */
export function buildAddress(party: PartySnapshot, path: string): string {
  const { address } = party;
  const street = clip([address.line1, address.line2].filter((s) => s?.trim()).join(', '), 80);
  const country = facturaeCountry(address.country, `${path}.address.country`);
  if (country === 'ESP') {
    const postCode = spanishPostCode(address.postalCode, `${path}.address.postalCode`);
    return node(
      'AddressInSpain',
      leaf('Address', street) +
        leaf('PostCode', postCode) +
        leaf('Town', clip(address.city, 50)) +
        leaf('Province', spanishProvince(address.province, postCode, `${path}.address.province`)) +
        leaf('CountryCode', country),
    );
  }
  const postCodeAndTown = [address.postalCode, address.city].filter((s) => s?.trim()).join(' ');
  return node(
    'OverseasAddress',
    leaf('Address', street) +
      leaf('PostCodeAndTown', clip(postCodeAndTown, 50)) +
      // Province is required even abroad; the town is the closest thing when no region is known.
      leaf('Province', clip(address.province?.trim() || address.city, 20)) +
      leaf('CountryCode', country),
  );
}

/** Five digits; a four-digit code lost its leading zero in a spreadsheet and gets it back. */
export function spanishPostCode(postalCode: string, path: string): string {
  const digits = postalCode.replace(/\s/g, '');
  const code = /^\d{4}$/.test(digits) ? `0${digits}` : digits;
  if (!/^\d{5}$/.test(code)) {
    throw new FacturaeBuildError(`"${postalCode}" is not a 5-digit Spanish postal code`, path);
  }
  return code;
}

/**
 * The party's province when it fits Facturae's 20 characters; otherwise, or when missing, the
 * province its postal code belongs to.
 */
export function spanishProvince(province: string | undefined, postCode: string, path: string) {
  const given = province?.trim();
  if (given && Array.from(given).length <= 20) return given;
  const derived = provinceOfPostalCode(postCode);
  if (derived) return derived;
  if (given) return clip(given, 20);
  throw new FacturaeBuildError(
    `no province given and postal code ${postCode} does not name one (01–52)`,
    path,
  );
}
