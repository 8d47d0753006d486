import { FacturaeBuildError } from './errors.ts';

/**
 * Printing of the model's decimal strings into the lexical forms the Facturae XSD accepts. Amounts
 * come from the tax engine; these helpers only pad or trim zeros and never round, so what the XML
 * says is exactly what was computed (a value that would need rounding is an error upstream).
 */
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

export function decimal(
  value: string,
  path: string,
  minDecimals: number,
  maxDecimals: number,
): string {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new FacturaeBuildError(`"${value}" is not a decimal number`, path);
  const [, sign = '', digits = '0', rawFraction = ''] = match;
  const integer = digits.replace(/^0+(?=\d)/, '');
  let fraction = rawFraction;
  if (fraction.length > maxDecimals) {
    // Trailing zeros carry no value; anything else would have to be rounded, which is not ours to do.
    fraction = fraction.replace(/0+$/, '');
    if (fraction.length > maxDecimals) {
      throw new FacturaeBuildError(
        `"${value}" has more than ${maxDecimals} decimals; the tax engine must round it`,
        path,
      );
    }
  }
  fraction = fraction.padEnd(minDecimals, '0');
  const isZero = /^0+$/.test(integer + fraction);
  return `${isZero ? '' : sign}${integer}${fraction ? `.${fraction}` : ''}`;
}

/** DoubleTwoDecimalType and the model's cent amounts: exactly two decimals. */
export const amount2 = (value: string, path: string): string => decimal(value, path, 2, 2);

/** DoubleUpToEightDecimalType, printed with at least two decimals so amounts read alike. */
export const upTo8 = (value: string, path: string): string => decimal(value, path, 2, 8);

/** Quantities (xs:double): as the model wrote them, normalised. */
export const quantity = (value: string, path: string): string => decimal(value, path, 0, 8);

/**
 * Cuts free text to the XSD's maxLength, counted in characters (code points) as XML Schema
 * counts them. Used only for descriptive text (names, addresses, notes); identifiers are never
 * cut, see `identifier`.
 */
export function clip(value: string, max: number): string {
  const text = value.trim();
  if (text.length <= max) return text;
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('').trimEnd();
}

/** Identifiers (numbers, series, tax ids) must fit as they are: cutting one would change it. */
export function identifier(value: string, path: string, max: number, min = 1): string {
  const text = value.trim();
  const length = Array.from(text).length;
  if (length < min || length > max) {
    throw new FacturaeBuildError(
      `"${value}" must have ${min === max ? max : `${min} to ${max}`} characters`,
      path,
    );
  }
  return text;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** xs:date as the model stores it (YYYY-MM-DD). */
export function date(value: string, path: string): string {
  if (!DATE.test(value)) throw new FacturaeBuildError(`"${value}" is not a YYYY-MM-DD date`, path);
  return value;
}
