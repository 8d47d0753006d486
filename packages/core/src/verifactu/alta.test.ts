import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  corrective,
  IVA21,
  issued,
  line,
  SPANISH_CUSTOMER,
  SYSTEM,
} from '../../testing/verifactu.ts';
import { ValidationError } from '../errors.ts';
import type { Invoice, PartySnapshot } from '../invoices/model.ts';
import { buildRegistroAlta, TIPO_FACTURA_BY_REASON, tipoFacturaOf } from './alta.ts';
import { qrUrl } from './qr.ts';
import type { RegistroAlta } from './record.ts';

const generatedAt = new Date('2026-03-16T09:30:00Z');
const build = (invoice: Invoice, extra: Partial<Parameters<typeof buildRegistroAlta>[1]> = {}) =>
  buildRegistroAlta(invoice, { system: SYSTEM, generatedAt, timezone: 'Europe/Madrid', ...extra });

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex').toUpperCase();

const PREVIOUS = {
  IDEmisorFactura: 'B12345674',
  NumSerieFactura: 'F2026-000000',
  FechaExpedicionFactura: '15-03-2026',
  Huella: 'F7B94CFD8924EDFF273501B01EE5153E4CE8F259766F88CF6ACB8935802A2B97',
};

describe('buildRegistroAlta: a plain invoice', () => {
  const invoice = issued([
    line('Consultoría', '10', '50', IVA21),
    line('Licencia', '1', '37.05', IVA21),
  ]);
  const record = build(invoice);

  it('writes every field as the XML will carry it', () => {
    expect(record).toEqual({
      kind: 'alta',
      IDVersion: '1.0',
      IDFactura: {
        IDEmisorFactura: 'B12345674',
        NumSerieFactura: 'F2026-000001',
        FechaExpedicionFactura: '16-03-2026',
      },
      NombreRazonEmisor: 'Sello Demo Servicios S.L.',
      TipoFactura: 'F1',
      DescripcionOperacion: 'Consultoría; Licencia',
      Destinatarios: [{ NombreRazon: 'Distribuciones Mediterráneo S.A.', NIF: 'A58818501' }],
      Desglose: [
        {
          Impuesto: '01',
          ClaveRegimen: '01',
          CalificacionOperacion: 'S1',
          TipoImpositivo: '21',
          BaseImponibleOimporteNoSujeto: '537.05',
          CuotaRepercutida: '112.78',
        },
      ],
      CuotaTotal: '112.78',
      ImporteTotal: '649.83',
      SistemaInformatico: SYSTEM,
      FechaHoraHusoGenRegistro: '2026-03-16T10:30:00+01:00',
      TipoHuella: '01',
      Huella: record.Huella,
    });
  });

  it('hashes the AEAT string, with an empty previous huella on the first record', () => {
    expect(record.RegistroAnterior).toBeUndefined();
    expect(record.Huella).toBe(
      sha(
        'IDEmisorFactura=B12345674&NumSerieFactura=F2026-000001&FechaExpedicionFactura=16-03-2026' +
          '&TipoFactura=F1&CuotaTotal=112.78&ImporteTotal=649.83&Huella=' +
          '&FechaHoraHusoGenRegistro=2026-03-16T10:30:00+01:00',
      ),
    );
  });

  it('chains to the previous record and hashes its huella', () => {
    const chained = build(invoice, { previous: PREVIOUS });
    expect(chained.RegistroAnterior).toEqual(PREVIOUS);
    expect(chained.Huella).toBe(
      sha(
        'IDEmisorFactura=B12345674&NumSerieFactura=F2026-000001&FechaExpedicionFactura=16-03-2026' +
          `&TipoFactura=F1&CuotaTotal=112.78&ImporteTotal=649.83&Huella=${PREVIOUS.Huella}` +
          '&FechaHoraHusoGenRegistro=2026-03-16T10:30:00+01:00',
      ),
    );
  });

  it('rejects a malformed previous link', () => {
    expect(() => build(invoice, { previous: { ...PREVIOUS, Huella: 'abc' } })).toThrow(
      ValidationError,
    );
  });

  it('takes a given description, cut to 500 characters', () => {
    expect(build(invoice, { description: 'Servicios de marzo' }).DescripcionOperacion).toBe(
      'Servicios de marzo',
    );
    expect(build(invoice, { description: 'x'.repeat(600) }).DescripcionOperacion).toHaveLength(500);
  });

  it('cuts names to 120 characters and never the invoice number', () => {
    const long = issued([line('A', '1', '1', IVA21)], {
      customer: { ...SPANISH_CUSTOMER, name: 'N'.repeat(150) },
    });
    const dest = build(long).Destinatarios![0]!;
    expect(dest.NombreRazon).toHaveLength(120);
    expect(() => build({ ...long, number: 'F'.repeat(61) })).toThrow(ValidationError);
    expect(() => build({ ...long, number: undefined })).toThrow(/no number/);
  });

  it('strips the ES prefix of a Spanish NIF', () => {
    const prefixed = issued([line('A', '1', '1', IVA21)], {
      issuer: { ...invoice.issuer, taxId: 'ESB12345674' },
    });
    expect(build(prefixed).IDFactura.IDEmisorFactura).toBe('B12345674');
  });
});

