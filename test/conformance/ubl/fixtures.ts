import type { CorrectiveData, Invoice, PartySnapshot } from '@sello/core/invoices';
import { computeInvoice, type LineInput } from '@sello/core/taxes';
import type { ExportOptions } from '@sello/formats';

/**
 * Invoices for the UBL and CII conformance tests. Amounts come from the tax engine
 * (`computeInvoice`), as they do for an issued invoice; each case names what it exercises and what
 * the exported document must say about it.
 */
export interface ExportCase {
  name: string;
  invoice: Invoice;
  options?: ExportOptions;
  /** UBL root and type code, CII type code. */
  expect: { ubl: 'Invoice' | 'CreditNote'; ublType: string; ciiType: string };
  /** VAT categories of the breakdown, in order, as `code rate`. */
  categories: string[];
}

export const SELLER: PartySnapshot = {
  taxId: 'B12345674',
  taxIdKind: 'ES_CIF',
  personType: 'legalEntity',
  name: 'Sello Demo Servicios S.L.',
  email: 'facturas@sello-demo.example',
  address: {
    line1: 'Calle de Alcalá 45',
    city: 'Madrid',
    postalCode: '28014',
    province: 'Madrid',
    country: 'ES',
  },
};

const PROFESSIONAL: PartySnapshot = {
  taxId: '12345678Z',
  taxIdKind: 'ES_NIF',
  personType: 'individual',
  name: 'Lucía Fernández de la Torre',
  email: 'lucia@asesoria.example',
  address: { line1: 'Calle Colón 12, 2º B', city: 'Valencia', postalCode: '46004', country: 'ES' },
};

const CUSTOMER: PartySnapshot = {
  taxId: 'A58818501',
  taxIdKind: 'ES_CIF',
  personType: 'legalEntity',
  name: 'Distribuciones Mediterráneo S.A.',
  email: 'cuentas@mediterraneo.example',
  address: {
    line1: 'Carrer de Balmes 200',
    line2: 'Planta 4',
    city: 'Barcelona',
    postalCode: '08006',
    province: 'Barcelona',
    country: 'ES',
  },
};

const RETAILER: PartySnapshot = {
  taxId: 'X1234567L',
  taxIdKind: 'ES_NIE',
  personType: 'individual',
  name: 'Giulia Rossi Bianchi',
  address: { line1: 'Plaza Mayor 3', city: 'Salamanca', postalCode: '37002', country: 'ES' },
};

const FRENCH_BUSINESS: PartySnapshot = {
  taxId: 'FR40303265045',
  taxIdKind: 'EU_VAT',
  personType: 'unknown',
  name: 'Éditions Lumière SARL',
  email: 'compta@lumiere.example',
  address: {
    line1: '12 rue de la Paix',
    city: 'Paris',
    postalCode: '75002',
    province: 'Île-de-France',
    country: 'FR',
  },
};

const GERMAN_BUSINESS: PartySnapshot = {
  taxId: 'DE136695976',
  taxIdKind: 'EU_VAT',
  personType: 'unknown',
  name: 'Werkzeugbau Müller GmbH',
  address: { line1: 'Hauptstraße 5', city: 'Stuttgart', postalCode: '70173', country: 'DE' },
};

const SWISS_BUSINESS: PartySnapshot = {
  taxId: 'CHE116281710',
  taxIdKind: 'OTHER',
  personType: 'unknown',
  name: 'Uhrenmanufaktur Jura AG',
  email: 'buchhaltung@jura.example',
  address: { line1: 'Rue du Marché 8', city: 'Biel/Bienne', postalCode: '2502', country: 'CH' },
};

const CANARY_SELLER: PartySnapshot = {
  ...SELLER,
  taxId: 'B35222249',
  name: 'Clima Atlántico S.L.',
  address: {
    line1: 'Calle Triana 50',
    city: 'Las Palmas de Gran Canaria',
    postalCode: '35002',
    province: 'Las Palmas',
    country: 'ES',
  },
};

