import { areaMessages } from '../../i18n/area.ts';

/** The strings of this area, in every language (Spanish is the reference). */
export const accountMessages = areaMessages({
  es: { title: 'Cuenta' },
  ca: { title: 'Compte' },
  en: { title: 'Account' },
});
