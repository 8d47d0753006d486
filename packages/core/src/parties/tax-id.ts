/**
 * Tax identifier validation for invoice parties. Spain and Mexico are checked down to their check
 * characters because their e-invoicing systems (VeriFactu/SII, CFDI) reject a bad id outright;
 * other EU VAT numbers get a format check, and the rest of the world only a sanity check.
 */
import { EU_COUNTRIES, type EuCountry, isCountryCode, isEuCountry, vatPrefix } from './country.ts';

export type TaxIdKind = 'ES_NIF' | 'ES_NIE' | 'ES_CIF' | 'MX_RFC' | 'EU_VAT' | 'OTHER';
export type PersonType = 'individual' | 'legalEntity' | 'unknown';
export type TaxIdCheck =
  | { valid: true; normalized: string; kind: TaxIdKind; personType: PersonType }
  | { valid: false; reason: string };

/** Upper case without the separators people type (spaces, hyphens, dots, slashes). */
function normalize(value: string): string {
  // NFC first so a decomposed Ñ (N + combining tilde) compares equal to the precomposed one.
  return value
    .normalize('NFC')
    .toUpperCase()
    .replace(/[\s./-]/g, '');
}

function invalid(reason: string): TaxIdCheck {
  return { valid: false, reason };
}

function valid(normalized: string, kind: TaxIdKind, personType: PersonType): TaxIdCheck {
  return { valid: true, normalized, kind, personType };
}

/**
 * Checks `value` as a tax id issued in `country` (ISO 3166-1 alpha-2, any case). Never throws:
 * callers decide whether an invalid id is an error, and `reason` says what is wrong.
 */
export function validateTaxId(value: string, country: string): TaxIdCheck {
  const countryCode = country.trim().toUpperCase();
  if (!isCountryCode(countryCode)) {
    // EL is what people copy from a Greek VAT number, so point them at the ISO code.
    const hint = countryCode === 'EL' ? ' (EL is the VAT prefix of Greece; use GR)' : '';
    return invalid(`Unknown country code "${country}"${hint}`);
  }
  const id = normalize(value);
  if (id === '') {
    return invalid('Tax id is empty');
  }
  if (countryCode === 'MX') {
    return validateRfc(id);
  }
  if (isEuCountry(countryCode)) {
    return countryCode === 'ES' ? validateSpanish(id) : validateEuVat(id, countryCode);
  }
  if (!/^[A-Z0-9]{1,30}$/.test(id)) {
    return invalid(`Tax id ${id} for ${countryCode} must be 1 to 30 letters or digits`);
  }
  return valid(id, 'OTHER', 'unknown');
}

// ---------------------------------------------------------------------------------------------
// Spain: NIF (DNI and K/L/M), NIE and CIF (the NIF of legal entities).

/** DNI/NIE control letters, indexed by the number modulo 23. */
const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
/** CIF control letters, indexed by the control digit. */
const CIF_LETTERS = 'JABCDEFGHI';
/** Organisation letters of entity NIFs (Orden EHA/451/2008). */
const CIF_ENTITY_LETTERS = 'ABCDEFGHJNPQRSUVW';
/** Public bodies (P, Q, S), religious entities (R) and foreign entities (N, W) use a letter. */
const CIF_LETTER_CONTROL = 'NPQRSW';
/** Companies (A, B), communities of goods (E) and of owners (H) use a digit. */
const CIF_DIGIT_CONTROL = 'ABEH';

function validateSpanish(input: string): TaxIdCheck {
  // The ES VAT prefix is optional; no NIF, NIE or CIF starts with "ES" followed by more.
  const id = input.startsWith('ES') ? input.slice(2) : input;
  if (id.length !== 9) {
    return invalid(
      `Spanish tax id ${id} must have 9 characters (without the ES prefix); it has ${id.length}`,
    );
  }
  const first = id[0]!;
  if (/[0-9]/.test(first)) {
    return validateDni(id);
  }
  if ('KLM'.includes(first)) {
    return validateSpecialNif(id);
  }
  if ('XYZ'.includes(first)) {
    return validateNie(id);
  }
  if (CIF_ENTITY_LETTERS.includes(first)) {
    return validateCif(id);
  }
  return invalid(
    `Spanish tax id ${id} starts with ${first}, which is not a NIF, NIE or CIF letter`,
  );
}

function dniLetter(digits: string): string {
  return DNI_LETTERS[Number(digits) % 23]!;
}

function checkDniStyle(id: string, label: string, digits: string, kind: TaxIdKind): TaxIdCheck {
  const expected = dniLetter(digits);
  const actual = id[8]!;
  if (actual !== expected) {
    return invalid(`${label} ${id} has control letter ${actual}; expected ${expected}`);
  }
  return valid(id, kind, 'individual');
}

/** DNI-based NIF: 8 digits and a control letter. */
function validateDni(id: string): TaxIdCheck {
  if (!/^[0-9]{8}[A-Z]$/.test(id)) {
    return invalid(`NIF ${id} must be 8 digits followed by a control letter`);
  }
  return checkDniStyle(id, 'NIF', id.slice(0, 8), 'ES_NIF');
}