const CANARY_CUSTOMER: PartySnapshot = {
  taxId: 'B38000006',
  taxIdKind: 'ES_CIF',
  personType: 'legalEntity',
  name: 'Hoteles Teide S.L.',
  address: {
    line1: 'Avenida de Anaga 10',
    city: 'Santa Cruz de Tenerife',
    postalCode: '38001',
    country: 'ES',
  },
};

const QR =
  'https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=B12345674&numserie=F2026-000001&fecha=16-03-2026&importe=1436.52';

let sequence = 0;

/** An issued invoice whose amounts the tax engine computed from `lines`. */
export function issued(
  number: string,
  lines: LineInput[],
  overrides: Partial<Invoice> = {},
): Invoice {
  sequence += 1;
  return {
    id: `inv_${number}`,
    tenantId: 'ten_demo',
    status: 'issued',
    kind: 'standard',
    customerId: 'cus_demo',
    series: 'F',
    number,
    sequence,
    issueDate: '2026-03-16',
    currency: 'EUR',
    language: 'es',
    issuer: SELLER,
    customer: CUSTOMER,
    payment: { means: 'transfer', dueDate: '2026-04-15', iban: 'ES91 2100 0418 4502 0005 1332' },
    events: [],
    version: 1,
    createdAt: '2026-03-16T08:00:00Z',
    updatedAt: '2026-03-16T08:00:00Z',
    issuedAt: '2026-03-16T08:00:00Z',
    ...computeInvoice(lines),
    ...overrides,
  };
}

const iva = (rate: string) => [{ type: 'IVA' as const, rate }];

const correction = (
  method: CorrectiveData['method'],
  reasonCode: string,
  reasonDescription: string,
  originalNumber = 'F2026-000007',
): CorrectiveData => ({
  originalId: `inv_${originalNumber}`,
  originalNumber,
  originalSeries: originalNumber.slice(0, 1),
  originalIssueDate: '2026-02-10',
  reasonCode,
  reasonDescription,
  method,
  period: { start: '2026-02-01', end: '2026-02-28' },
});

const ACCEPTANCE_LINES: LineInput[] = [
  {
    description: 'Consultoría fiscal (horas)',
    quantity: '2',
    unitPrice: '150.00',
    unit: '02',
    taxes: [
      { type: 'IVA', rate: '21' },
      { type: 'IRPF', rate: '15' },
    ],
  },
  {
    description: 'Cartuchos de tóner',
    quantity: '3',
    unitPrice: '20.00',
    discountRate: '10',
    taxes: iva('21'),
  },
  { description: 'Manual de contabilidad', quantity: '1', unitPrice: '25.00', taxes: iva('4') },
];

/** The original lines with the opposite sign, as `cancelInvoice` writes them. */
const negated = (lines: LineInput[]): LineInput[] =>
  lines.map((l) => ({
    ...l,
    quantity: l.quantity.startsWith('-') ? l.quantity.slice(1) : `-${l.quantity}`,
  }));

const RATES = ['21', '10', '5', '4'] as const;
const UNITS = ['01', '02', '03', '04', 'kg', 'h', '06', '25'] as const;

/** 25 lines over four IVA rates, with units, discounts and odd prices: the "many lines" case. */
const MANY_LINES: LineInput[] = Array.from({ length: 25 }, (_, i) => ({
  description: `Artículo de catálogo nº ${i + 1} <ref. ${1000 + i}>`,
  quantity: i % 4 === 0 ? '1.5' : String((i % 6) + 1),
  unitPrice: (7.35 + i * 3.17).toFixed(i % 3 === 0 ? 4 : 2),
  ...(i % 5 === 2 ? { discountRate: i % 2 ? '7.5' : '12' } : {}),
  unit: UNITS[i % UNITS.length]!,
  productId: `SKU-${String(i + 1).padStart(4, '0')}`,
  taxes: iva(RATES[i % RATES.length]!),
}));

