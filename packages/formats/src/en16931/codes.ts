import type { PaymentMeans } from '@sello/core/invoices';
import { unitOfMeasure } from '../facturae/items.ts';

/** BT-24 and BT-23 of Peppol BIS Billing 3.0 (also valid EN 16931 identifiers for CII). */
export const PEPPOL_CUSTOMIZATION_ID =
  'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
export const PEPPOL_PROFILE_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';
/** BT-24 of a plain EN 16931 document: CII is not a Peppol BIS syntax. */
export const EN16931_CUSTOMIZATION_ID = 'urn:cen.eu:en16931:2017';

/**
 * UN/ECE Recommendation 20/21 unit codes for Facturae's UnitOfMeasure codes (01–36), which is how
 * lines store their unit (or a name `unitOfMeasure` understands). "Other" and units without a
 * recommendation code print as C62 ("one"), so a unit never stops a document from being written.
 */
const UNECE_UNITS: Readonly<Record<string, string>> = {
  '01': 'C62', // units
  '02': 'HUR',
  '03': 'KGM',
  '04': 'LTR',
  '05': 'C62', // other
  '06': 'XBX',
  '07': 'XDS',
  '08': 'XBA',
  '09': 'XJY',
  '10': 'XBG',
  '11': 'XCO',
  '12': 'XBO',
  '13': 'XCI',
  '14': 'XCT', // Tetra Brik: a carton
  '15': 'CLT',
  '16': 'CMT',
  '17': 'XBI',
  '18': 'DZN',
  '19': 'XCS',
  '20': 'XDJ',
  '21': 'GRM',
  '22': 'KMT',
  '23': 'XCA',
  '24': 'XBH',
  '25': 'MTR',
  '26': 'MMT',
  '27': 'XPK', // 6-pack: a package
  '28': 'XPK',
  '29': 'PTN',
  '30': 'XRO',
  '31': 'XEN',
  '32': 'XTB',
  '33': 'MTQ',
  '34': 'SEC',
  '35': 'WTT',
  '36': 'KWH',
};

export const UNIT_CODES: readonly string[] = [...new Set(Object.values(UNECE_UNITS))];

export function unitCode(unit: string | undefined): string {
  return UNECE_UNITS[unitOfMeasure(unit)] ?? 'C62';
}

/**
 * UNCL 4461 payment means. SEPA credit transfer needs the account (BR-61); a direct debit needs a
 * mandate reference in Peppol (PEPPOL-EN16931-R061) which Sello does not store, so it is written as
 * "instrument not defined" named "direct debit".
 */
export function paymentMeansCode(means: PaymentMeans, hasIban: boolean): string {
  switch (means) {
    case 'transfer':
      return hasIban ? '58' : '42';
    case 'card':
      return '48';
    case 'cash':
      return '10';
    case 'directDebit':
      return '1';
    default:
      return 'ZZZ';
  }
}

/**
 * Peppol electronic address schemes (EAS) for a VAT number, by country: the VAT-number schemes
 * (99xx) where the EAS list has one, the national identifier the VAT number contains otherwise
 * (DK CVR, SE organisation number, FI OVT, IT partita IVA). Spain is 9920 (ES:VAT).
 */
const VAT_EAS: Readonly<Record<string, string>> = {
  AT: '9914',
  BE: '9925',
  BG: '9926',
  CY: '9928',
  CZ: '9929',
  DE: '9930',
  DK: '0184',
  EE: '9931',
  ES: '9920',
  FI: '0216',
  FR: '9957',
  GR: '9933',
  HR: '9934',
  HU: '9910',
  IE: '9935',
  IT: '0211',
  LT: '9937',
  LU: '9938',
  LV: '9939',
  MT: '9943',
  NL: '9944',
  PL: '9945',
  PT: '9946',
  RO: '9947',
  SE: '0007',
  SI: '9949',
  SK: '9950',
};

export interface Endpoint {
  scheme: string;
  id: string;
}

/** BT-34/BT-49 for a VAT number with its prefix (`ESB12345674`, `FR40303265045`). */
export function vatEndpoint(country: string, vatId: string): Endpoint | undefined {
  const scheme = VAT_EAS[country];
  if (!scheme) return undefined;
  const body = vatId.slice(2);
  switch (scheme) {
    case '0007': // Swedish VAT: SE + 10-digit organisation number + 01
      return { scheme, id: body.slice(0, 10) };
    case '0216': // Finnish OVT: 0037 + business id
      return { scheme, id: `0037${body}` };
    default:
      return { scheme, id: vatId };
  }
}

/**
 * EAS schemes of countries outside the EU whose tax id Sello stores as a plain foreign id (kind
 * OTHER): their VAT numbers (99xx), the Norwegian organisation number, the US EIN.
 */
const FOREIGN_EAS: Readonly<Record<string, string>> = {
  AD: '9922',
  AL: '9923',
  BA: '9924',
  CH: '9927',
  GB: '9932',
  LI: '9936',
  MC: '9940',
  ME: '9941',
  MK: '9942',
  NO: '0192',
  RS: '9948',
  SM: '9951',
  TR: '9952',
  US: '9959',
  VA: '9953',
};

/** BT-49 for a foreign tax id (normalised, without separators) of a country outside the EU. */
export function foreignEndpoint(country: string, taxId: string): Endpoint | undefined {
  const scheme = FOREIGN_EAS[country];
  if (!scheme) return undefined;
  if (scheme === '0192') {
    // NO + 9-digit organisation number + MVA, or the bare organisation number.
    const digits = /^(?:NO)?(\d{9})(?:MVA)?$/.exec(taxId)?.[1];
    return digits ? { scheme, id: digits } : undefined;
  }
  return { scheme, id: taxId };
}

/** VATEX codes (CEF list) used by the VAT categories that need one. */
export const VATEX = {
  reverseCharge: 'VATEX-EU-AE',
  intraCommunity: 'VATEX-EU-IC',
  export: 'VATEX-EU-G',
  notSubject: 'VATEX-EU-O',
} as const;

/** UNCL 5189 "Discount", for line discounts. */
export const DISCOUNT_REASON_CODE = '95';
