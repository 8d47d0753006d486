import { type Language, LOCALES } from './language.ts';

const cache = new Map<string, Intl.NumberFormat>();

/**
 * Money from the API's decimal string, never through a float: `Intl.NumberFormat` formats a
 * numeric string exactly. Grouping is forced because Spanish CLDR leaves four-digit amounts
 * ungrouped (`1234,56 €`), which invoices in Spain do not.
 */
export function formatMoney(amount: string, currency: string, language: Language): string {
  const key = `${language}:${currency}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[language], {
      style: 'currency',
      currency,
      useGrouping: 'always',
    });
    cache.set(key, format);
  }
  return format.format(amount as Intl.StringNumericLiteral);
}

const dates = new Map<Language, Intl.DateTimeFormat>();

/** A calendar date (`2026-12-07`) or instant, as a date in the reader's language. */
export function formatDate(value: string, language: Language): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  // One formatter per language: making one costs more than formatting (a list has many dates).
  let format = dates.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'medium', timeZone: 'UTC' });
    dates.set(language, format);
  }
  return format.format(date);
}