export const EXPORT_CASES: readonly ExportCase[] = [
  {
    name: 'several-iva-rates',
    invoice: issued(
      'F2026-000001',
      [
        { description: 'Diseño de logotipo', quantity: '1', unitPrice: '500.00', taxes: iva('21') },
        {
          description: 'Tarjetas de visita (caja de 100)',
          quantity: '3',
          unitPrice: '12.35',
          taxes: iva('21'),
        },
        {
          description: 'Catering de la presentación',
          quantity: '40',
          unitPrice: '18.50',
          taxes: iva('10'),
        },
        {
          description: 'Pan y aceite para el catering',
          quantity: '12',
          unitPrice: '2.10',
          taxes: iva('5'),
        },
        {
          description: 'Libro de estilo impreso',
          quantity: '2',
          unitPrice: '35.00',
          taxes: iva('4'),
        },
      ],
      {
        notes: 'Pedido #4471 & entrega <urgente>.',
        operationDate: '2026-03-13',
        payment: {
          means: 'transfer',
          dueDate: '2026-04-15',
          iban: 'ES91 2100 0418 4502 0005 1332',
          terms: '30 días fecha factura',
        },
      },
    ),
    options: { verifactuQrUrl: QR, buyerReference: 'PO-2026-118' },
    expect: { ubl: 'Invoice', ublType: '380', ciiType: '380' },
    categories: ['S 21', 'S 10', 'S 5', 'S 4'],
  },
  {
    name: 'exempt-e1',
    invoice: issued('F2026-000002', [
      {
        description: 'Curso de formación profesional en prevención de riesgos',
        quantity: '1',
        unitPrice: '1200.00',
        taxes: [{ type: 'IVA', rate: '0', exemption: 'E1' }],
      },
      {
        description: 'Servicio educativo complementario',
        quantity: '2',
        unitPrice: '80.00',
        taxes: [{ type: 'IVA', rate: '0', exemption: 'E6' }],
      },
      {
        description: 'Material didáctico impreso',
        quantity: '1',
        unitPrice: '45.00',
        taxes: iva('4'),
      },
    ]),
    expect: { ubl: 'Invoice', ublType: '380', ciiType: '380' },
    categories: ['S 4', 'E 0'],
  },
  {
    name: 'not-subject-n1',
    invoice: issued(
      'F2026-000003',
      [
        {
          description: 'Indemnización por resolución anticipada del contrato',
          quantity: '1',
          unitPrice: '3000.00',
          taxes: [{ type: 'IVA', rate: '0', notSubject: 'N1' }],
        },
      ],
      { payment: { means: 'cash' } },
    ),
    expect: { ubl: 'Invoice', ublType: '380', ciiType: '380' },
    categories: ['O -'],
  },
  {
    name: 'not-subject-mixed',
    invoice: issued(
      'F2026-000004',
      [
        {
          description: 'Gestión de la inscripción',
          quantity: '1',
          unitPrice: '150.00',
          taxes: iva('21'),
        },
        {
          description: 'Suplido: tasas del Registro Mercantil pagadas por cuenta del cliente',
          quantity: '1',
          unitPrice: '87.42',
          taxes: [{ type: 'IVA', rate: '0', notSubject: 'N1' }],
        },
      ],
      { payment: { means: 'directDebit', iban: 'ES7921000813610123456789' } },
    ),
    expect: { ubl: 'Invoice', ublType: '380', ciiType: '380' },
    categories: ['S 21', 'E 0'],
  },
  {
    name: 'recargo-equivalencia',
    invoice: issued(
      'F2026-000005',
      [
        {
          description: 'Lámpara de mesa',
          quantity: '10',
          unitPrice: '8.50',
          taxes: [
            { type: 'IVA', rate: '21' },
            { type: 'RE', rate: '5.2' },
          ],
        },
        {
          description: 'Cigarros puros (caja)',
          quantity: '2',
          unitPrice: '31.40',
          taxes: [
            { type: 'IVA', rate: '21' },
            { type: 'RE', rate: '1.75' },
          ],
        },
        {
          description: 'Aceite de oliva virgen extra 1 l',
          quantity: '4',
          unitPrice: '12.00',
          unit: '04',
          taxes: [
            { type: 'IVA', rate: '10' },
            { type: 'RE', rate: '1.4' },
          ],
        },
        {
          description: 'Libros infantiles',
          quantity: '6',
          unitPrice: '9.95',
          taxes: [
            { type: 'IVA', rate: '4' },
            { type: 'RE', rate: '0.5' },
          ],
        },
        {
          description: 'Montaje del expositor',
          quantity: '1',
          unitPrice: '15.00',
          taxes: iva('21'),
        },
      ],
      { customer: RETAILER, payment: { means: 'card', terms: 'Pagado con tarjeta en tienda' } },
    ),
    expect: { ubl: 'Invoice', ublType: '380', ciiType: '380' },
    categories: ['S 26.2', 'S 22.75', 'S 21', 'S 11.4', 'S 4.5'],
  },
  {
    name: 'irpf-withholding',
    invoice: issued('P2026-000001', ACCEPTANCE_LINES, {
      series: 'P',
      issuer: PROFESSIONAL,
      notes: 'Gracias por su confianza.',
    }),
    options: { verifactuQrUrl: QR },
    expect: { ubl: 'Invoice', ublType: '380', ciiType: '380' },
    categories: ['S 21', 'S 4'],
  },
  {
    name: 'line-discounts',
    invoice: issued('F2026-000006', [
      {
        description: 'Tornillería inoxidable (kg)',
        quantity: '1.5',
        unitPrice: '12.123456',
        unit: 'kg',
        discountRate: '7.5',
        taxes: iva('21'),
      },
      {
        description: 'Horas de taller',
        quantity: '3.25',
        unitPrice: '42.50',
        unit: 'horas',
        discountRate: '15',
        taxes: iva('21'),
      },
      {
        description: 'Bonificación por fidelidad',
        quantity: '1',
        unitPrice: '-20.00',
        taxes: iva('21'),
      },
      {
        description: 'Embalaje',
        quantity: '2',
        unitPrice: '1.99',
        discountRate: '100',
        taxes: iva('21'),
      },
    ]),
    expect: { ubl: 'Invoice', ublType: '380', ciiType: '380' },
    categories: ['S 21'],
  },
  {
    name: 'corrective-differences',
    invoice: issued(
      'R2026-000001',
      [
        {
          description: 'Devolución: silla de oficina ergonómica',
          quantity: '-1',
          unitPrice: '100.00',
          taxes: iva('21'),
        },
        {
          description: 'Portes de la recogida',
          quantity: '1',
          unitPrice: '12.00',
          taxes: iva('21'),
        },
      ],
      {
        kind: 'corrective',
        series: 'R',
        corrective: correction('differences', '16', 'Devolución de una unidad defectuosa'),
      },
    ),
    expect: { ubl: 'CreditNote', ublType: '381', ciiType: '381' },
    categories: ['S 21'],
  },
  {
    name: 'corrective-differences-positive',
    invoice: issued(
      'R2026-000002',
      [
        {
          description: 'Horas de instalación no facturadas',
          quantity: '4',
          unitPrice: '45.00',
          unit: '02',
          taxes: iva('21'),
        },
      ],
      {
        kind: 'corrective',
        series: 'R',
        corrective: correction('differences', '10', 'Horas omitidas en la factura original'),
      },
    ),
    expect: { ubl: 'Invoice', ublType: '380', ciiType: '384' },
    categories: ['S 21'],
  },
  {
    name: 'corrective-substitution',
    invoice: issued(
      'R2026-000003',
      [
        { description: 'Diseño de logotipo', quantity: '1', unitPrice: '450.00', taxes: iva('21') },
        {
          description: 'Manual de marca impreso',
          quantity: '1',
          unitPrice: '60.00',
          taxes: iva('4'),
        },
      ],
      {
        kind: 'corrective',
        series: 'R',
        corrective: correction('substitution', '01', 'Número de la factura'),
      },
    ),
    options: { verifactuQrUrl: QR },
    expect: { ubl: 'Invoice', ublType: '380', ciiType: '384' },
    categories: ['S 21', 'S 4'],
  },
  {
    name: 'cancel-with-irpf',
    invoice: issued('R2026-000004', negated(ACCEPTANCE_LINES), {
      kind: 'corrective',
      series: 'R',
      issuer: PROFESSIONAL,
      corrective: correction(
        'differences',
        '16',
        'Anulación de la factura P2026-000001',
        'P2026-000001',
      ),
    }),
    expect: { ubl: 'CreditNote', ublType: '381', ciiType: '381' },
    categories: ['S 21', 'S 4'],
  },
  {
    name: 'eu-reverse-charge',
    invoice: issued(
      'F2026-000007',
      [
        {
          description: 'Software licence, monthly seat',
          quantity: '12',
          unitPrice: '49.90',
          discountRate: '5',
          taxes: [{ type: 'IVA', rate: '0', notSubject: 'N2' }],
        },
      ],
      { language: 'en', customer: FRENCH_BUSINESS },
    ),
    expect: { ubl: 'Invoice', ublType: '380', ciiType: '380' },
    categories: ['AE 0'],
  },
  {
    name: 'eu-intra-community-goods',
    invoice: issued(
      'F2026-000008',
      [
        {
          description: 'Fresadora CNC de sobremesa',
          quantity: '2',
          unitPrice: '2450.00',
          taxes: [{ type: 'IVA', rate: '0', exemption: 'E5' }],
        },
      ],
      { language: 'en', customer: GERMAN_BUSINESS, operationDate: '2026-03-12' },
    ),
    expect: { ubl: 'Invoice', ublType: '380', ciiType: '380' },
    categories: ['K 0'],
  },
  {
    name: 'export-e2',
    invoice: issued(
      'F2026-000009',
      [
        {
          description: 'Aceite de oliva virgen extra, palé de 600 l',
          quantity: '600',
          unitPrice: '6.80',
          unit: 'l',
          taxes: [{ type: 'IVA', rate: '0', exemption: 'E2' }],
        },
      ],
      { language: 'ca', customer: SWISS_BUSINESS },
    ),
    expect: { ubl: 'Invoice', ublType: '380', ciiType: '380' },
    categories: ['G 0'],
  },
  {
    name: 'igic-canarias',
    invoice: issued(
      'C2026-000001',
      [
        {
          description: 'Mantenimiento de climatización',
          quantity: '2',
          unitPrice: '75.00',
          taxes: [{ type: 'IGIC', rate: '7' }],
        },
        {
          description: 'Formación del personal de mantenimiento',
          quantity: '1',
          unitPrice: '90.00',
          taxes: [{ type: 'IGIC', rate: '0', exemption: 'E1' }],
        },
      ],
      { series: 'C', issuer: CANARY_SELLER, customer: CANARY_CUSTOMER },
    ),
    expect: { ubl: 'Invoice', ublType: '380', ciiType: '380' },
    categories: ['L 7', 'E 0'],
  },
  {
    // Billed from a claim (the acceptance valuation, 1,234.56 with a franchise of 300.00): the
    // insurer's share, a deduction line for the franchise, the claim where the insurer matches.
    name: 'claim-insurer',
    invoice: issued(
      'T2026-000001',
      [
        {
          description: 'PAR-0042 · Paragolpes delantero',
          quantity: '1',
          unitPrice: '1020.30',
          unit: 'ud',
          taxes: iva('21'),
        },
        {
          description: 'Franquicia a cargo del asegurado',
          quantity: '-1',
          unitPrice: '247.94',
          taxes: iva('21'),
        },
      ],
      {
        series: 'T',
        claim: {
          claimId: 'clm_demo',
          claimNumber: 'SIN-2026-0042',
          policyNumber: 'POL-778899',
          plate: '1234BCD',
          billedTo: 'insurer',
        },
      },
    ),
    expect: { ubl: 'Invoice', ublType: '380', ciiType: '380' },
    categories: ['S 21'],
  },
  {
    name: 'zero-rated',
    invoice: issued('F2026-000010', [
      { description: 'Pan común', quantity: '30', unitPrice: '1.20', taxes: iva('0') },
      { description: 'Bolsas de papel', quantity: '30', unitPrice: '0.10', taxes: iva('21') },
    ]),
    expect: { ubl: 'Invoice', ublType: '380', ciiType: '380' },
    categories: ['S 21', 'Z 0'],
  },
  {
    name: 'many-lines',
    invoice: issued('F2026-000011', MANY_LINES, { payment: { means: 'other' } }),
    options: { verifactuQrUrl: QR },
    expect: { ubl: 'Invoice', ublType: '380', ciiType: '380' },
    categories: ['S 21', 'S 10', 'S 5', 'S 4'],
  },
];

