import type { CorrectionMethod, Language, PaymentMeans } from './model.ts';

/**
 * Every word the PDF prints, one table per language. The tables share one shape (`Labels`), so a
 * label added for one language and forgotten in another is a type error, not a blank on a page.
 * Tax names (IVA, IGIC, RE, IRPF) stay as they are in every language: they are the legal names of
 * Spanish taxes, and an English reader of a Spanish invoice looks for them.
 */
export interface Labels {
  invoice: string;
  correctiveInvoice: string;
  number: string;
  series: string;
  issueDate: string;
  operationDate: string;
  dueDate: string;
  noNumber: string;
  draft: string;
  continued: string;
  customer: string;
  /** The work centre the invoice was made at. */
  centre: string;
  taxId: string;
  corrects: string;
  originalDate: string;
  reason: string;
  method: string;
  period: string;
  methods: Record<CorrectionMethod, string>;
  description: string;
  quantity: string;
  unitPrice: string;
  discount: string;
  taxes: string;
  amount: string;
  taxBreakdown: string;
  tax: string;
  base: string;
  rate: string;
  taxAmount: string;
  exempt: string;
  notSubject: string;
  taxableBase: string;
  /** The withheld total, e.g. "Retención IRPF". */
  withholding: (taxes: string) => string;
  total: string;
  payment: string;
  paymentMeans: Record<PaymentMeans, string>;
  iban: string;
  notes: string;
  /** Heading of the currency block of an invoice not in the accounting currency. */
  currency: string;
  /** "1 USD = 0,9215 EUR" spelt out, e.g. "Tipo de cambio: 1 USD = 0,9215 EUR". */
  exchangeRate: (rate: string) => string;
  /** The tax total in the accounting currency, e.g. "Cuota en EUR". */
  taxIn: (currency: string) => string;
  page: (n: number, of: number) => string;
}

const es: Labels = {
  invoice: 'Factura',
  correctiveInvoice: 'Factura rectificativa',
  number: 'Número',
  series: 'Serie',
  issueDate: 'Fecha de emisión',
  operationDate: 'Fecha de operación',
  dueDate: 'Vencimiento',
  noNumber: 'sin número',
  draft: 'BORRADOR',
  continued: 'continuación',
  customer: 'Cliente',
  centre: 'Centro',
  taxId: 'NIF',
  corrects: 'Rectifica la factura',
  originalDate: 'de fecha',
  reason: 'Motivo',
  method: 'Método',
  period: 'Periodo',
  methods: { substitution: 'por sustitución', differences: 'por diferencias' },
  description: 'Descripción',
  quantity: 'Cant.',
  unitPrice: 'Precio',
  discount: 'Dto.',
  taxes: 'Impuestos',
  amount: 'Importe',
  taxBreakdown: 'Desglose de impuestos',
  tax: 'Impuesto',
  base: 'Base',
  rate: 'Tipo',
  taxAmount: 'Cuota',
  exempt: 'exento',
  notSubject: 'no sujeto',
  taxableBase: 'Base imponible',
  withholding: (t) => `Retención ${t}`,
  total: 'Total',
  payment: 'Forma de pago',
  paymentMeans: {
    transfer: 'Transferencia bancaria',
    directDebit: 'Domiciliación bancaria',
    card: 'Tarjeta',
    cash: 'Efectivo',
    other: 'Otra',
  },
  iban: 'IBAN',
  notes: 'Observaciones',
  currency: 'Moneda',
  exchangeRate: (r) => `Tipo de cambio: ${r}`,
  taxIn: (c) => `Cuota en ${c}`,
  page: (n, of) => `Página ${n} de ${of}`,
};

const ca: Labels = {
  invoice: 'Factura',
  correctiveInvoice: 'Factura rectificativa',
  number: 'Número',
  series: 'Sèrie',
  issueDate: "Data d'emissió",
  operationDate: "Data d'operació",
  dueDate: 'Venciment',
  noNumber: 'sense número',
  draft: 'ESBORRANY',
  continued: 'continuació',
  customer: 'Client',
  centre: 'Centre',
  taxId: 'NIF',
  corrects: 'Rectifica la factura',
  originalDate: 'de data',
  reason: 'Motiu',
  method: 'Mètode',
  period: 'Període',
  methods: { substitution: 'per substitució', differences: 'per diferències' },
  description: 'Descripció',
  quantity: 'Quant.',
  unitPrice: 'Preu',
  discount: 'Dte.',
  taxes: 'Impostos',
  amount: 'Import',
  taxBreakdown: "Desglossament d'impostos",
  tax: 'Impost',
  base: 'Base',
  rate: 'Tipus',
  taxAmount: 'Quota',
  exempt: 'exempt',
  notSubject: 'no subjecte',
  taxableBase: 'Base imposable',
  withholding: (t) => `Retenció ${t}`,
  total: 'Total',
  payment: 'Forma de pagament',
  paymentMeans: {
    transfer: 'Transferència bancària',
    directDebit: 'Domiciliació bancària',
    card: 'Targeta',
    cash: 'Efectiu',
    other: 'Altra',
  },
  iban: 'IBAN',
  notes: 'Observacions',
  currency: 'Moneda',
  exchangeRate: (r) => `Tipus de canvi: ${r}`,
  taxIn: (c) => `Quota en ${c}`,
  page: (n, of) => `Pàgina ${n} de ${of}`,
};

const en: Labels = {
  invoice: 'Invoice',
  correctiveInvoice: 'Corrective invoice',
  number: 'Number',
  series: 'Series',
  issueDate: 'Issue date',
  operationDate: 'Supply date',
  dueDate: 'Due date',
  noNumber: 'not numbered',
  draft: 'DRAFT',
  continued: 'continued',
  customer: 'Bill to',
  centre: 'Work centre',
  taxId: 'Tax ID',
  corrects: 'Corrects invoice',
  originalDate: 'dated',
  reason: 'Reason',
  method: 'Method',
  period: 'Tax period',
  methods: { substitution: 'full substitution', differences: 'by differences' },
  description: 'Description',
  quantity: 'Qty',
  unitPrice: 'Unit price',
  discount: 'Disc.',
  taxes: 'Taxes',
  amount: 'Amount',
  taxBreakdown: 'Tax breakdown',
  tax: 'Tax',
  base: 'Base',
  rate: 'Rate',
  taxAmount: 'Amount',
  exempt: 'exempt',
  notSubject: 'not subject',
  taxableBase: 'Taxable base',
  withholding: (t) => `${t} withholding`,
  total: 'Total',
  payment: 'Payment',
  paymentMeans: {
    transfer: 'Bank transfer',
    directDebit: 'Direct debit',
    card: 'Card',
    cash: 'Cash',
    other: 'Other',
  },
  iban: 'IBAN',
  notes: 'Notes',
  currency: 'Currency',
  exchangeRate: (r) => `Exchange rate: ${r}`,
  taxIn: (c) => `Tax in ${c}`,
  page: (n, of) => `Page ${n} of ${of}`,
};

export const LABELS: Readonly<Record<Language, Labels>> = { es, ca, en };

/**
 * The legends AEAT prescribes around the QR (Orden HAC/1177/2024 and the QR specification v0.5.0).
 * They are fixed text in Spanish whatever the invoice language.
 */
export const QR_TITLE = 'QR tributario:';
export const QR_LEGEND = 'VERI*FACTU';