describe('buildRegistroAlta: amounts', () => {
  it('records an invoice in another currency in euros, at its exchange rate', () => {
    const invoice = {
      ...issued([line('Consulting', '10', '123.45', IVA21)]),
      currency: 'USD',
      exchangeRate: '0.9215',
    };
    const record = build(invoice);
    // 1234.50 USD × 0.9215 = 1137.59 EUR; its quota 259.25 USD × 0.9215 = 238.90 EUR.
    expect(record.Desglose[0]).toMatchObject({
      BaseImponibleOimporteNoSujeto: '1137.59',
      CuotaRepercutida: '238.90',
    });
    expect(record.CuotaTotal).toBe('238.90');
    expect(record.ImporteTotal).toBe('1376.49');
    expect(qrUrl(invoice, 'test')).toContain('importe=1376.49');
    expect(() => build({ ...invoice, exchangeRate: undefined })).toThrow(ValidationError);
  });

  it('leaves the IRPF withholding out of the Desglose and out of ImporteTotal', () => {
    const invoice = issued([
      line('Honorarios', '1', '1000', [...IVA21, { type: 'IRPF', rate: '15' }]),
    ]);
    expect(invoice.totals).toEqual({
      net: '1000.00',
      tax: '210.00',
      withheld: '150.00',
      total: '1060.00',
    });
    const record = build(invoice);
    expect(record.Desglose).toHaveLength(1);
    expect(record.CuotaTotal).toBe('210.00');
    expect(record.ImporteTotal).toBe('1210.00');
  });

  it('puts recargo de equivalencia in the IVA detail it rides on', () => {
    const record = build(
      issued([
        line('Género', '100', '18', [...IVA21, { type: 'RE', rate: '5.2' }]),
        line('Libros', '10', '20', [
          { type: 'IVA', rate: '4' },
          { type: 'RE', rate: '0.5' },
        ]),
      ]),
    );
    expect(record.Desglose).toEqual([
      {
        Impuesto: '01',
        ClaveRegimen: '01',
        CalificacionOperacion: 'S1',
        TipoImpositivo: '21',
        BaseImponibleOimporteNoSujeto: '1800.00',
        CuotaRepercutida: '378.00',
        TipoRecargoEquivalencia: '5.2',
        CuotaRecargoEquivalencia: '93.60',
      },
      {
        Impuesto: '01',
        ClaveRegimen: '01',
        CalificacionOperacion: 'S1',
        TipoImpositivo: '4',
        BaseImponibleOimporteNoSujeto: '200.00',
        CuotaRepercutida: '8.00',
        TipoRecargoEquivalencia: '0.5',
        CuotaRecargoEquivalencia: '1.00',
      },
    ]);
    expect(record.CuotaTotal).toBe('480.60');
    expect(record.ImporteTotal).toBe('2480.60');
  });

  it('splits an IVA rate shared by lines with and without recargo, keeping the row quota', () => {
    const invoice = issued([
      line('Género', '10', '100', [...IVA21, { type: 'RE', rate: '5.2' }]),
      line('Tabaco', '3', '7.77', [...IVA21, { type: 'RE', rate: '1.75' }]),
      line('Montaje', '1', '33.33', IVA21),
    ]);
    const record = build(invoice);
    expect(
      record.Desglose.map((d) => [
        d.BaseImponibleOimporteNoSujeto,
        d.CuotaRepercutida,
        d.TipoRecargoEquivalencia,
      ]),
    ).toEqual([
      ['1000.00', '210.00', '5.2'],
      ['23.31', '4.90', '1.75'],
      ['33.33', '6.99', undefined],
    ]);
    expect(record.CuotaTotal).toBe(invoice.totals.tax);
    expect(record.ImporteTotal).toBe('1330.94');
  });

  it('writes exempt and not-subject rows without rate or quota', () => {
    const record = build(
      issued([
        line('Formación', '1', '300', [{ type: 'IVA', rate: '0', exemption: 'E1' }]),
        line('Exportación', '1', '200', [{ type: 'IVA', rate: '0', exemption: 'E2' }]),
        line('Servicio fuera de la UE', '1', '100', [{ type: 'IVA', rate: '0', notSubject: 'N2' }]),
        line('Tipo cero', '1', '50', [{ type: 'IVA', rate: '0' }]),
      ]),
    );
    expect(record.Desglose).toEqual([
      {
        Impuesto: '01',
        ClaveRegimen: '01',
        OperacionExenta: 'E1',
        BaseImponibleOimporteNoSujeto: '300.00',
      },
      // AEAT rejects E2/E3 under regime 01: exports are regime 02.
      {
        Impuesto: '01',
        ClaveRegimen: '02',
        OperacionExenta: 'E2',
        BaseImponibleOimporteNoSujeto: '200.00',
      },
      {
        Impuesto: '01',
        ClaveRegimen: '01',
        CalificacionOperacion: 'N2',
        BaseImponibleOimporteNoSujeto: '100.00',
      },
      {
        Impuesto: '01',
        ClaveRegimen: '01',
        CalificacionOperacion: 'S1',
        TipoImpositivo: '0',
        BaseImponibleOimporteNoSujeto: '50.00',
        CuotaRepercutida: '0.00',
      },
    ]);
    expect(record.CuotaTotal).toBe('0.00');
    expect(record.ImporteTotal).toBe('650.00');
  });

  it('writes IGIC as tax 03', () => {
    const record = build(
      issued([
        line('Servicio', '2', '100', [{ type: 'IGIC', rate: '7' }]),
        line('Alimentos', '1', '10', [{ type: 'IGIC', rate: '0', exemption: 'E1' }]),
      ]),
    );
    expect(record.Desglose).toEqual([
      {
        Impuesto: '03',
        ClaveRegimen: '01',
        CalificacionOperacion: 'S1',
        TipoImpositivo: '7',
        BaseImponibleOimporteNoSujeto: '200.00',
        CuotaRepercutida: '14.00',
      },
      {
        Impuesto: '03',
        ClaveRegimen: '01',
        OperacionExenta: 'E1',
        BaseImponibleOimporteNoSujeto: '10.00',
      },
    ]);
    expect(record.ImporteTotal).toBe('224.00');
  });

  it('refuses more than the 12 details AEAT accepts', () => {
    const taxes = [
      ...['21', '10', '5', '4', '0'].map((rate) => [{ type: 'IVA' as const, rate }]),
      ...(['E1', 'E2', 'E3', 'E4', 'E5', 'E6'] as const).map((exemption) => [
        { type: 'IVA' as const, rate: '0', exemption },
      ]),
      ...(['N1', 'N2'] as const).map((notSubject) => [
        { type: 'IVA' as const, rate: '0', notSubject },
      ]),
    ];
    const invoice = issued(taxes.map((t, i) => line(`L${i}`, '1', '10', t)));
    expect(() => build(invoice)).toThrow(/at most 12/);
  });
});

