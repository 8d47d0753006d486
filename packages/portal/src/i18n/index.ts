import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Catalog } from './catalog.ts';
import {
  DEFAULT_LANGUAGE,
  LANGUAGE_STORAGE_KEY,
  LANGUAGES,
  type Language,
  pickLanguage,
} from './language.ts';
import { ca } from './messages/ca.ts';
import { commonMessages } from './messages/common.ts';
import { en } from './messages/en.ts';
import { es } from './messages/es.ts';

export * from './format.ts';
export * from './language.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: Catalog };
  }
}

const remembered = () => {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
};

/** Starts i18next in the language the URL or the last visit asks for (all three are bundled). */
export function startI18n(): Language {
  const language = pickLanguage(location.search, remembered());
  void i18next.use(initReactI18next).init({
    resources: {
      es: { translation: { ...es, ...commonMessages.es } },
      ca: { translation: { ...ca, ...commonMessages.ca } },
      en: { translation: { ...en, ...commonMessages.en } },
    },
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
    // A string looked up before its area's strings loaded (or never written) shows its key: say
    // so in the console, where the browser tests fail on any error.
    saveMissing: true,
    missingKeyHandler: (_languages, _namespace, key) => console.error(`missing string: ${key}`),
  });
  rememberLanguage(language);
  return language;
}

/** Switches the portal's language, remembers it, and tells assistive technology (`<html lang>`). */
export function rememberLanguage(language: Language) {
  if (i18next.language !== language) void i18next.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage can be off (private modes): the choice then lasts for this page only.
  }
}
