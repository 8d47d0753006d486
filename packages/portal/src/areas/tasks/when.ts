import { useTranslation } from 'react-i18next';
import { isLanguage, LOCALES } from '../../i18n/language.ts';

/** An instant as a date and time in the reader's language and the given time zone. */
export function useDateTime() {
  const { i18n } = useTranslation();
  const locale = LOCALES[isLanguage(i18n.language) ? i18n.language : 'es'];
  return (instant: string, timeZone?: string) => {
    try {
      return new Intl.DateTimeFormat(locale, {
        dateStyle: 'medium',
        timeStyle: 'short',
        ...(timeZone ? { timeZone } : {}),
      }).format(new Date(instant));
    } catch {
      // An unknown time zone: the reader's own clock still says when.
      return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(instant),
      );
    }
  };
}
