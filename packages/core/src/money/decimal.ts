import { Decimal } from 'decimal.js';

/**
 * Decimal arithmetic for money: an isolated Decimal constructor (so nobody else's global config can
 * change ours) with enough precision for any invoice and Spain's rounding rule for cents, half up
 * ("redondeo aritmético": .005 rounds up).
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof Dec>;

export const ZERO = new Dec(0);

/** `-?digits(.digits)?` with at most `decimals` decimals: what the API accepts as an amount. */
export function isDecimalString(value: string, decimals: number): boolean {
  return new RegExp(`^-?\\d{1,15}(\\.\\d{1,${decimals}})?$`).test(value);
}

/** Rounds to cents and prints exactly two decimals. */
export const cents = (d: Dec): string => d.toDecimalPlaces(2).toFixed(2);

/** Prints without trailing zeros beyond `min` decimals, e.g. rate "5.20" -> "5.2", "21" -> "21". */
export function plain(d: Dec, min = 0): string {
  const s = d.toFixed();
  if (!s.includes('.')) return min ? `${s}.${'0'.repeat(min)}` : s;
  const [int, frac = ''] = s.split('.');
  const trimmed = frac.replace(/0+$/, '').padEnd(min, '0');
  return trimmed ? `${int}.${trimmed}` : int!;
}

export const sum = (values: Dec[]): Dec => values.reduce((a, b) => a.plus(b), ZERO);
