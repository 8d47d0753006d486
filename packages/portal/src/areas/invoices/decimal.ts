import type { Language } from '../../i18n/index.ts';

/**
 * A decimal as typed in the reader's language (`1.234,5` in Spanish and Catalan, `1,234.5` in
 * English) to the API's form (`1234.5`). Only the separators change: the number itself is never
 * parsed, so nothing is rounded; what is not a number goes as typed for the API's schema to name.
 */
export function decimalFromInput(text: string, language: Language): string {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (language === 'en') return compact.replace(/,/g, '');
  // A lone dot with up to two decimals after it is a decimal point typed the English way.
  if (/^-?\d+\.\d{1,2}$/.test(compact) && !compact.includes(',')) return compact;
  return compact.replace(/\./g, '').replace(',', '.');
}

/** The API's decimal (`1234.5`) as the reader types it (`1234,5`), without grouping. */
export function decimalToInput(value: string | undefined, language: Language): string {
  if (value === undefined) return '';
  return language === 'en' ? value : value.replace('.', ',');
}