describe('buildRegistroAlta: customers', () => {
  const withCustomer = (customer: Partial<PartySnapshot>) =>
    build(
      issued([line('Servicio', '1', '100', [{ type: 'IVA', rate: '0', notSubject: 'N2' }])], {
        customer: { ...SPANISH_CUSTOMER, ...customer },
      }),
    ).Destinatarios;

  it('identifies an EU VAT number as NIF-IVA (02), with its VIES prefix and the ISO country', () => {
    expect(
      withCustomer({
        name: 'Client SARL',
        taxId: 'FR40303265045',
        taxIdKind: 'EU_VAT',
        address: { line1: '1 rue', city: 'Paris', postalCode: '75001', country: 'FR' },
      }),
    ).toEqual([
      {
        NombreRazon: 'Client SARL',
        IDOtro: { CodigoPais: 'FR', IDType: '02', ID: 'FR40303265045' },
      },
    ]);
    expect(
      withCustomer({
        taxId: 'EL094259216',
        taxIdKind: 'EU_VAT',
        address: { line1: 'Odos 1', city: 'Athina', postalCode: '10431', country: 'GR' },
      })![0],
    ).toMatchObject({ IDOtro: { CodigoPais: 'GR', IDType: '02', ID: 'EL094259216' } });
  });

  it('identifies any other foreign id as an id of the country of residence (04)', () => {
    expect(
      withCustomer({
        name: 'Acme Inc.',
        taxId: '123456789',
        taxIdKind: 'OTHER',
        address: { line1: '1 Main St', city: 'Austin', postalCode: '78701', country: 'US' },
      }),
    ).toEqual([
      { NombreRazon: 'Acme Inc.', IDOtro: { CodigoPais: 'US', IDType: '04', ID: '123456789' } },
    ]);
    expect(
      withCustomer({
        taxId: 'GODE561231GR8',
        taxIdKind: 'MX_RFC',
        address: { line1: 'Reforma 1', city: 'CDMX', postalCode: '06600', country: 'MX' },
      })![0],
    ).toMatchObject({ IDOtro: { CodigoPais: 'MX', IDType: '04', ID: 'GODE561231GR8' } });
  });

  it('sends a NIE as NIF', () => {
    expect(withCustomer({ taxId: 'X1234567L', taxIdKind: 'ES_NIE' })![0]).toMatchObject({
      NIF: 'X1234567L',
    });
  });
});

