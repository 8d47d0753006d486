/**
 * ISO 4217 currencies an invoice may be in, and each one's minor unit (the decimals amounts are
 * rounded to). Data: ISO 4217 Table A.1 "Current currency & funds code list" as published by SIX
 * (list-one.xml), through the datasets/currency-codes data package (`data/codes-all.csv` at commit
 * ab9b0ae, 2026-02-01): every code without a withdrawal date. Codes without a minor unit ("N.A.":
 * XXX, XAU, XDR, XTS, …) are left out, as no invoice can be rounded in them.
 */
const BY_MINOR_UNIT: Record<number, string> = {
  0: 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF',
  2:
    'AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BMD BND BOB BOV BRL BSD BTN BWP BYN BZD ' +
    'CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP ' +
    'GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK ' +
    'LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO ' +
    'NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS ' +
    'SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST ' +
    'XAD XCD XCG YER ZAR ZMW ZWG',
  3: 'BHD IQD JOD KWD LYD OMR TND',
  4: 'CLF UYW',
};

/** Minor unit per ISO 4217 alphabetic code, e.g. JPY 0, EUR 2, KWD 3. */
export const MINOR_UNITS: ReadonlyMap<string, number> = new Map(
  Object.entries(BY_MINOR_UNIT).flatMap(([units, codes]) =>
    codes.split(' ').map((code) => [code, Number(units)] as const),
  ),
);

export const isCurrency = (code: string): boolean => MINOR_UNITS.has(code);

/** The decimals amounts in `code` carry; throws on a code that is not a current ISO 4217 one. */
export function minorUnits(code: string): number {
  const units = MINOR_UNITS.get(code);
  if (units === undefined) throw new Error(`${code} is not a current ISO 4217 currency`);
  return units;
}
