import { areaMessages } from '../../i18n/area.ts';

/** The strings of this area, in every language (Spanish is the reference). */
export const signUpMessages = areaMessages({
  es: { title: 'Alta de empresa' },
  ca: { title: "Alta d'empresa" },
  en: { title: 'Sign up your business' },
});
