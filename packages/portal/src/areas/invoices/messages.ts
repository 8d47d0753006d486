import { areaMessages } from '../../i18n/area.ts';

/** The strings of this area, in every language (Spanish is the reference). */
export const invoicesMessages = areaMessages({
  es: { title: 'Facturas' },
  ca: { title: 'Factures' },
  en: { title: 'Invoices' },
});