/**
 * K, L and M NIFs (Spaniards under 14 or living abroad without a DNI, foreigners without a NIE):
 * the letter carries no value, so the control letter is computed on the 7 digits alone.
 */
function validateSpecialNif(id: string): TaxIdCheck {
  if (!/^[KLM][0-9]{7}[A-Z]$/.test(id)) {
    return invalid(`NIF ${id} must be ${id[0]} followed by 7 digits and a control letter`);
  }
  return checkDniStyle(id, 'NIF', id.slice(1, 8), 'ES_NIF');
}

/** NIE: X, Y or Z stand for 0, 1 and 2, then the DNI rule applies. */
function validateNie(id: string): TaxIdCheck {
  if (!/^[XYZ][0-9]{7}[A-Z]$/.test(id)) {
    return invalid(`NIE ${id} must be X, Y or Z followed by 7 digits and a control letter`);
  }
  const digits = String('XYZ'.indexOf(id[0]!)) + id.slice(1, 8);
  return checkDniStyle(id, 'NIE', digits, 'ES_NIE');
}

/** The CIF control digit: Luhn-style sum over the 7 digits, 10 minus the last digit. */
function cifControlDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = Number(digits[i]);
    if (i % 2 === 0) {
      // Odd positions (1st, 3rd, ...) are doubled and their digits added.
      const doubled = digit * 2;
      sum += Math.floor(doubled / 10) + (doubled % 10);
    } else {
      sum += digit;
    }
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * CIF: organisation letter, 7 digits, control character. Whether the control is a digit or a
 * letter depends on the organisation: a letter for N, P, Q, R, S, W and for non-residents
 * (province digits 00), a digit for A, B, E, H, and either for the others, since both are issued.
 */
function validateCif(id: string): TaxIdCheck {
  if (!/^[A-Z][0-9]{7}[0-9A-Z]$/.test(id)) {
    return invalid(`CIF ${id} must be a letter followed by 7 digits and a control character`);
  }
  const type = id[0]!;
  const digits = id.slice(1, 8);
  const control = cifControlDigit(digits);
  const digit = String(control);
  const letter = CIF_LETTERS[control]!;
  const actual = id[8]!;
  // Non-residents (province digits 00) take a letter, but A, B, E and H take a digit: where the
  // two rules meet, both forms exist in the census, so either is accepted.
  const nonResident = digits.startsWith('00');
  let expected = [digit, letter];
  let why = '';
  if (CIF_LETTER_CONTROL.includes(type)) {
    expected = [letter];
    why = ` (entities of type ${type} use a control letter)`;
  } else if (CIF_DIGIT_CONTROL.includes(type) && !nonResident) {
    expected = [digit];
    why = ` (entities of type ${type} use a control digit)`;
  } else if (!CIF_DIGIT_CONTROL.includes(type) && nonResident) {
    expected = [letter];
    why = ' (non-resident entities, province 00, use a control letter)';
  }
  if (!expected.includes(actual)) {
    return invalid(
      `CIF ${id} has control character ${actual}; expected ${expected.join(' or ')}${why}`,
    );
  }
  return valid(id, 'ES_CIF', 'legalEntity');
}

// ---------------------------------------------------------------------------------------------
// Mexico: RFC (Registro Federal de Contribuyentes).

/** SAT's generic RFCs: sales to the general public and to foreign residents. */
const GENERIC_RFCS: ReadonlySet<string> = new Set(['XAXX010101000', 'XEXX010101000']);
const RFC_PATTERN = /^([A-Z&Ñ]{3,4})([0-9]{2})([0-9]{2})([0-9]{2})[A-Z0-9]{2}[0-9A]$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validateRfc(rfc: string): TaxIdCheck {
  // SAT's fixed values: no person, so no date nor person type (XAXX010101000 is not a 1 Jan 2001).
  if (GENERIC_RFCS.has(rfc)) {
    return valid(rfc, 'MX_RFC', 'unknown');
  }
  if (rfc.length !== 12 && rfc.length !== 13) {
    return invalid(
      `RFC ${rfc} must have 12 characters (persona moral) or 13 (persona física); it has ${rfc.length}`,
    );
  }
  const match = RFC_PATTERN.exec(rfc);
  if (match === null) {
    const letters = rfc.length === 12 ? 3 : 4;
    return invalid(
      `RFC ${rfc} must be ${letters} letters, a YYMMDD date and a 3-character homoclave`,
    );
  }
  const yy = Number(match[2]);
  const month = Number(match[3]);
  const day = Number(match[4]);
  // The century is not encoded; 00 is a leap year either way it is read (2000), so yy % 4 works.
  const monthDays = month === 2 && yy % 4 !== 0 ? 28 : DAYS_IN_MONTH[month - 1];
  if (monthDays === undefined || day < 1 || day > monthDays) {
    return invalid(`RFC ${rfc} has an invalid date ${match[2]}${match[3]}${match[4]} (YYMMDD)`);
  }
  // The last character is a módulo-11 check digit, but it is not enforced: SAT's own published
  // sample receptor (MCI7306249Y1) does not match it, its XSD checks only the shape, and the
  // community RFC libraries (phpcfdi, nodecfdi) do not refuse on it. Whether an RFC exists is for
  // SAT's registry to say, which the PAC asks.
  return valid(rfc, 'MX_RFC', rfc.length === 12 ? 'legalEntity' : 'individual');
}

