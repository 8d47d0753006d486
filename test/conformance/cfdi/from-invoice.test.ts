import type { CorrectiveData, Invoice, PartySnapshot } from '@sello/core/invoices';
import { Dec, sum } from '@sello/core/money';
import { computeInvoice, type LineInput, type LineTax } from '@sello/core/taxes';
import {
  buildCfdi,
  type Cfdi,
  CfdiMappingError,
  cadenaOriginal,
  cfdiOfInvoice,
  sealCfdi,
} from '@sello/formats/cfdi';
import { SoftwareSigner } from '@sello/signing';
import { afterAll, describe, expect, it } from 'vitest';
import { satCadena, scratch, testCsd, validateCfdi } from './support.ts';

/**
 * Sello's invoices of a Mexican tenant, computed by the tax engine and mapped to CFDI 4.0: the
 * sealed XML passes SAT's schema, its cadena is xsltproc's, and its totals are the engine's.
 */
const csd = testCsd();
const signer = new SoftwareSigner(csd.privateKey, 'csd');
const certificate = { number: '30001000000500003416', base64: csd.certificate.toString('base64') };
const files = scratch();
afterAll(() => files.remove());

const ISSUER: PartySnapshot = {
  taxId: 'EKU9003173C9',
  taxIdKind: 'MX_RFC',
  personType: 'legalEntity',
  name: 'ESCUELA KEMPER URGATE',
  address: { line1: 'Av. Juárez 100', city: 'Guadalajara', postalCode: '44100', country: 'MX' },
  taxRegime: '601',
  expeditionPostalCode: '44100',
};
const MORAL: PartySnapshot = {
  taxId: 'URE180429TM6',
  taxIdKind: 'MX_RFC',
  personType: 'legalEntity',
  name: 'UNIVERSIDAD ROBOTICA ESPAÑOLA',
  address: { line1: 'Calle 5', city: 'Ciudad de México', postalCode: '86991', country: 'MX' },
  taxRegime: '601',
};
const FISICA: PartySnapshot = {
  taxId: 'PEHS800101AB1',
  taxIdKind: 'MX_RFC',
  personType: 'individual',
  name: 'SERGIO PEÑA HERNÁNDEZ',
  address: { line1: 'Calle 1', city: 'Tijuana', postalCode: '22000', country: 'MX' },
  taxRegime: '612',
};
const FOREIGN: PartySnapshot = {
  taxId: '98-7654321',
  taxIdKind: 'OTHER',
  personType: 'legalEntity',
  name: 'ACME INC',
  address: { line1: '1 Main St', city: 'San Diego', postalCode: '92101', country: 'US' },
};

const line = (
  quantity: string,
  unitPrice: string,
  taxes: LineTax[],
  extra: Partial<LineInput> = {},
): LineInput => ({
  description: 'Servicio',
  quantity,
  unitPrice,
  taxes,
  satProductKey: '80111601',
  satUnitKey: 'E48',
  ...extra,
});
const iva = (rate: string, extra: Partial<LineTax> = {}): LineTax => ({
  type: 'IVA',
  rate,
  ...extra,
});

function invoice(
  lines: LineInput[],
  extra: Partial<Invoice> & { currency?: string } = {},
): Invoice {
  const currency = extra.currency ?? 'MXN';
  return {
    id: 'inv_mx',
    tenantId: 'ten_mx',
    status: 'issued',
    kind: 'standard',
    customerId: 'cus_1',
    series: 'F',
    number: 'F-000042',
    sequence: 42,
    issueDate: '2026-12-07',
    currency,
    language: 'es',
    issuer: ISSUER,
    customer: MORAL,
    cfdiUse: 'G03',
    ...computeInvoice(lines, { currency, jurisdiction: 'MX' }),
    payment: { means: 'transfer' },
    events: [],
    version: 1,
    createdAt: '2026-12-07T16:00:00Z',
    updatedAt: '2026-12-07T16:00:00Z',
    issuedAt: '2026-12-07T16:04:05Z',
    ...extra,
  };
}

const ORIGINAL: CorrectiveData = {
  originalId: 'inv_mx',
  originalNumber: 'F-000042',
  originalSeries: 'F',
  originalIssueDate: '2026-12-01',
  reasonCode: '16',
  reasonDescription: 'Bonificación',
  method: 'differences',
  period: { start: '2026-12-01', end: '2026-12-31' },
  originalUuid: '6F35D3B5-3651-5370-BC2C-14CDBE384CD7',
};

