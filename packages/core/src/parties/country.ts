/**
 * Country codes as Sello stores them: ISO 3166-1 alpha-2, upper case. Tax ids and VAT prefixes
 * are checked against these, so a typo in a country is caught before it reaches a tax authority.
 */

// ISO 3166-1 alpha-2 assigned codes (249) per ISO/TC 46 N1108 (2023-04-05), via Debian iso-codes.
const ISO_3166_ALPHA_2 = [
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ',
  'BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ',
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ',
  'DE DJ DK DM DO DZ',
  'EC EE EG EH ER ES ET',
  'FI FJ FK FM FO FR',
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY',
  'HK HM HN HR HT HU',
  'ID IE IL IM IN IO IQ IR IS IT',
  'JE JM JO JP',
  'KE KG KH KI KM KN KP KR KW KY KZ',
  'LA LB LC LI LK LR LS LT LU LV LY',
  'MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ',
  'NA NC NE NF NG NI NL NO NP NR NU NZ',
  'OM',
  'PA PE PF PG PH PK PL PM PN PR PS PT PW PY',
  'QA',
  'RE RO RS RU RW',
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ',
  'TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ',
  'UA UG UM US UY UZ',
  'VA VC VE VG VI VN VU',
  'WF WS',
  'YE YT',
  'ZA ZM ZW',
];

/** Every officially assigned ISO 3166-1 alpha-2 code, sorted. */
export const COUNTRY_CODES: readonly string[] = Object.freeze(
  ISO_3166_ALPHA_2.join(' ').split(' '),
);

const COUNTRY_CODE_SET: ReadonlySet<string> = new Set(COUNTRY_CODES);

/**
 * True for an officially assigned ISO 3166-1 alpha-2 code. Case-sensitive on purpose: stored
 * codes are upper case, and accepting `es` here would let un-normalised data through.
 */
export function isCountryCode(code: string): boolean {
  return COUNTRY_CODE_SET.has(code);
}

/** The 27 member states of the European Union, by ISO code (Greece is `GR`, not `EL`). */
export const EU_COUNTRIES = [
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
] as const;

export type EuCountry = (typeof EU_COUNTRIES)[number];

const EU_COUNTRY_SET: ReadonlySet<string> = new Set(EU_COUNTRIES);

export function isEuCountry(code: string): code is EuCountry {
  return EU_COUNTRY_SET.has(code);
}

/**
 * The two letters that prefix a VAT number of `country` (an upper-case ISO code). They equal the
 * ISO code except for Greece, whose VAT numbers (and VIES) use `EL`.
 */
export function vatPrefix(country: string): string {
  return country === 'GR' ? 'EL' : country;
}
