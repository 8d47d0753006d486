import type { Invoice, PartySnapshot } from '@sello/core/invoices';
import type { ComputedLine, LineInput, TaxBreakdownRow, Totals } from '@sello/core/taxes';

/**
 * Golden invoices for the Facturae conformance tests. Every amount is written by hand (checked to
 * the cent, per line and per breakdown row, with quotas rounded half up once per row) in the tax
 * engine's own notation: gross and discount unrounded without trailing zeros, bases and quotas
 * with two decimals, rates in plain form.
 */
export interface GoldenInvoice {
  name: string;
  invoice: Invoice;
}

const company = (overrides: Partial<PartySnapshot> = {}): PartySnapshot => ({
  taxId: 'B12345674',
  taxIdKind: 'ES_CIF',
  personType: 'legalEntity',
  name: 'Sello Demo Servicios S.L.',
  email: 'facturas@sello-demo.example',
  address: { line1: 'Calle de Alcalá 45', city: 'Madrid', postalCode: '28014', country: 'ES' },
  ...overrides,
});

const customerCompany: PartySnapshot = {
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

interface Parts {
  lines: ComputedLine[];
  breakdown: TaxBreakdownRow[];
  totals: Totals;
}

function invoice(number: string, parts: Parts, overrides: Partial<Invoice> = {}): Invoice {
  return {
    id: `inv_${number}`,
    tenantId: 'ten_demo',
    status: 'issued',
    kind: 'standard',
    customerId: 'cus_demo',
    series: 'A',
    number,
    issueDate: '2026-03-16',
    currency: 'EUR',
    language: 'es',
    issuer: company(),
    customer: customerCompany,
    payment: { means: 'transfer', dueDate: '2026-04-15', iban: 'ES9121000418450200051332' },
    events: [],
    version: 1,
    createdAt: '2026-03-16T08:00:00Z',
    updatedAt: '2026-03-16T08:00:00Z',
    issuedAt: '2026-03-16T08:00:00Z',
    ...parts,
    ...overrides,
  };
}

/** IVA 21 on two lines; 37.05 × 21 % = 7.7805 shows the half-up rounding of one row. */
const iva21Simple = invoice('2026-0001', {
  lines: [
    {
      description: 'Diseño de logotipo',
      quantity: '1',
      unitPrice: '500.00',
      taxes: [{ type: 'IVA', rate: '21' }],
      gross: '500',
      discount: '0',
      net: '500.00',
      taxAmounts: [{ type: 'IVA', rate: '21', base: '500.00', amount: '105.00' }],
    },
    {
      description: 'Tarjetas de visita (caja de 100)',
      quantity: '3',
      unitPrice: '12.35',
      taxes: [{ type: 'IVA', rate: '21' }],
      gross: '37.05',
      discount: '0',
      net: '37.05',
      taxAmounts: [{ type: 'IVA', rate: '21', base: '37.05', amount: '7.78' }],
    },
  ],
  breakdown: [{ type: 'IVA', rate: '21', base: '537.05', amount: '112.78', withheld: false }],
  totals: { net: '537.05', tax: '112.78', withheld: '0.00', total: '649.83' },
});

/**
 * DESIGN's acceptance example, issued by a professional (a person, so Individual with name and
 * two surnames) who has IRPF withheld: net 379.00, tax 75.34, withheld 45.00, total 409.34.
 */
const designAcceptance = invoice(
  '2026-0002',
  {
    lines: [
      {
        description: 'Consultoría fiscal (horas)',
        quantity: '2',
        unitPrice: '150.00',
        unit: '02',
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
        description: 'Cartuchos de tóner',
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
        description: 'Manual de contabilidad',
        quantity: '1',
        unitPrice: '25.00',
        taxes: [{ type: 'IVA', rate: '4' }],
        gross: '25',
        discount: '0',
        net: '25.00',
        taxAmounts: [{ type: 'IVA', rate: '4', base: '25.00', amount: '1.00' }],
      },
    ],
    breakdown: [
      { type: 'IVA', rate: '21', base: '354.00', amount: '74.34', withheld: false },
      { type: 'IVA', rate: '4', base: '25.00', amount: '1.00', withheld: false },
      { type: 'IRPF', rate: '15', base: '300.00', amount: '45.00', withheld: true },
    ],
    totals: { net: '379.00', tax: '75.34', withheld: '45.00', total: '409.34' },
  },
  {
    series: 'P',
    issuer: {
      taxId: '12345678Z',
      taxIdKind: 'ES_NIF',
      personType: 'individual',
      name: 'Lucía Fernández de la Torre',
      email: 'lucia@asesoria.example',
      address: {
        line1: 'Calle Colón 12, 2º B',
        city: 'Valencia',
        postalCode: '46004',
        country: 'ES',
      },
    },
    notes: 'Gracias por su confianza & puntualidad <siempre>.',
  },
);

/**
 * A retailer in recargo de equivalencia: goods carry IVA + RE, the installation service only
 * IVA, so the engine's IVA 21 row (100.00) covers 85.00 with RE and 15.00 without.
 * RE 1.4 % of 48.00 = 0.672 -> 0.67.
 */
const recargo = invoice(
  '2026-0003',
  {
    lines: [
      {
        description: 'Lámpara de mesa',
        quantity: '10',
        unitPrice: '8.50',
        taxes: [
          { type: 'IVA', rate: '21' },
          { type: 'RE', rate: '5.2' },
        ],
        gross: '85',
        discount: '0',
        net: '85.00',
        taxAmounts: [
          { type: 'IVA', rate: '21', base: '85.00', amount: '17.85' },
          { type: 'RE', rate: '5.2', base: '85.00', amount: '4.42' },
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
        gross: '48',
        discount: '0',
        net: '48.00',
        taxAmounts: [
          { type: 'IVA', rate: '10', base: '48.00', amount: '4.80' },
          { type: 'RE', rate: '1.4', base: '48.00', amount: '0.67' },
        ],
      },
      {
        description: 'Montaje del expositor',
        quantity: '1',
        unitPrice: '15.00',
        taxes: [{ type: 'IVA', rate: '21' }],
        gross: '15',
        discount: '0',
        net: '15.00',
        taxAmounts: [{ type: 'IVA', rate: '21', base: '15.00', amount: '3.15' }],
      },
    ],
    breakdown: [
      { type: 'IVA', rate: '21', base: '100.00', amount: '21.00', withheld: false },
      { type: 'IVA', rate: '10', base: '48.00', amount: '4.80', withheld: false },
      { type: 'RE', rate: '5.2', base: '85.00', amount: '4.42', withheld: false },
      { type: 'RE', rate: '1.4', base: '48.00', amount: '0.67', withheld: false },
    ],
    totals: { net: '148.00', tax: '30.89', withheld: '0.00', total: '178.89' },
  },
  {
    customer: {
      taxId: 'X1234567L',
      taxIdKind: 'ES_NIE',
      personType: 'individual',
      name: 'Giulia Rossi Bianchi',
      address: { line1: 'Plaza Mayor 3', city: 'Salamanca', postalCode: '37002', country: 'ES' },
    },
    payment: { means: 'card', terms: 'Pagado con tarjeta en tienda' },
  },
);

/** Training exempt under art. 20 LIVA (E1) plus taxed material: the reason goes on the line. */
const exemptE1 = invoice('2026-0004', {
  lines: [
    {
      description: 'Curso de formación profesional en prevención de riesgos',
      quantity: '1',
      unitPrice: '1200.00',
      taxes: [{ type: 'IVA', rate: '0', exemption: 'E1' }],
      gross: '1200',
      discount: '0',
      net: '1200.00',
      taxAmounts: [{ type: 'IVA', rate: '0', exemption: 'E1', base: '1200.00', amount: '0.00' }],
    },
    {
      description: 'Material didáctico impreso',
      quantity: '1',
      unitPrice: '45.00',
      taxes: [{ type: 'IVA', rate: '4' }],
      gross: '45',
      discount: '0',
      net: '45.00',
      taxAmounts: [{ type: 'IVA', rate: '4', base: '45.00', amount: '1.80' }],
    },
  ],
  breakdown: [
    { type: 'IVA', rate: '4', base: '45.00', amount: '1.80', withheld: false },
    {
      type: 'IVA',
      rate: '0',
      exemption: 'E1',
      base: '1200.00',
      amount: '0.00',
      withheld: false,
    },
  ],
  totals: { net: '1245.00', tax: '1.80', withheld: '0.00', total: '1246.80' },
});

/**
 * IGIC: issuer in Las Palmas, customer in Santa Cruz de Tenerife whose province is not stored
 * (the builder derives it from postal code 38001). 2 × 75.00 at 7 %, 30.00 at 3 %.
 */
const igic = invoice(
  '2026-0005',
  {
    lines: [
      {
        description: 'Mantenimiento de climatización',
        quantity: '2',
        unitPrice: '75.00',
        taxes: [{ type: 'IGIC', rate: '7' }],
        gross: '150',
        discount: '0',
        net: '150.00',
        taxAmounts: [{ type: 'IGIC', rate: '7', base: '150.00', amount: '10.50' }],
      },
      {
        description: 'Filtro de repuesto',
        quantity: '1',
        unitPrice: '30.00',
        taxes: [{ type: 'IGIC', rate: '3' }],
        gross: '30',
        discount: '0',
        net: '30.00',
        taxAmounts: [{ type: 'IGIC', rate: '3', base: '30.00', amount: '0.90' }],
      },
    ],
    breakdown: [
      { type: 'IGIC', rate: '7', base: '150.00', amount: '10.50', withheld: false },
      { type: 'IGIC', rate: '3', base: '30.00', amount: '0.90', withheld: false },
    ],
    totals: { net: '180.00', tax: '11.40', withheld: '0.00', total: '191.40' },
  },
  {
    series: 'C',
    issuer: company({
      taxId: 'B35222249',
      name: 'Clima Atlántico S.L.',
      address: {
        line1: 'Calle Triana 50',
        city: 'Las Palmas de Gran Canaria',
        postalCode: '35002',
        province: 'Las Palmas',
        country: 'ES',
      },
    }),
    customer: {
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
    },
    payment: { means: 'directDebit', dueDate: '2026-03-31', iban: 'ES7921000813610123456789' },
  },
);

/**
 * B2B service to a French company: not subject in Spain by the place-of-supply rules (N2), in
 * English, with a 5 % discount: 12 × 49.90 = 598.80, less 29.94 = 568.86.
 */
const euCustomer = invoice(
  '2026-0006',
  {
    lines: [
      {
        description: 'Software licence, monthly seat',
        quantity: '12',
        unitPrice: '49.90',
        discountRate: '5',
        taxes: [{ type: 'IVA', rate: '0', notSubject: 'N2' }],
        gross: '598.8',
        discount: '29.94',
        net: '568.86',
        taxAmounts: [{ type: 'IVA', rate: '0', notSubject: 'N2', base: '568.86', amount: '0.00' }],
      },
    ],
    breakdown: [
      {
        type: 'IVA',
        rate: '0',
        notSubject: 'N2',
        base: '568.86',
        amount: '0.00',
        withheld: false,
      },
    ],
    totals: { net: '568.86', tax: '0.00', withheld: '0.00', total: '568.86' },
  },
  {
    language: 'en',
    customer: {
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
    },
    notes:
      'Reverse charge: VAT to be accounted for by the recipient (art. 196 Directive 2006/112/EC).',
  },
);

/** Corrective by differences: one of two units returned, -1 × 100.00 at IVA 21 -> -121.00. */
const correctiveDifferences = invoice(
  '2026-0001',
  {
    lines: [
      {
        description: 'Devolución: silla de oficina ergonómica',
        quantity: '-1',
        unitPrice: '100.00',
        taxes: [{ type: 'IVA', rate: '21' }],
        gross: '-100',
        discount: '0',
        net: '-100.00',
        taxAmounts: [{ type: 'IVA', rate: '21', base: '-100.00', amount: '-21.00' }],
      },
    ],
    breakdown: [{ type: 'IVA', rate: '21', base: '-100.00', amount: '-21.00', withheld: false }],
    totals: { net: '-100.00', tax: '-21.00', withheld: '0.00', total: '-121.00' },
  },
  {
    kind: 'corrective',
    series: 'R',
    corrective: {
      originalId: 'inv_2026-0007',
      originalNumber: '2026-0007',
      originalSeries: 'A',
      originalIssueDate: '2026-02-10',
      reasonCode: '16',
      reasonDescription: 'Devolución de una unidad defectuosa',
      method: 'differences',
      period: { start: '2026-02-01', end: '2026-02-28' },
    },
    payment: { means: 'transfer', iban: 'ES9121000418450200051332' },
  },
);

/**
 * To a public administration through FACe: the buyer (a city council) carries its three DIR3
 * units, written as AdministrativeCentres 01 oficina contable, 02 órgano gestor, 03 unidad
 * tramitadora. 1 × 1,200.00 at IVA 21 -> 1,452.00.
 */
const publicAdministration = invoice(
  '2026-0003',
  {
    lines: [
      {
        description: 'Mantenimiento de vehículos municipales (noviembre)',
        quantity: '1',
        unitPrice: '1200.00',
        taxes: [{ type: 'IVA', rate: '21' }],
        gross: '1200',
        discount: '0',
        net: '1200.00',
        taxAmounts: [{ type: 'IVA', rate: '21', base: '1200.00', amount: '252.00' }],
      },
    ],
    breakdown: [{ type: 'IVA', rate: '21', base: '1200.00', amount: '252.00', withheld: false }],
    totals: { net: '1200.00', tax: '252.00', withheld: '0.00', total: '1452.00' },
  },
  {
    customer: {
      taxId: 'P2807900B',
      taxIdKind: 'ES_CIF',
      personType: 'legalEntity',
      name: 'Ayuntamiento de Madrid',
      address: { line1: 'Calle Montalbán 1', city: 'Madrid', postalCode: '28014', country: 'ES' },
      dir3: {
        accountingOffice: { code: 'L01280796', name: 'Intervención General' },
        managementBody: { code: 'L01280796', name: 'Ayuntamiento de Madrid' },
        processingUnit: { code: 'LA0007418', name: 'Área de Gobierno de Economía y Hacienda' },
      },
    },
    payment: { means: 'transfer', iban: 'ES9121000418450200051332' },
  },
);

/**
 * The insurer's invoice of a claim (valuation 1,020.30 + IVA 21 = 1,234.56, franchise 300.00):
 * the repair, less the franchise's deduction (247.94, so that 772.36 + 162.20 = 934.56 and
 * 934.56 + 300.00 = 1,234.56), each line naming the claim file and the policy.
 */
const claimInsurer = invoice(
  '2026-0009',
  {
    lines: [
      {
        description: 'PAR-0042 · Paragolpes delantero',
        quantity: '1',
        unitPrice: '1020.30',
        unit: 'ud',
        taxes: [{ type: 'IVA', rate: '21' }],
        gross: '1020.3',
        discount: '0',
        net: '1020.30',
        taxAmounts: [{ type: 'IVA', rate: '21', base: '1020.30', amount: '214.26' }],
      },
      {
        description: 'Franquicia a cargo del asegurado',
        quantity: '-1',
        unitPrice: '247.94',
        taxes: [{ type: 'IVA', rate: '21' }],
        gross: '-247.94',
        discount: '0',
        net: '-247.94',
        taxAmounts: [{ type: 'IVA', rate: '21', base: '-247.94', amount: '-52.07' }],
      },
    ],
    breakdown: [{ type: 'IVA', rate: '21', base: '772.36', amount: '162.20', withheld: false }],
    totals: { net: '772.36', tax: '162.20', withheld: '0.00', total: '934.56' },
  },
  {
    claim: {
      claimId: 'clm_demo',
      claimNumber: 'SIN-2026-0042',
      policyNumber: 'POL-778899',
      plate: '1234BCD',
      billedTo: 'insurer',
    },
  },
);

export const GOLDEN_INVOICES: readonly GoldenInvoice[] = [
  { name: 'iva21-simple', invoice: iva21Simple },
  { name: 'design-acceptance', invoice: designAcceptance },
  { name: 'recargo-equivalencia', invoice: recargo },
  { name: 'exempt-e1', invoice: exemptE1 },
  { name: 'igic-canarias', invoice: igic },
  { name: 'eu-customer', invoice: euCustomer },
  { name: 'corrective-differences', invoice: correctiveDifferences },
  { name: 'claim-insurer', invoice: claimInsurer },
  { name: 'public-administration-dir3', invoice: publicAdministration },
];

/** A line as the client gave it: what `computeInvoice` starts from. */
export function lineInput(line: ComputedLine): LineInput {
  const { taxAmounts: _t, gross: _g, discount: _d, net: _n, ...input } = line;
  return input;
}

/** A 3-line invoice (the DESIGN example) for the benchmark. */
export const BENCH_INVOICE: Invoice = designAcceptance;