const CASES: Record<string, Invoice> = {
  'IVA 16 with a discount, paid by transfer': invoice([
    line('2', '1500', [iva('16')]),
    line('3', '99.99', [iva('16')], {
      discountRate: '10',
      satProductKey: '43211507',
      satUnitKey: 'H87',
      unit: 'Pieza',
    }),
  ]),
  'IVA 8 in the border region, paid cash, to an individual': invoice(
    [line('1', '1000', [iva('8')])],
    { customer: FISICA, payment: { means: 'cash' } },
  ),
  'IVA 0 and exempt IVA': invoice([
    line('10', '25.5', [iva('0')], { satProductKey: '50131700', satUnitKey: 'KGM' }),
    line('1', '350', [iva('0', { exempt: true })], { satProductKey: '55101500' }),
  ]),
  'IEPS 26.5 inside the IVA base (beer), paid by card': invoice(
    [line('24', '18.5', [{ type: 'IEPS', rate: '26.5' }, iva('16')], { satUnitKey: 'H87' })],
    { payment: { means: 'card' } },
  ),
  'ISR 10 and two thirds of the IVA withheld (professional fees)': invoice(
    [
      line('1', '12500', [
        iva('16'),
        { type: 'ISR', rate: '10' },
        iva('10.6667', { withheld: true }),
      ]),
    ],
    { customer: MORAL, payment: { means: 'other' } },
  ),
  'USD at its exchange rate, to a foreign buyer': invoice(
    [line('3', '120', [iva('0')]), line('1', '49.99', [iva('16')])],
    { currency: 'USD', exchangeRate: '17.2345', customer: FOREIGN, cfdiUse: 'S01' },
  ),
  'an egreso crediting the original, related by its UUID': invoice(
    [line('-1', '500', [iva('16')]), line('-2', '100', [iva('16'), { type: 'ISR', rate: '10' }])],
    { kind: 'corrective', corrective: ORIGINAL, cfdiUse: 'G02' },
  ),
  'lines not subject to tax and exempt only: no charged total': invoice([
    line('1', '100', [], { taxObject: '01' }),
    line('1', '50', [iva('0', { exempt: true })]),
  ]),
  'nothing subject to tax: no Impuestos node': invoice([
    line('1', '100', []),
    line('2', '7', [], { taxObject: '03' }),
  ]),
};

const amount = (value: string | undefined) => new Dec(value ?? '0');

