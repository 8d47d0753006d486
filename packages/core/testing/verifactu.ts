import type { Invoice, PartySnapshot } from '../src/invoices/model.ts';
import { computeInvoice } from '../src/taxes/compute.ts';
import type { LineInput } from '../src/taxes/model.ts';
import type { SistemaInformatico } from '../src/verifactu/record.ts';

/** Fixtures for the VERI*FACTU unit tests (not exported from the package). */

export const SYSTEM: SistemaInformatico = {
  NombreRazon: 'Sello Software S.L.',
  NIF: 'B87654321',
  NombreSistemaInformatico: 'Sello',
  IdSistemaInformatico: 'SE',
  Version: '0.1.0',
  NumeroInstalacion: 'eu-south-2-1',
  TipoUsoPosibleSoloVerifactu: 'S',
  TipoUsoPosibleMultiOT: 'S',
  IndicadorMultiplesOT: 'S',
};

export const ISSUER: PartySnapshot = {
  taxId: 'B12345674',
  taxIdKind: 'ES_CIF',
  personType: 'legalEntity',
  name: 'Sello Demo Servicios S.L.',
  address: { line1: 'Calle de Alcalá 45', city: 'Madrid', postalCode: '28014', country: 'ES' },
};

export const SPANISH_CUSTOMER: PartySnapshot = {
  taxId: 'A58818501',
  taxIdKind: 'ES_CIF',
  personType: 'legalEntity',
  name: 'Distribuciones Mediterráneo S.A.',
  address: { line1: 'Carrer de Balmes 200', city: 'Barcelona', postalCode: '08006', country: 'ES' },
};

export const line = (
  description: string,
  quantity: string,
  unitPrice: string,
  taxes: LineInput['taxes'],
): LineInput => ({ description, quantity, unitPrice, taxes });

export const IVA21 = [{ type: 'IVA' as const, rate: '21' }];

/** An issued invoice whose amounts come from the tax engine. */
export function issued(lines: LineInput[], overrides: Partial<Invoice> = {}): Invoice {
  return {
    id: 'inv_1',
    tenantId: 'ten_1',
    status: 'issued',
    kind: 'standard',
    customerId: 'cus_1',
    series: 'F',
    number: 'F2026-000001',
    issueDate: '2026-03-16',
    currency: 'EUR',
    language: 'es',
    issuer: ISSUER,
    customer: SPANISH_CUSTOMER,
    ...computeInvoice(lines),
    events: [],
    version: 1,
    createdAt: '2026-03-16T08:00:00Z',
    updatedAt: '2026-03-16T08:00:00Z',
    issuedAt: '2026-03-16T08:00:00Z',
    ...overrides,
  };
}

/** A corrective of `original` (F2026-000001 of 16 March) with its own lines. */
export function corrective(
  lines: LineInput[],
  method: 'substitution' | 'differences',
  reasonCode = '16',
): Invoice {
  return issued(lines, {
    kind: 'corrective',
    series: 'R',
    number: 'R2026-000001',
    issueDate: '2026-04-02',
    corrective: {
      originalId: 'inv_1',
      originalNumber: 'F2026-000001',
      originalSeries: 'F',
      originalIssueDate: '2026-03-16',
      reasonCode,
      reasonDescription: 'Base imponible',
      method,
      period: { start: '2026-03-01', end: '2026-03-31' },
    },
  });
}
