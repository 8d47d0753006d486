import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { LANGUAGES } from '../i18n/index.ts';

/**
 * The language of the portal, always in view: one link per language, named in itself, to the
 * same page with `?lang=` (which the shell applies and remembers). Plain links rather than a
 * listbox: nothing to open, and the smallest first load.
 */
export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  const { pathname, search } = useLocation();
  return (
    <nav aria-label={t('language.label')} className="languages">
      <ul>
        {LANGUAGES.map((language) => {
          const params = new URLSearchParams(search);
          params.set('lang', language);
          return (
            <li key={language}>
              <Link
                to={{ pathname, search: `?${params}` }}
                lang={language}
                hrefLang={language}
                aria-current={i18n.language === language ? 'true' : undefined}
              >
                {t(`language.${language}`)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
