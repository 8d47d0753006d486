import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, EU_COUNTRIES, isCountryCode, isEuCountry, vatPrefix } from './country.ts';

describe('COUNTRY_CODES', () => {
  it('holds the 249 assigned ISO 3166-1 alpha-2 codes, sorted and unique', () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    expect([...COUNTRY_CODES].sort()).toEqual(COUNTRY_CODES);
    for (const code of COUNTRY_CODES) {
      expect(code).toMatch(/^[A-Z]{2}$/);
    }
    expect(COUNTRY_CODES[0]).toBe('AD');
    expect(COUNTRY_CODES.at(-1)).toBe('ZW');
  });

  it('cannot be mutated by callers', () => {
    expect(Object.isFrozen(COUNTRY_CODES)).toBe(true);
  });
});

describe('isCountryCode', () => {
  it.each([
    'ES',
    'MX',
    'GR',
    'DE',
    'US',
    'GB',
    'AX', // Åland Islands
    'BQ', // Bonaire, Sint Eustatius and Saba (2010)
    'CW', // Curaçao (2010)
    'SX', // Sint Maarten (2010)
    'SS', // South Sudan (2011)
    'AQ', // Antarctica
  ])('accepts %s', (code) => {
    expect(isCountryCode(code)).toBe(true);
  });

  it.each([
    'EL', // Greek VAT prefix, not an ISO code
    'UK', // exceptionally reserved; the code is GB
    'EU', // exceptionally reserved
    'XK', // Kosovo: user-assigned, not official
    'AN', // Netherlands Antilles, withdrawn in 2010
    'YU', // Yugoslavia, withdrawn
    'ZZ',
    'es', // lower case is not a stored code
    'Es',
    'ESP', // alpha-3
    'E',
    '',
    ' ES',
  ])('rejects %j', (code) => {
    expect(isCountryCode(code)).toBe(false);
  });
});

describe('EU_COUNTRIES', () => {
  it('lists the 27 member states by ISO code', () => {
    expect([...EU_COUNTRIES]).toEqual([
      'AT',
      'BE',
      'BG',
      'CY',
      'CZ',
      'DE',
      'DK',
      'EE',
      'ES',
      'FI',
      'FR',
      'GR',
      'HR',
      'HU',
      'IE',
      'IT',
      'LT',
      'LU',
      'LV',
      'MT',
      'NL',
      'PL',
      'PT',
      'RO',
      'SE',
      'SI',
      'SK',
    ]);
  });

  it('only holds assigned ISO codes', () => {
    for (const code of EU_COUNTRIES) {
      expect(isCountryCode(code)).toBe(true);
    }
  });
});

describe('isEuCountry', () => {
  it.each(['ES', 'DE', 'FR', 'GR', 'HR', 'IE', 'CY', 'MT'])('accepts %s', (code) => {
    expect(isEuCountry(code)).toBe(true);
  });

  it.each(['GB', 'CH', 'NO', 'IS', 'LI', 'MX', 'US', 'EL', 'es', ''])('rejects %j', (code) => {
    expect(isEuCountry(code)).toBe(false);
  });
});

describe('vatPrefix', () => {
  it('is EL for Greece', () => {
    expect(vatPrefix('GR')).toBe('EL');
  });

  it.each(['ES', 'DE', 'FR', 'AT', 'IE'])('is the ISO code itself for %s', (code) => {
    expect(vatPrefix(code)).toBe(code);
  });
});
