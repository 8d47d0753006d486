import type {
  ComputedLine,
  Invoice,
  Language,
  LineTax,
  PartySnapshot,
  TaxBreakdownRow,
} from '../../../packages/pdf/src/model.ts';

/**
 * Invoices for the PDF tests. The acceptance invoice is written out by hand, every amount to the
 * cent; the long ones are generated with integer-cent arithmetic (BigInt, half-up rounding once per
 * breakdown row, as the tax engine does) so that their totals are consistent too.
 */

export const ISSUER: PartySnapshot = {
  taxId: 'B12345674',
  taxIdKind: 'ES_CIF',
  personType: 'legalEntity',
  name: 'Talleres García Núñez, S.L.',
  email: 'facturacion@talleresgarcia.es',
  address: {
    line1: 'Calle de Alcalá, 123, 2.º izda.',
    city: 'Madrid',
    postalCode: '28009',
    province: 'Madrid',
    country: 'ES',
  },
};

export const CUSTOMER: PartySnapshot = {
  taxId: 'Q1700001J',
  taxIdKind: 'ES_CIF',
  personType: 'legalEntity',
  name: "Col·legi Oficial d'Enginyers Tècnics de Girona",
  email: 'administracio@enginyersgirona.cat',
  address: {
    line1: 'Plaça de la Independència, 7',
    line2: 'Edifici Ferrer i Güell',
    city: 'Girona',
    postalCode: '17001',
    province: 'Girona',
    country: 'ES',
  },
};

export const QR_URL =
  'https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQR?nif=B12345674&numserie=A-2026-0042&fecha=23-11-2026&importe=409.34';

const IVA21: LineTax = { type: 'IVA', rate: '21' };
const IVA10: LineTax = { type: 'IVA', rate: '10' };
const IVA4: LineTax = { type: 'IVA', rate: '4' };
const IRPF15: LineTax = { type: 'IRPF', rate: '15' };

const BASE: Omit<Invoice, 'lines' | 'breakdown' | 'totals' | 'language'> = {
  id: '01JDFX7Q3ZK5R8W2N4M6P9T1V0',
  tenantId: 'tenant-demo',
  status: 'issued',
  kind: 'standard',
  customerId: 'cus_01',
  series: 'A',
  number: 'A-2026-0042',
  sequence: 42,
  issueDate: '2026-11-23',
  currency: 'EUR',
  issuer: ISSUER,
  customer: CUSTOMER,
  payment: {
    means: 'transfer',
    dueDate: '2026-12-23',
    iban: 'ES9121000418450200051332',
    terms:
      '30 días fecha factura. Indique el número de factura en el concepto de la transferencia.',
  },
  notes:
    'Gracias por su confianza. Trabajos realizados en el taller de Alcalá de Henares según el presupuesto aceptado el 2 de noviembre.',
  events: [],
  version: 1,
  createdAt: '2026-11-20T09:00:00.000Z',
  updatedAt: '2026-11-23T10:15:00.000Z',
  issuedAt: '2026-11-23T10:15:00.000Z',
};

/** DESIGN's acceptance example: net 379.00, tax 75.34, withheld 45.00, total 409.34. */
export function acceptanceInvoice(language: Language = 'es'): Invoice {
  return {
    ...BASE,
    language,
    lines: [
      {
        description: 'Diagnóstico y reparación del sistema de inyección (mano de obra, horas)',
        quantity: '2',
        unitPrice: '150.00',
        taxes: [IVA21, IRPF15],
        taxAmounts: [
          { ...IVA21, base: '300.00', amount: '63.00' },
          { ...IRPF15, base: '300.00', amount: '45.00' },
        ],
        gross: '300.00',
        discount: '0.00',
        net: '300.00',
      },
      {
        description: 'Filtro de aceite homologado',
        quantity: '3',
        unitPrice: '20.00',
        discountRate: '10',
        taxes: [IVA21],
        taxAmounts: [{ ...IVA21, base: '54.00', amount: '11.34' }],
        gross: '60.00',
        discount: '6.00',
        net: '54.00',
      },
      {
        description: 'Manual técnico impreso',
        quantity: '1',
        unitPrice: '25.00',
        taxes: [IVA4],
        taxAmounts: [{ ...IVA4, base: '25.00', amount: '1.00' }],
        gross: '25.00',
        discount: '0.00',
        net: '25.00',
      },
    ],
    breakdown: [
      { type: 'IVA', rate: '21', base: '354.00', amount: '74.34', withheld: false },
      { type: 'IVA', rate: '4', base: '25.00', amount: '1.00', withheld: false },
      { type: 'IRPF', rate: '15', base: '300.00', amount: '45.00', withheld: true },
    ],
    totals: { net: '379.00', tax: '75.34', withheld: '45.00', total: '409.34' },
  };
}

/** A draft of the acceptance invoice: no number yet. */
export function draftInvoice(language: Language = 'es'): Invoice {
  const { number: _n, sequence: _s, issuedAt: _i, ...rest } = acceptanceInvoice(language);
  return { ...rest, status: 'draft' };
}

