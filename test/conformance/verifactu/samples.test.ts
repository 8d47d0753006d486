import type { Invoice, PartySnapshot } from '@sello/core/invoices';
import { computeInvoice, type LineInput } from '@sello/core/taxes';
import {
  type BillingRecord,
  buildRegistroAlta,
  buildRegistroAnulacion,
  type SistemaInformatico,
} from '@sello/core/verifactu';
import { regFactuSistemaFacturacionXml } from '@sello/formats/verifactu';
import { afterAll, describe, expect, it } from 'vitest';
import {
  huellaFromXml,
  parseXml,
  readRecord,
  readRequest,
  recordNodes,
  SCHEMA,
  sample,
  scratch,
  xmllint,
} from './support.ts';

/**
 * Public sample requests (gobl.verifactu, Verifactu-PHP) read back and compared with the records
 * we build from the same invoice data. Where the values match, so does the huella: it covers
 * only the identity, type, totals, previous huella and time, all of which we reproduce.
 */

const files = scratch();
afterAll(() => files.remove());

const spanish = (name: string, taxId: string): PartySnapshot => ({
  taxId,
  taxIdKind: taxId.match(/^\d/) ? 'ES_NIF' : 'ES_CIF',
  personType: 'legalEntity',
  name,
  address: { line1: 'x', city: 'Madrid', postalCode: '28001', country: 'ES' },
});

const systemOf = (record: BillingRecord): SistemaInformatico => record.SistemaInformatico;

function invoiceLike(
  issuer: PartySnapshot,
  customer: PartySnapshot,
  number: string,
  issueDate: string,
  lines: LineInput[],
  extra: Partial<Invoice> = {},
): Invoice {
  return {
    id: number,
    tenantId: 't',
    status: 'issued',
    kind: 'standard',
    customerId: 'c',
    series: '',
    number,
    issueDate,
    currency: 'EUR',
    language: 'en',
    issuer,
    customer,
    ...computeInvoice(lines),
    events: [],
    version: 1,
    createdAt: '',
    updatedAt: '',
    ...extra,
  };
}

/** The sample's only alta, read back, and the XML node for the independent huella. */
function sampleAlta(file: string) {
  const { records } = readRequest(sample(file));
  const [{ record, extra }] = records as [{ record: BillingRecord; extra: string[] }];
  if (record.kind !== 'alta') throw new Error(`${file} holds no alta`);
  return { record, extra, node: recordNodes(sample(file))[0]! };
}

describe('gobl.verifactu inv-eqv-sur (F1, IVA 21 % with recargo 5.2 %)', () => {
  const { record: theirs, extra, node } = sampleAlta('gobl-inv-eqv-sur.body.xml');
  const ours = buildRegistroAlta(
    invoiceLike(
      spanish('Invopop S.L.', 'B85905495'),
      spanish('Sample Consumer', 'B63272603'),
      'SAMPLE-432',
      '2024-11-11',
      [
        {
          description: 'Goods',
          quantity: '1',
          unitPrice: '1800',
          taxes: [
            { type: 'IVA', rate: '21' },
            { type: 'RE', rate: '5.2' },
          ],
        },
      ],
    ),
    {
      system: systemOf(theirs),
      previous: theirs.RegistroAnterior!,
      generatedAt: new Date('2024-11-26T04:00:00Z'),
      timezone: 'Europe/Madrid',
      description: theirs.kind === 'alta' ? theirs.DescripcionOperacion : '',
    },
  );

  it('has the same structure and values, rate written 21 where gobl writes 21.0', () => {
    expect(extra).toEqual(['Signature']);
    expect(theirs.kind === 'alta' && theirs.Desglose[0]!.TipoImpositivo).toBe('21.0');
    const normalised = {
      ...theirs,
      Desglose: (theirs as typeof ours).Desglose.map((d) => ({ ...d, TipoImpositivo: '21' })),
    };
    expect(ours).toEqual(normalised);
  });

  it('has the same huella, which the independent computation also gives', () => {
    expect(huellaFromXml(node)).toBe(theirs.Huella);
    expect(ours.Huella).toBe(theirs.Huella);
  });

  it('validates once written by us', () => {
    const xml = regFactuSistemaFacturacionXml({
      obligado: { NombreRazon: 'Invopop S.L.', NIF: 'B85905495' },
      records: [ours],
    });
    expect(xmllint(SCHEMA.request, files.file('eqv-sur.xml', xml)).status).toBe(0);
  });
});

