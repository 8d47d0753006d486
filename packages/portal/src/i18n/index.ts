import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Catalog } from './catalog.ts';
import {
  DEFAULT_LANGUAGE,
  isLanguage,
  LANGUAGE_STORAGE_KEY,
  LANGUAGES,
  type Language,
  pickLanguage,
} from './language.ts';
import { es } from './messages/es.ts';
import type { Messages } from './messages.ts';

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

type CommonStrings = { commonMessages: Partial<Record<Language, object>> };
/**
 * The strings of no area (messages/common.ts), cut to one language per module like the areas'
 * (vite.config.ts): Spanish's bundled, the others' fetched with their core strings.
 */
const COMMON_ES =
  Object.values(
    import.meta.glob<CommonStrings>('./messages/common.ts', { query: '?lang=es', eager: true }),
  )[0]?.commonMessages.es ?? {};
const COMMON_LATER = {
  ca: import.meta.glob<CommonStrings>('./messages/common.ts', { query: '?lang=ca' }),
  en: import.meta.glob<CommonStrings>('./messages/common.ts', { query: '?lang=en' }),
};
async function common(language: 'ca' | 'en'): Promise<object> {
  const load = Object.values(COMMON_LATER[language])[0];
  return load ? ((await load()).commonMessages[language] ?? {}) : {};
}

/**
 * The other languages' own strings, fetched when chosen: Spanish (the default, and the fallback)
 * is bundled, so the first load carries one language.
 */
const CORE: Record<Exclude<Language, 'es'>, () => Promise<Messages>> = {
  ca: async () => ({ ...(await import('./messages/ca.ts')).ca, ...(await common('ca')) }),
  en: async () => ({ ...(await import('./messages/en.ts')).en, ...(await common('en')) }),
};

/** An area's strings in one language (see routes.tsx). */
export type AreaStrings = (language: Language) => Promise<object | undefined>;

const areas = new Map<string, AreaStrings>();
const loads = new Map<string, Promise<void>>();
/** The language being switched to (the shown one when no switch is under way). */
let target: Language = DEFAULT_LANGUAGE;

/** Runs `job` once per key; a failed one may be tried again. */
function once(key: string, job: () => Promise<void>): Promise<void> {
  let load = loads.get(key);
  if (!load) {
    load = job();
    loads.set(key, load);
    load.catch(() => loads.delete(key));
  }
  return load;
}

const add = (language: Language, strings: object) => {
  i18next.addResourceBundle(language, 'translation', strings, true, true);
};

function loadCore(language: Language): Promise<void> {
  if (language === 'es') return Promise.resolve();
  return once(`core:${language}`, async () => add(language, await CORE[language]()));
}

function loadArea(area: string, language: Language): Promise<void> {
  return once(`${area}:${language}`, async () => {
    const strings = await areas.get(area)?.(language);
    if (strings) add(language, { [area]: strings });
  });
}

/**
 * An area's strings, before its first page renders: in the language shown, and in the one being
 * switched to. Later switches load them too.
 */
export async function loadAreaStrings(area: string, strings: AreaStrings): Promise<void> {
  areas.set(area, strings);
  const shown = isLanguage(i18next.language) ? i18next.language : DEFAULT_LANGUAGE;
  await Promise.all([...new Set([shown, target])].map((language) => loadArea(area, language)));
}

/** Starts i18next in the language the URL or the last visit asks for, its strings loaded. */
export async function startI18n(): Promise<Language> {
  const language = pickLanguage(location.search, remembered());
  target = language;
  const core = language === 'es' ? undefined : await CORE[language]().catch(() => undefined);
  if (core) loads.set(`core:${language}`, Promise.resolve());
  await i18next.use(initReactI18next).init({
    resources: {
      es: { translation: { ...es, ...COMMON_ES } },
      ...(core ? { [language]: { translation: core } } : {}),
    },
    // Until a language's strings are here (a failed fetch), Spanish is shown.
    lng: core ? language : DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    partialBundledLanguages: true,
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
    // A string looked up before its area's strings loaded (or never written) shows its key: say
    // so in the console, where the browser tests fail on any error.
    saveMissing: true,
    missingKeyHandler: (_languages, _namespace, key) => console.error(`missing string: ${key}`),
  });
  await rememberLanguage(language);
  return language;
}

/**
 * Switches the portal's language once its strings (the shell's and those of every area shown
 * so far) are loaded, remembers it, and tells assistive technology (`<html lang>`).
 */
export async function rememberLanguage(language: Language): Promise<void> {
  target = language;
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage can be off (private modes): the choice then lasts for this page only.
  }
  try {
    await Promise.all([loadCore(language), ...[...areas.keys()].map((a) => loadArea(a, language))]);
  } catch (error) {
    console.error(`the strings in ${language} could not be loaded`, error);
    return;
  }
  // A later choice wins.
  if (target !== language) return;
  if (i18next.language !== language) await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
