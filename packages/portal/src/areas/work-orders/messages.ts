import { areaMessages } from '../../i18n/area.ts';

/** The strings of this area, in every language (Spanish is the reference). */
export const workOrdersMessages = areaMessages({
  es: { title: 'Órdenes de trabajo' },
  ca: { title: 'Ordres de treball' },
  en: { title: 'Work orders' },
});