describe('buildRegistroAlta: correctives', () => {
  const original = issued([line('Consultoría', '10', '100', IVA21)]);

  it('by differences: R1, TipoRectificativa I, the rectified invoice, the (negative) change', () => {
    const record = build(corrective([line('Descuento', '-1', '100', IVA21)], 'differences'));
    expect(record).toMatchObject<Partial<RegistroAlta>>({
      IDFactura: {
        IDEmisorFactura: 'B12345674',
        NumSerieFactura: 'R2026-000001',
        FechaExpedicionFactura: '02-04-2026',
      },
      TipoFactura: 'R1',
      TipoRectificativa: 'I',
      FacturasRectificadas: [
        {
          IDEmisorFactura: 'B12345674',
          NumSerieFactura: 'F2026-000001',
          FechaExpedicionFactura: '16-03-2026',
        },
      ],
      DescripcionOperacion: 'Base imponible (rectifica F2026-000001)',
      CuotaTotal: '-21.00',
      ImporteTotal: '-121.00',
    });
    expect(record.ImporteRectificacion).toBeUndefined();
    expect(record.Desglose[0]).toMatchObject({
      BaseImponibleOimporteNoSujeto: '-100.00',
      CuotaRepercutida: '-21.00',
    });
  });

  it('by substitution: TipoRectificativa S, the new whole, and the replaced amounts', () => {
    const record = build(corrective([line('Consultoría', '9', '100', IVA21)], 'substitution'), {
      original,
    });
    expect(record).toMatchObject<Partial<RegistroAlta>>({
      TipoFactura: 'R1',
      TipoRectificativa: 'S',
      ImporteRectificacion: { BaseRectificada: '1000.00', CuotaRectificada: '210.00' },
      CuotaTotal: '189.00',
      ImporteTotal: '1089.00',
    });
    expect(record.FacturasRectificadas).toHaveLength(1);
  });

  it('refuses a substitution without the original it replaces', () => {
    expect(() => build(corrective([line('X', '1', '1', IVA21)], 'substitution'))).toThrow(
      /original/,
    );
  });

  it('maps every Facturae reason code to R1, R2 or R4', () => {
    expect(Object.keys(TIPO_FACTURA_BY_REASON)).toHaveLength(22);
    const of = (code: string) =>
      tipoFacturaOf(corrective([line('X', '1', '1', IVA21)], 'differences', code));
    expect(['01', '07', '16', '80', '82', '83', '84'].map(of)).toEqual(Array(7).fill('R1'));
    expect(of('85')).toBe('R2');
    expect(of('81')).toBe('R4');
    expect(() => of('99')).toThrow(ValidationError);
    expect(build(corrective([line('X', '-1', '1', IVA21)], 'differences', '85')).TipoFactura).toBe(
      'R2',
    );
  });
});
