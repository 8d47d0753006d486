import { readFileSync } from 'node:fs';
import { COUNTRY_CODES } from '@sello/core/parties';
import { describe, expect, it } from 'vitest';
import { facturaeCountry, knownAlpha2 } from './countries.ts';

const schema = readFileSync(
  new URL('../../../../test/fixtures/schemas/facturae/Facturaev3_2_2.xsd', import.meta.url),
  'utf8',
);
const start = schema.indexOf('name="CountryType"');
const FACTURAE_COUNTRIES = new Set(
  [
    ...schema
      .slice(start, schema.indexOf('</xs:simpleType>', start))
      .matchAll(/value="([A-Z]{3})"/g),
  ].map((m) => m[1]),
);

describe('facturaeCountry', () => {
  it('maps ISO alpha-2 to the alpha-3 code Facturae uses', () => {
    expect(facturaeCountry('ES', 'c')).toBe('ESP');
    expect(facturaeCountry('fr', 'c')).toBe('FRA');
    expect(facturaeCountry('GR', 'c')).toBe('GRC');
    expect(facturaeCountry('MX', 'c')).toBe('MEX');
    expect(facturaeCountry('GB', 'c')).toBe('GBR');
  });

  it('knows every country Sello accepts', () => {
    expect(knownAlpha2().sort()).toEqual([...COUNTRY_CODES]);
  });

  it('only ever prints a code of the Facturae 3.2.2 CountryType enumeration', () => {
    expect(FACTURAE_COUNTRIES.size).toBe(235);
    for (const code of COUNTRY_CODES) {
      if (code === 'AQ') continue;
      expect(FACTURAE_COUNTRIES, code).toContain(facturaeCountry(code, 'c'));
    }
  });

  it('writes territories newer than the schema as what they were part of', () => {
    expect(facturaeCountry('CW', 'c')).toBe('ANT');
    expect(facturaeCountry('SS', 'c')).toBe('SDN');
    expect(facturaeCountry('AX', 'c')).toBe('FIN');
  });

  it('refuses what has no Facturae code', () => {
    expect(() => facturaeCountry('AQ', 'customer.address.country')).toThrow(
      /customer.address.country: country AQ/,
    );
    expect(() => facturaeCountry('XX', 'c')).toThrow(/XX/);
  });
});
