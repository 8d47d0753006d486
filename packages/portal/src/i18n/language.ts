export const LANGUAGES = ['es', 'ca', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'es';

/** Where the choice is remembered between visits. */
export const LANGUAGE_STORAGE_KEY = 'sello.language';

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** `?lang=` on the URL wins, then the remembered choice, then Spanish. */
export function pickLanguage(search: string, remembered: string | null): Language {
  const asked = new URLSearchParams(search).get('lang');
  if (isLanguage(asked)) return asked;
  if (isLanguage(remembered)) return remembered;
  return DEFAULT_LANGUAGE;
}

/** The BCP 47 locale `Intl` formats with: Spain's conventions for es and ca. */
export const LOCALES: Record<Language, string> = { es: 'es-ES', ca: 'ca-ES', en: 'en-GB' };
