import type { PartySnapshot } from '@sello/core/invoices';
import { describe, expect, it } from 'vitest';
import { BUYER, SELLER } from '../../testing/index.ts';
import {
  buildAddress,
  buildBusiness,
  buildParties,
  personTypeCode,
  residenceTypeCode,
  spanishPostCode,
  spanishProvince,
} from './parties.ts';

const foreign: PartySnapshot = {
  taxId: 'DE123456789',
  taxIdKind: 'EU_VAT',
  personType: 'unknown',
  name: 'Müller & Söhne GmbH',
  address: { line1: 'Hauptstraße 5', city: 'Berlin', postalCode: '10115', country: 'DE' },
};

describe('parties', () => {
  it('writes the seller as a legal entity resident in Spain with an e-mail', () => {
    expect(buildBusiness(SELLER, 'issuer')).toBe(
      '<TaxIdentification><PersonTypeCode>J</PersonTypeCode><ResidenceTypeCode>R</ResidenceTypeCode>' +
        '<TaxIdentificationNumber>B12345674</TaxIdentificationNumber></TaxIdentification>' +
        '<LegalEntity><CorporateName>Talleres Ejemplo S.L.</CorporateName><AddressInSpain>' +
        '<Address>Calle Mayor 1</Address><PostCode>28013</PostCode><Town>Madrid</Town>' +
        '<Province>Madrid</Province><CountryCode>ESP</CountryCode></AddressInSpain>' +
        '<ContactDetails><ElectronicMail>facturas@talleres.example</ElectronicMail></ContactDetails>' +
        '</LegalEntity>',
    );
  });

  it('writes a person as Individual with name and surnames', () => {
    const xml = buildBusiness(BUYER, 'customer');
    expect(xml).toContain('<PersonTypeCode>F</PersonTypeCode>');
    expect(xml).toContain(
      '<Individual><Name>María José</Name><FirstSurname>García</FirstSurname>' +
        '<SecondSurname>López</SecondSurname><AddressInSpain>' +
        '<Address>Avenida Diagonal 640, 3º 2ª</Address><PostCode>08017</PostCode>',
    );
    expect(xml).not.toContain('ContactDetails');
  });

  it('wraps both parties in order', () => {
    const xml = buildParties(SELLER, BUYER);
    expect(xml.startsWith('<Parties><SellerParty><TaxIdentification>')).toBe(true);
    expect(xml.indexOf('<BuyerParty>')).toBeGreaterThan(xml.indexOf('</SellerParty>'));
    expect(xml.endsWith('</BuyerParty></Parties>')).toBe(true);
  });

  it('classifies residence: R Spain, U rest of the EU, E elsewhere', () => {
    expect(residenceTypeCode('ES')).toBe('R');
    expect(residenceTypeCode('PT')).toBe('U');
    expect(residenceTypeCode('GB')).toBe('E');
    expect(residenceTypeCode('MX')).toBe('E');
  });

  it('writes parties of unknown kind as legal entities', () => {
    expect(personTypeCode(foreign)).toBe('J');
    expect(personTypeCode(BUYER)).toBe('F');
  });

  it('writes an overseas address with alpha-3 country and escapes text', () => {
    const xml = buildBusiness(foreign, 'customer');
    expect(xml).toContain('<ResidenceTypeCode>U</ResidenceTypeCode>');
    expect(xml).toContain('<CorporateName>Müller &amp; Söhne GmbH</CorporateName>');
    expect(xml).toContain(
      '<OverseasAddress><Address>Hauptstraße 5</Address><PostCodeAndTown>10115 Berlin</PostCodeAndTown>' +
        '<Province>Berlin</Province><CountryCode>DEU</CountryCode></OverseasAddress>',
    );
  });

  it('derives a missing province from the postal code and fixes a lost leading zero', () => {
    const xml = buildAddress(
      {
        ...SELLER,
        address: { line1: 'Rambla 1', city: 'Barcelona', postalCode: '8001', country: 'ES' },
      },
      'issuer',
    );
    expect(xml).toContain(
      '<PostCode>08001</PostCode><Town>Barcelona</Town><Province>Barcelona</Province>',
    );
  });

  it('keeps a given province that fits, replaces one that does not', () => {
    expect(spanishProvince('Gran Canaria', '35002', 'p')).toBe('Gran Canaria');
    expect(spanishProvince('Santa Cruz de Tenerife', '38001', 'p')).toBe('S.C. de Tenerife');
    expect(() => spanishProvince(undefined, '99000', 'customer.address.province')).toThrow(
      /customer.address.province/,
    );
  });

  it('rejects postal codes that are not Spanish', () => {
    expect(spanishPostCode(' 28 013', 'p')).toBe('28013');
    expect(() => spanishPostCode('2801A', 'customer.address.postalCode')).toThrow(/5-digit/);
  });

  it('refuses a tax id Facturae cannot hold', () => {
    expect(() => buildBusiness({ ...SELLER, taxId: 'B1' }, 'issuer')).toThrow(/issuer.taxId/);
  });
});

describe('administrative centres (DIR3)', () => {
  const ayuntamiento: PartySnapshot = {
    taxId: 'P2807900B',
    taxIdKind: 'ES_CIF',
    personType: 'legalEntity',
    name: 'Ayuntamiento de Madrid',
    address: { line1: 'Calle Montalbán 1', city: 'Madrid', postalCode: '28014', country: 'ES' },
    dir3: {
      accountingOffice: {
        code: 'LA0008533',
        name: 'Intervención General del Ayuntamiento de Madrid',
      },
      managementBody: { code: 'LA0000751', name: 'Pleno' },
      processingUnit: { code: 'LA0007418' },
    },
  };

  it("writes the three units as the buyer's centres, roles 01–03, before LegalEntity", () => {
    const xml = buildBusiness(ayuntamiento, 'customer');
    const address =
      '<AddressInSpain><Address>Calle Montalbán 1</Address><PostCode>28014</PostCode>' +
      '<Town>Madrid</Town><Province>Madrid</Province><CountryCode>ESP</CountryCode></AddressInSpain>';
    expect(xml).toContain(
      '</TaxIdentification><AdministrativeCentres>' +
        '<AdministrativeCentre><CentreCode>LA0008533</CentreCode><RoleTypeCode>01</RoleTypeCode>' +
        `<Name>Intervención General del Ayuntamiento de</Name>${address}` +
        '<CentreDescription>Intervención General del Ayuntamiento de Madrid</CentreDescription>' +
        '</AdministrativeCentre>' +
        '<AdministrativeCentre><CentreCode>LA0000751</CentreCode><RoleTypeCode>02</RoleTypeCode>' +
        `<Name>Pleno</Name>${address}<CentreDescription>Pleno</CentreDescription>` +
        '</AdministrativeCentre>' +
        '<AdministrativeCentre><CentreCode>LA0007418</CentreCode><RoleTypeCode>03</RoleTypeCode>' +
        `${address}</AdministrativeCentre>` +
        '</AdministrativeCentres><LegalEntity>',
    );
  });

  it('writes no centres for a buyer without DIR3 units', () => {
    expect(buildBusiness(BUYER, 'customer')).not.toContain('AdministrativeCentres');
  });
});
