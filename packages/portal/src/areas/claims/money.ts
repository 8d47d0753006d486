/**
 * Sums of the API's decimal strings in minor units (BigInt), never through a float: the page
 * checks that the two invoices add up to the valuation's total to the cent.
 */
export function toMinor(amount: string, decimals = 2): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) throw new Error(`not a decimal: ${amount}`);
  const [, sign, whole = '0', fraction = ''] = match;
  const units = BigInt(whole + fraction.padEnd(decimals, '0').slice(0, decimals));
  return sign ? -units : units;
}

/** Minor units back to the API's decimal string. */
export function fromMinor(units: bigint, decimals = 2): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return negative ? `-${text}` : text;
}

/** The sum of decimal strings, as a decimal string. */
export const addAmounts = (amounts: readonly string[], decimals = 2): string =>
  fromMinor(
    amounts.reduce((sum, a) => sum + toMinor(a, decimals), 0n),
    decimals,
  );
