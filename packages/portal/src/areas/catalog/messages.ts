import { areaMessages } from '../../i18n/area.ts';

/** The strings of this area, in every language (Spanish is the reference). */
export const catalogMessages = areaMessages({
  es: { title: 'Catálogo' },
  ca: { title: 'Catàleg' },
  en: { title: 'Catalogue' },
});