describe('cfdiOfInvoice: a Mexican invoice as SAT reads it', () => {
  for (const [name, inv] of Object.entries(CASES)) {
    it(`${name}: valid, the cadena SAT's, the totals the engine's`, async () => {
      const cfdi = cfdiOfInvoice(inv, certificate);
      const sealed = await sealCfdi(cfdi, signer, 'csd', csd.certificate);
      expect(sealed.noCertificado).toBe(certificate.number);
      const file = files.file(buildCfdi(sealed));

      const schema = validateCfdi(file);
      expect(schema.output).toContain('validates');
      expect(schema.status).toBe(0);
      expect(cadenaOriginal(sealed)).toBe(satCadena(file));

      expectEngineTotals(cfdi, inv);
    });
  }

  it('writes the kind, payment, currency and relation fields', () => {
    const usd = cfdiOfInvoice(CASES['USD at its exchange rate, to a foreign buyer']!, certificate);
    expect(usd).toMatchObject({
      serie: 'F',
      folio: '42',
      fecha: '2026-12-07T10:04:05',
      moneda: 'USD',
      tipoCambio: '17.2345',
      tipoDeComprobante: 'I',
      formaPago: '03',
      metodoPago: 'PUE',
      lugarExpedicion: '44100',
      receptor: {
        rfc: 'XEXX010101000',
        domicilioFiscalReceptor: '44100',
        residenciaFiscal: 'USA',
        numRegIdTrib: '98-7654321',
        regimenFiscalReceptor: '616',
        usoCFDI: 'S01',
      },
    });
    const mxn = cfdiOfInvoice(CASES['IVA 16 with a discount, paid by transfer']!, certificate);
    expect(mxn.tipoCambio).toBeUndefined();

    const egreso = cfdiOfInvoice(
      CASES['an egreso crediting the original, related by its UUID']!,
      certificate,
    );
    expect(egreso).toMatchObject({
      tipoDeComprobante: 'E',
      total: '792.00',
      cfdiRelacionados: [{ tipoRelacion: '01', uuids: [ORIGINAL.originalUuid] }],
    });
    expect(egreso.conceptos[1]).toMatchObject({ cantidad: '2', importe: '200.00' });

    const fees = CASES['ISR 10 and two thirds of the IVA withheld (professional fees)']!;
    expect(cfdiOfInvoice(fees, certificate)).toMatchObject({
      formaPago: '99',
      metodoPago: 'PPD',
      impuestos: {
        totalImpuestosRetenidos: '2583.34',
        totalImpuestosTrasladados: '2000.00',
        retenciones: [
          { impuesto: '001', importe: '1250.00' },
          { impuesto: '002', importe: '1333.34' },
        ],
      },
    });
    const ieps = cfdiOfInvoice(
      CASES['IEPS 26.5 inside the IVA base (beer), paid by card']!,
      certificate,
    );
    expect(ieps.conceptos[0]!.traslados).toEqual([
      {
        base: '444.00',
        impuesto: '003',
        tipoFactor: 'Tasa',
        tasaOCuota: '0.265000',
        importe: '117.66',
      },
      {
        base: '561.66',
        impuesto: '002',
        tipoFactor: 'Tasa',
        tasaOCuota: '0.160000',
        importe: '89.87',
      },
    ]);
    const exempt = cfdiOfInvoice(
      CASES['lines not subject to tax and exempt only: no charged total']!,
      certificate,
    );
    expect(exempt.impuestos).toEqual({
      traslados: [{ base: '50.00', impuesto: '002', tipoFactor: 'Exento' }],
    });
    expect(exempt.conceptos[0]!.objetoImp).toBe('01');
  });

  it('refuses what SAT would, naming the field', () => {
    const base = CASES['IVA 16 with a discount, paid by transfer']!;
    const refused = (inv: Invoice) => {
      try {
        cfdiOfInvoice(inv, certificate);
      } catch (error) {
        expect(error).toBeInstanceOf(CfdiMappingError);
        return (error as CfdiMappingError).path;
      }
      throw new Error('expected a CfdiMappingError');
    };
    const { taxRegime: _r, ...noRegime } = ISSUER;
    expect(refused({ ...base, issuer: noRegime })).toBe('issuer.taxRegime');
    const { taxRegime: _c, ...buyerNoRegime } = MORAL;
    expect(refused({ ...base, customer: buyerNoRegime })).toBe('customer.taxRegime');
    const { originalUuid: _u, ...noUuid } = ORIGINAL;
    const egreso = CASES['an egreso crediting the original, related by its UUID']!;
    expect(refused({ ...egreso, corrective: noUuid })).toBe('corrective.originalUuid');
    const { exchangeRate: _x, ...noRate } = CASES['USD at its exchange rate, to a foreign buyer']!;
    expect(refused(noRate)).toBe('exchangeRate');
  });
});

/** The CFDI's amounts are the invoice's: subtotal less discount is the net, and so on. */
function expectEngineTotals(cfdi: Cfdi, inv: Invoice) {
  const sign = new Dec(inv.totals.total).isNegative() ? -1 : 1;
  const engine = (value: string) => new Dec(value).times(sign).toFixed();
  expect(amount(cfdi.subTotal).minus(amount(cfdi.descuento)).toFixed()).toBe(
    engine(inv.totals.net),
  );
  expect(amount(cfdi.impuestos?.totalImpuestosTrasladados).toFixed()).toBe(engine(inv.totals.tax));
  expect(amount(cfdi.impuestos?.totalImpuestosRetenidos).toFixed()).toBe(
    engine(inv.totals.withheld),
  );
  expect(cfdi.total).toBe(new Dec(inv.totals.total).abs().toFixed(2));
  // And SAT's own arithmetic: Total = SubTotal − Descuento + charged − withheld.
  const charged = sum((cfdi.impuestos?.traslados ?? []).map((t) => amount(t.importe)));
  expect(
    amount(cfdi.subTotal)
      .minus(amount(cfdi.descuento))
      .plus(charged)
      .minus(amount(cfdi.impuestos?.totalImpuestosRetenidos))
      .toFixed(2),
  ).toBe(cfdi.total);
}
