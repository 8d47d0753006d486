import type { Language } from '../parties/party.ts';

/** The locale each document language is written in. */
export const LOCALES: Readonly<Record<Language, string>> = {
  es: 'es-ES',
  ca: 'ca-ES',
  en: 'en-IE',
};

/** `2027-01-15` → "15 de enero de 2027" / "15 de gener del 2027" / "15 January 2027". */
export const longDate = (isoDate: string, language: Language): string =>
  new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${isoDate.slice(0, 10)}T00:00:00Z`),
  );

/**
 * An amount in its currency as the language writes it ("1.234,56 €", "$1,234.56 MXN" as Intl
 * words it). Intl formats a decimal string digit for digit; it is typed as number only.
 */
export const money = (amount: string, currency: string, language: Language): string =>
  new Intl.NumberFormat(LOCALES[language], {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
  }).format(amount as unknown as number);

/**
 * Ends a sentence whose last word is a name: with a full stop, unless the name already ends in
 * one ("Talleres Ejemplo, S.L."), which then closes the sentence too.
 */
export const fullStop = (text: string): string => (text.endsWith('.') ? text : `${text}.`);
