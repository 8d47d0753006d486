import { areaMessages } from '../../i18n/area.ts';

/** The strings of this area, in every language (Spanish is the reference). */
export const usersMessages = areaMessages({
  es: { title: 'Usuarios' },
  ca: { title: 'Usuaris' },
  en: { title: 'Users' },
});
