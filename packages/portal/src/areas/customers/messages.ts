import { areaMessages } from '../../i18n/area.ts';

/**
 * The customers area's own strings (the rest are in the shell's catalog, `customers.*`): a
 * Mexican buyer's CFDI data, worded as SAT and Mexican businesses word it in Spanish.
 */
export const customersMessages = areaMessages({
  es: {
    dir3: {
      legend: 'Administración pública (DIR3)',
      intro:
        'Solo para un organismo público: sus tres unidades DIR3, a las que FACe dirige sus facturas.',
      accountingOffice: 'Oficina contable',
      managementBody: 'Órgano gestor',
      processingUnit: 'Unidad tramitadora',
    },
    mexico: {
      legend: 'Datos fiscales para el CFDI',
      intro:
        'Como aparecen en su Constancia de Situación Fiscal: el CFDI 4.0 los exige del receptor.',
      taxId: 'RFC / identificador fiscal',
      taxIdHint:
        'RFC de 12 caracteres (persona moral) o 13 (persona física); de un cliente extranjero, su número fiscal',
      taxRegime: 'Régimen fiscal',
      chooseRegime: 'Elige el régimen fiscal',
      taxRegimeHint: 'Sin él no se le puede emitir un CFDI.',
      postalCode: 'Código postal del domicilio fiscal',
      postalCodeHint: '5 dígitos (DomicilioFiscalReceptor)',
    },
  },
  ca: {
    dir3: {
      legend: 'Administració pública (DIR3)',
      intro:
        'Només per a un organisme públic: les seves tres unitats DIR3, a les quals FACe adreça les factures.',
      accountingOffice: 'Oficina comptable',
      managementBody: 'Òrgan gestor',
      processingUnit: 'Unitat tramitadora',
    },
    mexico: {
      legend: 'Dades fiscals per al CFDI',
      intro:
        'Tal com figuren a la seva Constancia de Situación Fiscal: el CFDI 4.0 les exigeix del receptor.',
      taxId: 'RFC / identificador fiscal',
      taxIdHint:
        'RFC de 12 caràcters (persona jurídica) o 13 (persona física); d’un client estranger, el seu número fiscal',
      taxRegime: 'Règim fiscal (régimen fiscal)',
      chooseRegime: 'Tria el règim fiscal',
      taxRegimeHint: 'Sense ell no se li pot emetre un CFDI.',
      postalCode: 'Codi postal del domicili fiscal',
      postalCodeHint: '5 xifres (DomicilioFiscalReceptor)',
    },
  },
  en: {
    dir3: {
      legend: 'Public administration (DIR3)',
      intro: 'Only for a public body: its three DIR3 units, which FACe routes its invoices by.',
      accountingOffice: 'Accounting office',
      managementBody: 'Management body',
      processingUnit: 'Processing unit',
    },
    mexico: {
      legend: 'Tax data for the CFDI',
      intro: 'As on their Constancia de Situación Fiscal: CFDI 4.0 requires them of the buyer.',
      taxId: 'RFC / tax id',
      taxIdHint:
        'A 12-character RFC (legal entity) or 13 (individual); for a foreign customer, its tax number',
      taxRegime: 'Tax regime (régimen fiscal)',
      chooseRegime: 'Choose the tax regime',
      taxRegimeHint: 'Without it no CFDI can be issued to them.',
      postalCode: 'Postal code of the fiscal address',
      postalCodeHint: '5 digits (DomicilioFiscalReceptor)',
    },
  },
});
