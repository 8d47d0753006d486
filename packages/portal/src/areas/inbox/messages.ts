import { areaMessages } from '../../i18n/area.ts';

/** The strings of this area, in every language (Spanish is the reference). */
export const inboxMessages = areaMessages({
  es: { title: 'Facturas recibidas' },
  ca: { title: 'Factures rebudes' },
  en: { title: 'Invoices received' },
});
