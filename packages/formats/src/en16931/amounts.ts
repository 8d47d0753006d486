import { Dec } from '@sello/core/money';
import { En16931BuildError } from './errors.ts';

/**
 * Printing of the model's decimal strings in EN 16931's lexical forms. Amounts come from the tax
 * engine with two decimals; these helpers pad, trim and flip signs but never round an engine
 * amount (the only rounding is `cents`, for the line discount EN 16931 wants in cents).
 */
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

interface Parts {
  negative: boolean;
  integer: string;
  fraction: string;
}

function parse(value: string, path: string): Parts {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new En16931BuildError(`"${value}" is not a decimal number`, path);
  const [, sign = '', digits = '0', fraction = ''] = match;
  const integer = digits.replace(/^0+(?=\d)/, '');
  const negative = sign === '-' && !/^0*$/.test(integer + fraction);
  return { negative, integer, fraction };
}

function print({ negative, integer, fraction }: Parts): string {
  return `${negative ? '-' : ''}${integer}${fraction ? `.${fraction}` : ''}`;
}

/** 1 for a document printed as the engine computed it, -1 for a credit note (signs flipped). */
export type Sign = 1 | -1;

/**
 * A monetary amount with exactly two decimals (BR-DEC-*), times `sign`. A value with more
 * significant decimals is refused: the engine rounds, the formats only print.
 */
export function money(value: string, path: string, sign: Sign = 1): string {
  const parts = parse(value, path);
  let fraction = parts.fraction;
  if (fraction.length > 2) {
    fraction = fraction.replace(/0+$/, '');
    if (fraction.length > 2) {
      throw new En16931BuildError(`"${value}" has more than 2 decimals`, path);
    }
  }
  const negative =
    sign === -1 ? !parts.negative && !/^0*$/.test(parts.integer + fraction) : parts.negative;
  return print({ negative, integer: parts.integer, fraction: fraction.padEnd(2, '0') });
}

/** A decimal without trailing zeros (rates, quantities, prices), times `sign`. */
export function plainNumber(value: string, path: string, sign: Sign = 1): string {
  const parts = parse(value, path);
  const fraction = parts.fraction.replace(/0+$/, '');
  const zero = /^0*$/.test(parts.integer + fraction);
  const negative = sign === -1 ? !parts.negative && !zero : parts.negative && !zero;
  return print({ negative, integer: parts.integer, fraction });
}

/** A unit price as BT-146 wants it: never negative (BR-27), at least two decimals. */
export function price(value: string, path: string): string {
  const parts = parse(value, path);
  const fraction = parts.fraction.replace(/0+$/, '').padEnd(2, '0');
  return print({ negative: false, integer: parts.integer, fraction });
}

export const isNegative = (value: string, path: string): boolean => parse(value, path).negative;

export const isZero = (value: string, path: string): boolean => {
  const { integer, fraction } = parse(value, path);
  return /^0*$/.test(integer + fraction);
};

/**
 * An unrounded engine amount (a line's gross or discount, up to 8 decimals) rounded half up to
 * cents, times `sign`: EN 16931 allows allowance amounts with two decimals only.
 */
export function cents(value: string, path: string, sign: Sign = 1): string {
  parse(value, path);
  return new Dec(value)
    .times(sign)
    .toDecimalPlaces(2)
    .toFixed(2)
    .replace(/^-(0\.00)$/, '$1');
}

/** `a + b` for two-decimal amounts, printed with two decimals. */
export function add(a: string, b: string): string {
  return new Dec(a).plus(b).toFixed(2);
}