/** A 20-line invoice for the export benchmark. */
export const BENCH_INVOICE: Invoice = issued('F2026-000020', MANY_LINES.slice(0, 20));

const GENERATED_TAXES: LineInput['taxes'][] = [
  iva('21'),
  iva('10'),
  iva('5'),
  iva('4'),
  iva('0'),
  [
    { type: 'IVA', rate: '21' },
    { type: 'RE', rate: '5.2' },
  ],
  [
    { type: 'IVA', rate: '21' },
    { type: 'RE', rate: '1.75' },
  ],
  [
    { type: 'IVA', rate: '10' },
    { type: 'RE', rate: '1.4' },
  ],
  [
    { type: 'IVA', rate: '21' },
    { type: 'IRPF', rate: '15' },
  ],
  [{ type: 'IVA', rate: '0', exemption: 'E1' }],
  [{ type: 'IVA', rate: '0', exemption: 'E5' }],
  [{ type: 'IVA', rate: '0', notSubject: 'N1' }],
  [{ type: 'IVA', rate: '0', notSubject: 'N2' }],
];

/**
 * Invoices drawn from a seeded generator: random mixes of the taxes above, signs, discounts and
 * customers, each a possible corrective. No golden files; they exist for the independent oracles
 * (they found a recargo split that only mixed signs reach).
 */
