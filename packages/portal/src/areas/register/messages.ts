import { areaMessages } from '../../i18n/area.ts';

/** The strings of this area, in every language (Spanish is the reference). */
export const registerMessages = areaMessages({
  es: { title: 'Registro de destinatario' },
  ca: { title: 'Registre de destinatari' },
  en: { title: 'Recipient registration' },
});
