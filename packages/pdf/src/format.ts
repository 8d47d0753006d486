import { MINOR_UNITS } from '@sello/core/money';
import type { Language } from './model.ts';

/**
 * Locale formatting straight from the model's decimal strings. Nothing here turns money into a
 * binary float: the digits are regrouped as text, so "0.10" prints as 0,10 and a 15-digit amount
 * keeps every digit. Intl.NumberFormat is not used because it would take a number, and because
 * es-ES leaves four-digit amounts ungrouped (1234,56 €) while invoices group them (1.234,56 €).
 *
 * Conventions: es and ca write `1.234,56 €`, `21 %` and `23/11/2026`; en writes `€1,234.56`,
 * `21%` and `23 Nov 2026` (a written-out month reads the same to British and American customers,
 * where 11/12/2026 would not). A negative amount is `-45,00 €` / `-€45.00`.
 */

interface Separators {
  group: string;
  decimal: string;
}

const SEPARATORS: Record<Language, Separators> = {
  es: { group: '.', decimal: ',' },
  ca: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?$/;

const EN_MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/**
 * Prints a decimal string with at least `minDecimals` decimals and no trailing zeros beyond them
 * (a unit price of "12.345600" prints 12,3456; "12.5" as money prints 12,50). Input that is not a
 * plain decimal is returned unchanged rather than guessed at.
 */
export function formatDecimal(value: string, lang: Language, minDecimals = 0): string {
  const m = DECIMAL.exec(value.trim());
  if (!m) return value;
  const [, sign = '', rawInt = '0', rawFrac = ''] = m;
  const int = rawInt.replace(/^0+(?=\d)/, '');
  let frac = rawFrac.replace(/0+$/, '');
  if (frac.length < minDecimals) frac = frac.padEnd(minDecimals, '0');
  const { group, decimal } = SEPARATORS[lang];
  let grouped = '';
  for (let i = int.length; i > 0; i -= 3) {
    const chunk = int.slice(Math.max(0, i - 3), i);
    grouped = grouped === '' ? chunk : `${chunk}${group}${grouped}`;
  }
  const isZero = /^0*$/.test(int) && /^0*$/.test(frac);
  const minus = sign === '-' && !isZero ? '-' : '';
  return `${minus}${grouped}${frac ? decimal + frac : ''}`;
}

/**
 * Money in the invoice's currency, with at least that currency's decimals (ISO 4217 minor unit:
 * cents for EUR and USD, none for JPY). Euros keep their sign (`1.234,56 €`, `€1,234.56`); other
 * currencies print their ISO code, which every font has and no reader confuses (`1.234,56 USD`,
 * `USD 1,234.56`; `$` alone would not say which dollar or peso).
 */
export function formatMoney(value: string, lang: Language, currency = 'EUR'): string {
  const n = formatDecimal(value, lang, MINOR_UNITS.get(currency) ?? 2);
  if (currency === 'EUR') {
    if (lang === 'en') return n.startsWith('-') ? `-€${n.slice(1)}` : `€${n}`;
    return `${n} €`;
  }
  if (lang === 'en') return n.startsWith('-') ? `-${currency} ${n.slice(1)}` : `${currency} ${n}`;
  return `${n} ${currency}`;
}

/** Money shown as subtracted (withholdings): the same amount with a minus sign in front. */
export function formatNegatedMoney(value: string, lang: Language, currency = 'EUR'): string {
  const v = value.trim();
  return formatMoney(v.startsWith('-') ? v.slice(1) : `-${v.replace(/^\+/, '')}`, lang, currency);
}

export const formatQuantity = (value: string, lang: Language): string =>
  formatDecimal(value, lang, 0);

/** A rate such as "21" or "5.2": `21 %` in Spanish and Catalan (RAE/IEC spacing), `21%` in English. */
export function formatPercent(rate: string, lang: Language): string {
  const n = formatDecimal(rate, lang, 0);
  return lang === 'en' ? `${n}%` : `${n} %`;
}

/** A `YYYY-MM-DD` date (anything after the day, such as a time, is ignored); never via Date, so no time zone can move it. */
export function formatDate(iso: string, lang: Language): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  if (lang === 'en') {
    const month = EN_MONTHS[Number(mo) - 1];
    return month ? `${Number(d)} ${month} ${y}` : iso;
  }
  return `${d}/${mo}/${y}`;
}

/** IBAN in groups of four, the way it is printed on bank documents (ES91 2100 0418 …). */
export function formatIban(iban: string): string {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  return compact.replace(/(.{4})(?=.)/g, '$1 ');
}