/** Corrective by differences: two hours invoiced too many on A-2026-0042 are credited. */
export function correctiveInvoice(language: Language = 'es'): Invoice {
  return {
    ...BASE,
    language,
    kind: 'corrective',
    series: 'R',
    number: 'R-2026-0003',
    sequence: 3,
    issueDate: '2026-11-30',
    notes: undefined,
    corrective: {
      originalId: BASE.id,
      originalNumber: 'A-2026-0042',
      originalSeries: 'A',
      originalIssueDate: '2026-11-23',
      reasonCode: '16',
      reasonDescription: 'Base imponible',
      method: 'differences',
      period: { start: '2026-11-01', end: '2026-11-30' },
    },
    lines: [
      {
        description: 'Abono de 2 horas de mano de obra facturadas de más',
        quantity: '-2',
        unitPrice: '150.00',
        taxes: [IVA21, IRPF15],
        taxAmounts: [
          { ...IVA21, base: '-300.00', amount: '-63.00' },
          { ...IRPF15, base: '-300.00', amount: '-45.00' },
        ],
        gross: '-300.00',
        discount: '0.00',
        net: '-300.00',
      },
    ],
    breakdown: [
      { type: 'IVA', rate: '21', base: '-300.00', amount: '-63.00', withheld: false },
      { type: 'IRPF', rate: '15', base: '-300.00', amount: '-45.00', withheld: true },
    ],
    totals: { net: '-300.00', tax: '-63.00', withheld: '-45.00', total: '-318.00' },
  };
}

// ---------------------------------------------------------------- generated invoices

const WORDS = [
  'Revisión',
  'neumático',
  'pastillas de freno',
  'líquido refrigerante',
  'sustitución',
  'correa de distribución',
  'alineación',
  'equilibrado',
  'batería 70 Ah',
  'diagnosis electrónica',
  'escobillas',
  'montaje',
  'piezas de recambio originales',
  'mano de obra',
  'desplazamiento',
];

/** "12.34" from 1234n; negative amounts are not generated. */
const money = (cents: bigint): string =>
  `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;

/** Half-up division for non-negative values: what "round to the cent" means for these fixtures. */
const roundDiv = (n: bigint, d: bigint): bigint => (2n * n + d) / (2n * d);

/**
 * `count` lines with varied descriptions (every seventh long enough to wrap over several lines),
 * quantities, discounts, IVA 21/10 and IRPF 15 on some, plus the totals the engine would compute.
 */
export function longInvoice(count: number, language: Language = 'es'): Invoice {
  const lines: ComputedLine[] = [];
  const rows = new Map<string, { tax: LineTax; base: bigint }>();
  for (let i = 1; i <= count; i++) {
    const qty = BigInt((i % 4) + 1);
    const price = BigInt(1000 + ((i * 1379) % 24000));
    const disc = i % 6 === 0 ? 5n : 0n;
    const gross = qty * price;
    const discount = roundDiv(gross * disc, 100n);
    const net = gross - discount;
    const taxes = [i % 10 === 3 ? IVA10 : IVA21, ...(i % 5 === 0 ? [IRPF15] : [])];
    const w1 = WORDS[i % WORDS.length]!;
    const w2 = WORDS[(i * 7) % WORDS.length]!;
    const description =
      i % 7 === 0
        ? `${i}. ${w1} y ${w2}: intervención completa con ${WORDS.join(', ')}; incluye garantía de dos años y certificado de conformidad.`
        : `${i}. ${w1} — ${w2}`;
    lines.push({
      description,
      quantity: qty.toString(),
      unitPrice: money(price),
      ...(disc > 0n ? { discountRate: disc.toString() } : {}),
      taxes,
      taxAmounts: taxes.map((t) => ({
        ...t,
        base: money(net),
        amount: money(roundDiv(net * BigInt(t.rate), 100n)),
      })),
      gross: money(gross),
      discount: money(discount),
      net: money(net),
    });
    for (const t of taxes) {
      const key = `${t.type}/${t.rate}`;
      const row = rows.get(key) ?? { tax: t, base: 0n };
      row.base += net;
      rows.set(key, row);
    }
  }
  const breakdown: TaxBreakdownRow[] = [];
  let netSum = 0n;
  let tax = 0n;
  let withheld = 0n;
  for (const l of lines) netSum += BigInt(l.net.replace('.', ''));
  for (const { tax: t, base } of rows.values()) {
    const amount = roundDiv(base * BigInt(t.rate), 100n);
    const isWithheld = t.type === 'IRPF';
    if (isWithheld) withheld += amount;
    else tax += amount;
    breakdown.push({
      type: t.type,
      rate: t.rate,
      base: money(base),
      amount: money(amount),
      withheld: isWithheld,
    });
  }
  return {
    ...BASE,
    language,
    number: `A-2026-${String(count).padStart(4, '0')}`,
    lines,
    breakdown,
    totals: {
      net: money(netSum),
      tax: money(tax),
      withheld: money(withheld),
      total: money(netSum + tax - withheld),
    },
  };
}

/** Names no standard font can draw: CJK, emoji (with a ZWJ sequence), Polish and Hungarian letters. */
export function exoticInvoice(): Invoice {
  const inv = acceptanceInvoice('es');
  return {
    ...inv,
    customer: {
      ...inv.customer,
      name: '株式会社さくら 🌸 Sakura Łódź Győr 👨‍👩‍👧 Niño',
      address: { ...inv.customer.address, line1: 'Ulica Świętokrzyska 12 — 東京' },
    },
    notes: 'Emoji in notes 🚗🔧 and a tab\there; ŀ and Ŀ in old Catalan text: coŀlegi.',
  };
}