export function generatedCases(count: number, seed: number): { name: string; invoice: Invoice }[] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  const customers = [CUSTOMER, RETAILER, FRENCH_BUSINESS, GERMAN_BUSINESS];
  return Array.from({ length: count }, (_, n) => {
    const lines = Array.from({ length: 1 + Math.floor(next() * 6) }, (): LineInput => {
      const discount = next() < 0.3 ? pick(['5', '12.5', '33.33', '100']) : undefined;
      return {
        description: pick(['Servicio', 'Producto #1', 'Línea <x> & y']),
        quantity: pick(['1', '2', '-1', '0.5', '3.333', '-2']),
        unitPrice: pick(['10.00', '0.99', '123.456789', '-5.00', '1000']),
        ...(discount ? { discountRate: discount } : {}),
        taxes: pick(GENERATED_TAXES),
      };
    });
    const corrective = next() < 0.3;
    const number = `G2026-${String(n + 1).padStart(6, '0')}`;
    return {
      name: number,
      invoice: issued(number, lines, {
        customer: pick(customers),
        ...(corrective
          ? {
              kind: 'corrective' as const,
              corrective: correction(
                pick(['differences', 'substitution'] as const),
                '16',
                'Ajuste',
              ),
            }
          : {}),
      }),
    };
  });
}
