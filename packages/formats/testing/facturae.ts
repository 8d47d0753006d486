import type { Invoice, PartySnapshot } from '@sello/core/invoices';
import type { ComputedLine } from '@sello/core/taxes';

/**
 * Test support for the builder tests (`@sello/formats/testing`): the DESIGN acceptance
 * invoice with amounts written by hand. 2 × 150.00 IVA 21 + IRPF 15; 3 × 20.00 less 10 % IVA 21;
 * 1 × 25.00 IVA 4 -> net 379.00, tax 75.34, withheld 45.00, total 409.34.
 */
export const SELLER: PartySnapshot = {
  taxId: 'B12345674',
  taxIdKind: 'ES_CIF',
  personType: 'legalEntity',
  name: 'Talleres Ejemplo S.L.',
  email: 'facturas@talleres.example',
  address: { line1: 'Calle Mayor 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
};

export const BUYER: PartySnapshot = {
  taxId: '12345678Z',
  taxIdKind: 'ES_NIF',
  personType: 'individual',
  name: 'María José García López',
  address: {
    line1: 'Avenida Diagonal 640',
    line2: '3º 2ª',
    city: 'Barcelona',
    postalCode: '08017',
    country: 'ES',
  },
};

export const LINES: ComputedLine[] = [
  {
    description: 'Consultoría',
    quantity: '2',
    unitPrice: '150.00',
    taxes: [
      { type: 'IVA', rate: '21' },
      { type: 'IRPF', rate: '15' },
    ],
    gross: '300',
    discount: '0',
    net: '300.00',
    taxAmounts: [
      { type: 'IVA', rate: '21', base: '300.00', amount: '63.00' },
      { type: 'IRPF', rate: '15', base: '300.00', amount: '45.00' },
    ],
  },
  {
    description: 'Cartuchos',
    quantity: '3',
    unitPrice: '20.00',
    discountRate: '10',
    taxes: [{ type: 'IVA', rate: '21' }],
    gross: '60',
    discount: '6',
    net: '54.00',
    taxAmounts: [{ type: 'IVA', rate: '21', base: '54.00', amount: '11.34' }],
  },
  {
    description: 'Libro',
    quantity: '1',
    unitPrice: '25.00',
    taxes: [{ type: 'IVA', rate: '4' }],
    gross: '25',
    discount: '0',
    net: '25.00',
    taxAmounts: [{ type: 'IVA', rate: '4', base: '25.00', amount: '1.00' }],
  },
];

export function sampleInvoice(overrides: Partial<Invoice> = {}): Invoice {
  return {
    id: 'inv_1',
    tenantId: 'ten_1',
    status: 'issued',
    kind: 'standard',
    customerId: 'cus_1',
    series: 'A',
    number: '2026-0001',
    sequence: 1,
    issueDate: '2026-03-15',
    currency: 'EUR',
    language: 'es',
    issuer: SELLER,
    customer: BUYER,
    lines: LINES,
    breakdown: [
      { type: 'IVA', rate: '21', base: '354.00', amount: '74.34', withheld: false },
      { type: 'IVA', rate: '4', base: '25.00', amount: '1.00', withheld: false },
      { type: 'IRPF', rate: '15', base: '300.00', amount: '45.00', withheld: true },
    ],
    totals: { net: '379.00', tax: '75.34', withheld: '45.00', total: '409.34' },
    payment: {
      means: 'transfer',
      dueDate: '2026-04-14',
      iban: 'ES91 2100 0418 4502 0005 1332',
      terms: '30 días fecha factura',
    },
    events: [],
    version: 1,
    createdAt: '2026-03-15T09:00:00Z',
    updatedAt: '2026-03-15T09:00:00Z',
    ...overrides,
  };
}
