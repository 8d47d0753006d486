import type { CorrectionMethod, PaymentMeans } from '@sello/core/invoices';
import type { Language } from '@sello/core/parties';

/**
 * The free texts an EN 16931 document carries in the invoice's language: names of payment means
 * and discounts, and the notes that explain what EN 16931 has no business term for (recargo de
 * equivalencia, IRPF, the correction of an earlier invoice).
 */
export interface Texts {
  paymentMeans: Record<PaymentMeans, string>;
  discount: string;
  reverseCharge: string;
  ivaRate: string;
  surchargeRate: string;
  corrective(r: {
    method: CorrectionMethod;
    number: string;
    date: string;
    reasonCode: string;
    reason: string;
  }): string;
  surcharge(row: {
    rate: string;
    ivaRate: string;
    surchargeRate: string;
    base: string;
    ivaAmount: string;
    surchargeAmount: string;
  }): string;
  withholding(row: { rate: string; base: string; amount: string }): string;
  verifactu: string;
  /** The claim an invoice is billed from, for a person to read. */
  claim(c: { claimNumber: string; policyNumber: string; plate: string }): string;
}

const es: Texts = {
  paymentMeans: {
    transfer: 'Transferencia bancaria',
    directDebit: 'Domiciliación bancaria',
    card: 'Tarjeta',
    cash: 'Efectivo',
    other: 'Otro',
  },
  discount: 'Descuento',
  reverseCharge: 'Inversión del sujeto pasivo (art. 196 Directiva 2006/112/CE)',
  ivaRate: 'IVA (%)',
  surchargeRate: 'Recargo de equivalencia (%)',
  corrective: (r) =>
    `Factura rectificativa ${r.method === 'substitution' ? 'por sustitución' : 'por diferencias'} de la factura ${r.number} de ${r.date}. Motivo (${r.reasonCode}): ${r.reason}.`,
  surcharge: (r) =>
    `Recargo de equivalencia: el tipo ${r.rate} % suma IVA ${r.ivaRate} % y recargo ${r.surchargeRate} % sobre una base de ${r.base} EUR (IVA ${r.ivaAmount} EUR, recargo ${r.surchargeAmount} EUR).`,
  withholding: (r) =>
    `Retención IRPF ${r.rate} % sobre ${r.base} EUR: ${r.amount} EUR, que el cliente ingresa en la AEAT; figura como importe pagado y no se incluye en el importe a pagar.`,
  verifactu:
    'VERI*FACTU: factura verificable en la sede electrónica de la AEAT (URL del código QR)',
  claim: (c) => `Siniestro ${c.claimNumber} · Póliza ${c.policyNumber} · Matrícula ${c.plate}`,
};

const ca: Texts = {
  paymentMeans: {
    transfer: 'Transferència bancària',
    directDebit: 'Domiciliació bancària',
    card: 'Targeta',
    cash: 'Efectiu',
    other: 'Altre',
  },
  discount: 'Descompte',
  reverseCharge: 'Inversió del subjecte passiu (art. 196 Directiva 2006/112/CE)',
  ivaRate: 'IVA (%)',
  surchargeRate: "Recàrrec d'equivalència (%)",
  corrective: (r) =>
    `Factura rectificativa ${r.method === 'substitution' ? 'per substitució' : 'per diferències'} de la factura ${r.number} de ${r.date}. Motiu (${r.reasonCode}): ${r.reason}.`,
  surcharge: (r) =>
    `Recàrrec d'equivalència: el tipus ${r.rate} % suma IVA ${r.ivaRate} % i recàrrec ${r.surchargeRate} % sobre una base de ${r.base} EUR (IVA ${r.ivaAmount} EUR, recàrrec ${r.surchargeAmount} EUR).`,
  withholding: (r) =>
    `Retenció IRPF ${r.rate} % sobre ${r.base} EUR: ${r.amount} EUR, que el client ingressa a l'AEAT; figura com a import pagat i no s'inclou en l'import a pagar.`,
  verifactu: "VERI*FACTU: factura verificable a la seu electrònica de l'AEAT (URL del codi QR)",
  claim: (c) => `Sinistre ${c.claimNumber} · Pòlissa ${c.policyNumber} · Matrícula ${c.plate}`,
};

const en: Texts = {
  paymentMeans: {
    transfer: 'Bank transfer',
    directDebit: 'Direct debit',
    card: 'Card',
    cash: 'Cash',
    other: 'Other',
  },
  discount: 'Discount',
  reverseCharge: 'Reverse charge (art. 196 Directive 2006/112/EC)',
  ivaRate: 'Spanish VAT (%)',
  surchargeRate: 'Equivalence surcharge (%)',
  corrective: (r) =>
    `Corrective invoice ${r.method === 'substitution' ? 'replacing' : 'amending'} invoice ${r.number} of ${r.date}. Reason (${r.reasonCode}): ${r.reason}.`,
  surcharge: (r) =>
    `Equivalence surcharge (recargo de equivalencia): rate ${r.rate} % is VAT ${r.ivaRate} % plus surcharge ${r.surchargeRate} % on a base of ${r.base} EUR (VAT ${r.ivaAmount} EUR, surcharge ${r.surchargeAmount} EUR).`,
  withholding: (r) =>
    `Spanish income tax withholding (IRPF) ${r.rate} % on ${r.base} EUR: ${r.amount} EUR, paid by the customer to the tax agency; shown as paid amount and not included in the amount due.`,
  verifactu: 'VERI*FACTU: invoice verifiable at the AEAT website (QR code URL)',
  claim: (c) => `Claim ${c.claimNumber} · Policy ${c.policyNumber} · Plate ${c.plate}`,
};

const TEXTS: Record<Language, Texts> = { es, ca, en };

export const textsFor = (language: Language): Texts => TEXTS[language] ?? es;