describe('gobl.verifactu corrective-base (R1 by substitution)', () => {
  const { record: theirs, extra, node } = sampleAlta('gobl-corrective-base.body.xml');
  const lines: LineInput[] = [
    {
      description: 'Services',
      quantity: '1',
      unitPrice: '1620',
      taxes: [{ type: 'IVA', rate: '21' }],
    },
  ];
  const issuer = spanish('Provide One S.L.', 'B85905495');
  const customer = spanish('Sample Customer', 'B63272603');
  // gobl's sample replaces an invoice of the same amounts (BaseRectificada 1620.00, 340.20).
  const original = invoiceLike(issuer, customer, 'SAMPLE-085', '2025-01-10', lines);
  const ours = buildRegistroAlta(
    invoiceLike(issuer, customer, 'FR-012', '2025-02-01', lines, {
      kind: 'corrective',
      corrective: {
        originalId: 'SAMPLE-085',
        originalNumber: 'SAMPLE-085',
        originalSeries: '',
        originalIssueDate: '2025-01-10',
        reasonCode: '16',
        reasonDescription: 'Base imponible',
        method: 'substitution',
        period: { start: '2025-01-01', end: '2025-01-31' },
      },
    }),
    {
      system: systemOf(theirs),
      previous: theirs.RegistroAnterior!,
      generatedAt: new Date('2024-11-26T04:00:00Z'),
      timezone: 'Europe/Madrid',
      description: theirs.kind === 'alta' ? theirs.DescripcionOperacion : '',
      original,
    },
  );

  it('has the same structure and values except the optional CuotaRecargoRectificado', () => {
    // Our record type has no CuotaRecargoRectificado (optional in the XSD; gobl sends 0.00).
    expect(extra).toEqual(['Signature', 'CuotaRecargoRectificado']);
    const normalised = {
      ...theirs,
      Desglose: (theirs as typeof ours).Desglose.map((d) => ({ ...d, TipoImpositivo: '21' })),
    };
    expect(ours).toEqual(normalised);
    expect(ours.Huella).toBe(theirs.Huella);
    expect(huellaFromXml(node)).toBe(theirs.Huella);
  });
});

describe('Verifactu-PHP cancellation-record (anulación chained to AEAT example 2)', () => {
  const xml = sample('verifactu-php-cancellation-record.xml');
  const { record: theirs, extra } = readRecord(parseXml(xml));
  const ours = buildRegistroAnulacion(
    invoiceLike(
      spanish('Perico de los Palotes, S.A.', 'A00000000'),
      spanish('x', 'B63272603'),
      '12345679/G34',
      '2024-01-01',
      [{ description: 'x', quantity: '1', unitPrice: '1', taxes: [{ type: 'IVA', rate: '21' }] }],
    ),
    {
      system: systemOf(theirs),
      previous: theirs.RegistroAnterior!,
      generatedAt: new Date('2024-01-01T18:20:40Z'),
      timezone: 'Europe/Madrid',
    },
  );

  it('has the same structure, values and huella (RechazoPrevio aside: a resend flag we never set)', () => {
    expect(extra).toEqual(['RechazoPrevio']);
    expect(ours).toEqual(theirs);
    expect(huellaFromXml(parseXml(xml))).toBe(theirs.Huella);
  });
});

describe('every sample huella', () => {
  it('is what the independent computation gives, F2 and anulación included', () => {
    for (const file of [
      'gobl-inv-eqv-sur.body.xml',
      'gobl-corrective-base.body.xml',
      'assembled-alta-f2-plus-anulacion.body.xml',
    ]) {
      const nodes = recordNodes(sample(file));
      const { records } = readRequest(sample(file));
      expect(nodes.map(huellaFromXml)).toEqual(records.map((r) => r.record.Huella));
    }
  });
});
