import { areaMessages } from '../../i18n/area.ts';

/** The strings of this area, in every language (Spanish is the reference). */
export const settingsMessages = areaMessages({
  es: { title: 'Configuración' },
  ca: { title: 'Configuració' },
  en: { title: 'Settings' },
});
