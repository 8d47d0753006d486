import type { components } from '../../api/index.ts';

type Tax = components['schemas']['TaxInput'];
export type TaxObject = '01' | '02' | '03' | '04';

export { useTenantCountry } from './tenant-country.ts';

/** A tenant is Mexican (CFDI, MXN, SAT's keys) when its address is in Mexico, as the API decides. */
export const isMexicanInvoice = (invoice: { issuer: { address: { country: string } } }) =>
  invoice.issuer.address.country === 'MX';

/** c_ObjetoImp, in SAT's order; only "02" breaks taxes down (and so carries them). */
export const TAX_OBJECTS: readonly TaxObject[] = ['01', '02', '03', '04'];

/**
 * The IVA charged on a Mexican line: 16 general, 8 in the border regions, 0 (art. 2-A), exempt
 * (rate 0, `exempt`). `NO_TAX`: nothing (a line whose ObjetoImp is not 02).
 */
export const MX_IVA = ['16', '8', '0', 'exempt'] as const;
export const NO_TAX = 'none';

/** IEPS at a rate (Ley del IEPS art. 2, SAT's c_TasaOCuota); the API refuses any other. */
export const MX_IEPS = [
  '8',
  '25',
  '26.5',
  '30',
  '30.4',
  '50',
  '53',
  '160',
  '9',
  '7',
  '6',
  '3',
  '0',
];

/**
 * The withholdings people use most, as `ISR:10+IVA:10.6667` (ISR and IVA withheld): a legal
 * entity paying an individual's fees or rent retains ISR 10 % and two thirds of the IVA; it
 * retains ISR 1.25 % from a RESICO individual; 4 % IVA on freight; 6 % IVA on staffing services.
 */
export const MX_WITHHOLDINGS = [
  '',
  'ISR:10+IVA:10.6667',
  'ISR:10',
  'IVA:10.6667',
  'ISR:1.25',
  'IVA:4',
  'IVA:6',
];

/** What the editor holds of a Mexican line's taxes. */
export interface MexicanTaxes {
  /** One of MX_IVA, or NO_TAX. */
  iva: string;
  /** An IEPS rate, or '' for none. */
  ieps: string;
  /** A key of MX_WITHHOLDINGS (or another of the same form), '' for none. */
  withholding: string;
}

/** The choices as the API's `taxes` (none at all unless the line breaks them down, "02"). */
export function mexicanTaxesToInput(taxes: MexicanTaxes, taxObject: string | undefined): Tax[] {
  if (taxObject && taxObject !== '02') return [];
  const out: Tax[] = [];
  if (taxes.iva === 'exempt') out.push({ type: 'IVA', rate: '0', exempt: true });
  else if (taxes.iva && taxes.iva !== NO_TAX) out.push({ type: 'IVA', rate: taxes.iva });
  if (taxes.ieps) out.push({ type: 'IEPS', rate: taxes.ieps });
  for (const part of taxes.withholding.split('+').filter(Boolean)) {
    const [type, rate = ''] = part.split(':');
    out.push({ type: type === 'ISR' ? 'ISR' : 'IVA', rate, withheld: true });
  }
  return out;
}

/** The API's `taxes` of a Mexican line or product, as the editor's choices. */
export function mexicanTaxesFromInput(taxes: readonly Tax[]): MexicanTaxes {
  const iva = taxes.find((t) => t.type === 'IVA' && !t.withheld);
  const ieps = taxes.find((t) => t.type === 'IEPS');
  const isr = taxes.find((t) => t.type === 'ISR');
  const ivaWithheld = taxes.find((t) => t.type === 'IVA' && t.withheld);
  return {
    iva: !iva ? NO_TAX : iva.exempt ? 'exempt' : iva.rate,
    ieps: ieps?.rate ?? '',
    withholding: [isr ? `ISR:${isr.rate}` : '', ivaWithheld ? `IVA:${ivaWithheld.rate}` : '']
      .filter(Boolean)
      .join('+'),
  };
}