// ---------------------------------------------------------------------------------------------
// Other EU member states: VAT number format only, as published for VIES.

interface VatFormat {
  pattern: RegExp;
  /** What follows the prefix, for the error message. */
  description: string;
}

const EU_VAT_FORMATS: Record<Exclude<EuCountry, 'ES'>, VatFormat> = {
  AT: { pattern: /^U[0-9]{8}$/, description: 'U and 8 digits' },
  // Belgian enterprise numbers start with 0; those issued from 2023 start with 1.
  BE: { pattern: /^[01][0-9]{9}$/, description: '10 digits starting with 0 or 1' },
  BG: { pattern: /^[0-9]{9,10}$/, description: '9 or 10 digits' },
  CY: { pattern: /^[0-9]{8}[A-Z]$/, description: '8 digits and a letter' },
  CZ: { pattern: /^[0-9]{8,10}$/, description: '8, 9 or 10 digits' },
  DE: { pattern: /^[0-9]{9}$/, description: '9 digits' },
  DK: { pattern: /^[0-9]{8}$/, description: '8 digits' },
  EE: { pattern: /^[0-9]{9}$/, description: '9 digits' },
  FI: { pattern: /^[0-9]{8}$/, description: '8 digits' },
  // The 2-character key is digits or letters other than I and O (they read as 1 and 0).
  FR: {
    pattern: /^[0-9A-HJ-NP-Z]{2}[0-9]{9}$/,
    description: '2 characters (digits or letters, not I or O) and 9 digits',
  },
  GR: { pattern: /^[0-9]{9}$/, description: '9 digits' },
  HR: { pattern: /^[0-9]{11}$/, description: '11 digits' },
  HU: { pattern: /^[0-9]{8}$/, description: '8 digits' },
  // Old style 9S99999L (S: letter, digit, + or *) or 7 digits and one or two letters.
  IE: {
    pattern: /^([0-9][0-9A-Z+*][0-9]{5}[A-Z]|[0-9]{7}[A-Z]{2})$/,
    description:
      '8 characters (a digit, a letter, digit, + or *, 5 digits and a letter) or 9 (7 digits and 2 letters)',
  },
  IT: { pattern: /^[0-9]{11}$/, description: '11 digits' },
  LT: { pattern: /^([0-9]{9}|[0-9]{12})$/, description: '9 or 12 digits' },
  LU: { pattern: /^[0-9]{8}$/, description: '8 digits' },
  LV: { pattern: /^[0-9]{11}$/, description: '11 digits' },
  MT: { pattern: /^[0-9]{8}$/, description: '8 digits' },
  NL: { pattern: /^[0-9]{9}B[0-9]{2}$/, description: '9 digits, B and 2 digits' },
  PL: { pattern: /^[0-9]{10}$/, description: '10 digits' },
  PT: { pattern: /^[0-9]{9}$/, description: '9 digits' },
  RO: { pattern: /^[0-9]{2,10}$/, description: '2 to 10 digits' },
  SE: { pattern: /^[0-9]{12}$/, description: '12 digits' },
  SI: { pattern: /^[0-9]{8}$/, description: '8 digits' },
  SK: { pattern: /^[0-9]{10}$/, description: '10 digits' },
};

/** Every EU VAT prefix, to tell a wrong-country number from a mistyped one. */
const EU_VAT_PREFIXES: ReadonlySet<string> = new Set(EU_COUNTRIES.map(vatPrefix));

function validateEuVat(id: string, country: Exclude<EuCountry, 'ES'>): TaxIdCheck {
  const prefix = vatPrefix(country);
  const format = EU_VAT_FORMATS[country];
  // Greek numbers are often written with the ISO code; accept it and store the VAT prefix.
  const written = id.slice(0, 2);
  const hasPrefix = written === prefix || (country === 'GR' && written === 'GR');
  // Leading prefix letters are always read as the prefix; a French number whose key is itself
  // "FR" must therefore be written with its prefix (FRFR...).
  const body = hasPrefix ? id.slice(2) : id;
  if (format.pattern.test(body)) {
    return valid(prefix + body, 'EU_VAT', 'unknown');
  }
  if (!hasPrefix && EU_VAT_PREFIXES.has(written) && written !== prefix) {
    return invalid(`VAT number ${id} has the prefix ${written}, but the country is ${country}`);
  }
  return invalid(
    `VAT number ${id} is not valid for ${country}: expected ${prefix} followed by ${format.description}`,
  );
}
