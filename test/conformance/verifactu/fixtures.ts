import type { Invoice, PartySnapshot } from '@sello/core/invoices';
import { computeInvoice, type LineInput } from '@sello/core/taxes';
import { SYSTEM } from '@sello/core/testing/verifactu';
import {
  type BillingRecord,
  buildRegistroAlta,
  buildRegistroAnulacion,
  linkOf,
} from '@sello/core/verifactu';

/**
 * Invoices for the VERI*FACTU conformance tests, with amounts from the tax engine, and the chain
 * of records Sello would generate for them: altas for invoices and correctives, one anulación,
 * generated across the spring DST change in Madrid.
 */

// The same system identity as the core unit tests.
export { SYSTEM };

export const ISSUER: PartySnapshot = {
  taxId: 'B12345674',
  taxIdKind: 'ES_CIF',
  personType: 'legalEntity',
  name: 'Sello Demo Servicios & Cía S.L.',
  address: { line1: 'Calle de Alcalá 45', city: 'Madrid', postalCode: '28014', country: 'ES' },
};

export const OBLIGADO = { NombreRazon: ISSUER.name, NIF: ISSUER.taxId };

const party = (
  name: string,
  taxId: string,
  taxIdKind: PartySnapshot['taxIdKind'],
  country: string,
): PartySnapshot => ({
  taxId,
  taxIdKind,
  personType: 'legalEntity',
  name,
  address: { line1: 'Calle 1', city: 'Ciudad', postalCode: '00000', country },
});

export const CUSTOMERS = {
  spanish: party('Distribuciones Mediterráneo S.A.', 'A58818501', 'ES_CIF', 'ES'),
  retailer: party('Ultramarinos López <Hnos>', '12345678Z', 'ES_NIF', 'ES'),
  french: party('Client Exemple SARL', 'FR40303265045', 'EU_VAT', 'FR'),
  american: party('Acme Corporation', '951234567', 'OTHER', 'US'),
};

const l = (
  description: string,
  quantity: string,
  unitPrice: string,
  taxes: LineInput['taxes'],
) => ({
  description,
  quantity,
  unitPrice,
  taxes,
});

function invoice(
  number: string,
  issueDate: string,
  customer: PartySnapshot,
  lines: LineInput[],
  extra: Partial<Invoice> = {},
): Invoice {
  return {
    id: `inv_${number}`,
    tenantId: 'ten_demo',
    status: 'issued',
    kind: 'standard',
    customerId: `cus_${customer.taxId}`,
    series: number.slice(0, 1),
    number,
    issueDate,
    currency: 'EUR',
    language: 'es',
    issuer: ISSUER,
    customer,
    ...computeInvoice(lines),
    events: [],
    version: 1,
    createdAt: `${issueDate}T08:00:00Z`,
    updatedAt: `${issueDate}T08:00:00Z`,
    issuedAt: `${issueDate}T08:00:00Z`,
    ...extra,
  };
}

const correction = (
  of: Invoice,
  method: 'substitution' | 'differences',
  reasonCode: string,
): Invoice['corrective'] => ({
  originalId: of.id,
  originalNumber: of.number!,
  originalSeries: of.series,
  originalIssueDate: of.issueDate,
  reasonCode,
  reasonDescription: 'Base imponible',
  method,
  period: { start: `${of.issueDate.slice(0, 7)}-01`, end: `${of.issueDate.slice(0, 7)}-31` },
});

const IVA = (rate: string) => ({ type: 'IVA' as const, rate });

export const INVOICES = {
  standard: invoice('F2026-000101', '2026-03-28', CUSTOMERS.spanish, [
    l('Consultoría & análisis', '10', '50', [IVA('21')]),
    l('Hostelería', '2', '35.5', [IVA('10')]),
  ]),
  surcharge: invoice('F2026-000102', '2026-03-28', CUSTOMERS.retailer, [
    l('Género', '100', '18', [IVA('21'), { type: 'RE', rate: '5.2' }]),
    l('Alimentación', '40', '2.35', [IVA('10'), { type: 'RE', rate: '1.4' }]),
  ]),
  withholding: invoice('F2026-000103', '2026-03-29', CUSTOMERS.spanish, [
    l('Honorarios', '1', '1250', [IVA('21'), { type: 'IRPF', rate: '15' }]),
  ]),
  export: invoice('F2026-000104', '2026-03-29', CUSTOMERS.american, [
    l('Maquinaria', '1', '4000', [{ type: 'IVA', rate: '0', exemption: 'E2' }]),
    l('Soporte remoto', '5', '80', [{ type: 'IVA', rate: '0', notSubject: 'N2' }]),
  ]),
  intraEu: invoice('F2026-000105', '2026-03-29', CUSTOMERS.french, [
    l('Piezas', '12', '15.25', [{ type: 'IVA', rate: '0', exemption: 'E5' }]),
  ]),
  igic: invoice('F2026-000106', '2026-03-29', CUSTOMERS.spanish, [
    l('Servicio en Canarias', '3', '99.99', [{ type: 'IGIC', rate: '7' }]),
    l('Formación', '1', '200', [{ type: 'IGIC', rate: '0', exemption: 'E1' }]),
  ]),
};

export const CORRECTIVES = {
  differences: invoice(
    'R2026-000001',
    '2026-03-29',
    CUSTOMERS.spanish,
    [l('Descuento sobre consultoría', '-1', '50', [IVA('21')])],
    { kind: 'corrective', corrective: correction(INVOICES.standard, 'differences', '83') },
  ),
  substitution: invoice(
    'R2026-000002',
    '2026-03-29',
    CUSTOMERS.retailer,
    [l('Género', '90', '18', [IVA('21'), { type: 'RE', rate: '5.2' }])],
    { kind: 'corrective', corrective: correction(INVOICES.surcharge, 'substitution', '16') },
  ),
  insolvency: invoice(
    'R2026-000003',
    '2026-03-29',
    CUSTOMERS.spanish,
    [l('Honorarios impagados', '-1', '1250', [IVA('21')])],
    { kind: 'corrective', corrective: correction(INVOICES.withholding, 'differences', '85') },
  ),
};

/**
 * The chain, one record every few hours from 28 March 2026 (+01:00) past the change to summer
 * time at 02:00 on the 29th (+02:00). The intra-EU invoice is cancelled as issued in error.
 */
export function buildChain(): BillingRecord[] {
  const records: BillingRecord[] = [];
  let at = Date.parse('2026-03-28T21:00:00Z');
  const next = () => {
    const options = {
      system: SYSTEM,
      generatedAt: new Date(at),
      timezone: 'Europe/Madrid',
      ...(records.length ? { previous: linkOf(records.at(-1)!) } : {}),
    };
    at += 2.5 * 3600_000;
    return options;
  };
  for (const inv of Object.values(INVOICES)) records.push(buildRegistroAlta(inv, next()));
  records.push(buildRegistroAnulacion(INVOICES.intraEu, next()));
  records.push(buildRegistroAlta(CORRECTIVES.differences, next()));
  records.push(
    buildRegistroAlta(CORRECTIVES.substitution, { ...next(), original: INVOICES.surcharge }),
  );
  records.push(buildRegistroAlta(CORRECTIVES.insolvency, next()));
  return records;
}
