import { verify, X509Certificate } from 'node:crypto';
import {
  buildCfdi,
  type Cfdi,
  cadenaOriginal,
  cadenaOriginalTimbre,
  readCfdi,
  sealCfdi,
} from '@sello/formats/cfdi';
import { SoftwareSigner } from '@sello/signing';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleCfdi, satCadena, scratch, testCsd, validateCfdi } from './support.ts';

const csd = testCsd();
const signer = new SoftwareSigner(csd.privateKey, 'csd');
const files = scratch();
afterAll(() => files.remove());

const verifies = (cadena: string, sello: string, certificate: Uint8Array) =>
  verify(
    'sha256',
    Buffer.from(cadena, 'utf8'),
    new X509Certificate(certificate).publicKey,
    Buffer.from(sello, 'base64'),
  );

const EMISOR = { rfc: 'EKU9003173C9', nombre: 'ESCUELA KEMPER URGATE', regimenFiscal: '601' };
const iva16 = (base: string, importe: string) => ({
  base,
  impuesto: '002',
  tipoFactor: 'Tasa' as const,
  tasaOCuota: '0.160000',
  importe,
});

/** What Sello issues: each kind, and the text SAT's stylesheet treats specially. */
const CASES: Record<string, Cfdi> = {
  'an ingreso with IVA, an exempt line, ISR and IVA withheld and a discount': {
    serie: 'F',
    folio: '2026-000123',
    fecha: '2026-11-30T18:04:05',
    formaPago: '03',
    noCertificado: '',
    condicionesDePago: 'Contado',
    subTotal: '1500.00',
    descuento: '100.00',
    moneda: 'MXN',
    total: '1436.67',
    tipoDeComprobante: 'I',
    exportacion: '01',
    metodoPago: 'PUE',
    lugarExpedicion: '44100',
    emisor: EMISOR,
    receptor: {
      rfc: 'PEHS800101AB1',
      nombre: 'PEÑA & HIJOS  "EL SOL" <MX>',
      domicilioFiscalReceptor: '06600',
      regimenFiscalReceptor: '612',
      usoCFDI: 'G03',
    },
    conceptos: [
      {
        claveProdServ: '80111601',
        noIdentificacion: 'SRV-01',
        cantidad: '1',
        claveUnidad: 'E48',
        unidad: 'Servicio',
        descripcion: 'Asesoría fiscal — noviembre',
        valorUnitario: '1000.00',
        importe: '1000.00',
        descuento: '100.00',
        objetoImp: '02',
        traslados: [iva16('900.00', '144.00')],
        retenciones: [
          {
            base: '900.00',
            impuesto: '001',
            tipoFactor: 'Tasa',
            tasaOCuota: '0.100000',
            importe: '90.00',
          },
          {
            base: '900.00',
            impuesto: '002',
            tipoFactor: 'Tasa',
            tasaOCuota: '0.106667',
            importe: '96.00',
          },
        ],
      },
      {
        claveProdServ: '55101500',
        cantidad: '2',
        claveUnidad: 'H87',
        descripcion: 'Libro de texto',
        valorUnitario: '250.00',
        importe: '500.00',
        objetoImp: '02',
        traslados: [{ base: '500.00', impuesto: '002', tipoFactor: 'Exento' }],
      },
    ],
    impuestos: {
      totalImpuestosRetenidos: '186.00',
      totalImpuestosTrasladados: '144.00',
      retenciones: [
        { impuesto: '001', importe: '90.00' },
        { impuesto: '002', importe: '96.00' },
      ],
      traslados: [
        iva16('900.00', '144.00'),
        { base: '500.00', impuesto: '002', tipoFactor: 'Exento' },
      ],
    },
  },
  'a global invoice of the month’s tickets to the general public': {
    serie: 'G',
    folio: '7',
    fecha: '2026-12-01T00:10:00',
    formaPago: '01',
    noCertificado: '',
    subTotal: '300.00',
    moneda: 'MXN',
    total: '348.00',
    tipoDeComprobante: 'I',
    exportacion: '01',
    metodoPago: 'PUE',
    lugarExpedicion: '44100',
    informacionGlobal: { periodicidad: '04', meses: '11', año: '2026' },
    emisor: EMISOR,
    receptor: {
      rfc: 'XAXX010101000',
      nombre: 'PUBLICO EN GENERAL',
      domicilioFiscalReceptor: '44100',
      regimenFiscalReceptor: '616',
      usoCFDI: 'S01',
    },
    conceptos: ['T-0001', 'T-0002'].map((ticket) => ({
      claveProdServ: '01010101',
      noIdentificacion: ticket,
      cantidad: '1',
      claveUnidad: 'ACT',
      descripcion: 'Venta',
      valorUnitario: '150.00',
      importe: '150.00',
      objetoImp: '02',
      traslados: [iva16('150.00', '24.00')],
    })),
    impuestos: { totalImpuestosTrasladados: '48.00', traslados: [iva16('300.00', '48.00')] },
  },
  'an egreso in USD related to the invoice it credits, at 0 %': {
    fecha: '2026-12-02T09:00:00',
    formaPago: '03',
    noCertificado: '',
    subTotal: '100.00',
    moneda: 'USD',
    tipoCambio: '17.2345',
    total: '100.00',
    tipoDeComprobante: 'E',
    exportacion: '01',
    metodoPago: 'PUE',
    lugarExpedicion: '22000',
    cfdiRelacionados: [
      {
        tipoRelacion: '01',
        uuids: ['6F35D3B5-3651-5370-BC2C-14CDBE384CD7', 'A1B2C3D4-0000-4000-8000-000000000001'],
      },
    ],
    emisor: { ...EMISOR, facAtrAdquirente: '0123456789' },
    receptor: {
      rfc: 'XEXX010101000',
      nombre: 'ACME INC',
      domicilioFiscalReceptor: '22000',
      residenciaFiscal: 'USA',
      numRegIdTrib: '123456789',
      regimenFiscalReceptor: '616',
      usoCFDI: 'G02',
    },
    conceptos: [
      {
        claveProdServ: '84111506',
        cantidad: '1',
        claveUnidad: 'ACT',
        descripcion: 'Bonificación',
        valorUnitario: '100.00',
        importe: '100.00',
        objetoImp: '02',
        traslados: [
          {
            base: '100.00',
            impuesto: '002',
            tipoFactor: 'Tasa',
            tasaOCuota: '0.000000',
            importe: '0.00',
          },
        ],
      },
    ],
    impuestos: {
      totalImpuestosTrasladados: '0.00',
      traslados: [
        {
          base: '100.00',
          impuesto: '002',
          tipoFactor: 'Tasa',
          tasaOCuota: '0.000000',
          importe: '0.00',
        },
      ],
    },
  },
  'a line not subject to tax, its text with tabs, line breaks and spaces to collapse': {
    fecha: '2026-12-03T12:00:00',
    noCertificado: '',
    subTotal: '10.50',
    moneda: 'MXN',
    total: '10.50',
    tipoDeComprobante: 'I',
    exportacion: '01',
    metodoPago: 'PPD',
    formaPago: '99',
    lugarExpedicion: '01000',
    emisor: EMISOR,
    receptor: {
      rfc: 'MCI7306249Y1',
      nombre: '  MUNICIPIO\tDE\nCUAUTITLAN   IZCALLI ',
      domicilioFiscalReceptor: '54700',
      regimenFiscalReceptor: '603',
      usoCFDI: 'G03',
    },
    conceptos: [
      {
        claveProdServ: '01010101',
        cantidad: '1.5',
        claveUnidad: 'KGM',
        descripcion: '\tCafé  de olla\r\n(molido) ',
        valorUnitario: '7.00',
        importe: '10.50',
        objetoImp: '01',
      },
    ],
  },
};

describe('CFDI 4.0 as SAT reads it', () => {
  for (const [name, draft] of Object.entries(CASES)) {
    it(`${name}: valid against cfdv40.xsd, its cadena SAT's, its seal verifies`, async () => {
      const sealed = await sealCfdi(draft, signer, 'csd', csd.certificate);
      const xml = buildCfdi(sealed);
      const file = files.file(xml);

      const schema = validateCfdi(file);
      expect(schema.output).toContain('validates');
      expect(schema.status).toBe(0);

      const cadena = satCadena(file);
      expect(cadenaOriginal(sealed)).toBe(cadena);
      expect(sealed.noCertificado).toBe('30001000000500003416');
      expect(verifies(cadena, sealed.sello!, csd.certificate)).toBe(true);

      // What a PAC reads back is what was written: the same cadena, the same bytes.
      const read = readCfdi(xml);
      expect(cadenaOriginal(read)).toBe(cadena);
      expect(buildCfdi(read)).toBe(xml);
    });
  }

  it('writes an optional attribute that is present but empty, as SAT does (cadena only)', () => {
    const draft = CASES['a global invoice of the month’s tickets to the general public']!;
    const withEmpty: Cfdi = { ...draft, condicionesDePago: '', confirmacion: ' ' };
    const cadena = satCadena(files.file(buildCfdi(withEmpty)));
    // FormaPago 01, then the empty NoCertificado (required) and CondicionesDePago (present).
    expect(cadena).toContain('|01|||300.00|');
    expect(cadena).toContain('|44100||04|');
    expect(cadenaOriginal(withEmpty)).toBe(cadena);
  });

  it('fails the schema when a required attribute is missing', async () => {
    const draft = CASES['a global invoice of the month’s tickets to the general public']!;
    const sealed = await sealCfdi(draft, signer, 'csd', csd.certificate);
    const xml = buildCfdi(sealed).replace(/ UsoCFDI="S01"/, '');
    const schema = validateCfdi(files.file(xml));
    expect(schema.status).not.toBe(0);
    expect(schema.output).toContain('UsoCFDI');
  });
});

describe("SAT's stamped sample (eclipxe13/CfdiUtils, sealed with SAT's test CSD)", () => {
  const xml = sampleCfdi();
  const sample = readCfdi(xml);

  it('gives the cadena xsltproc gives, and the published Sello verifies over it', () => {
    const cadena = satCadena(files.file(xml));
    expect(cadenaOriginal(sample)).toBe(cadena);
    expect(verifies(cadena, sample.sello!, csd.certificate)).toBe(true);
  });

  it('is sealed again to the published Sello, byte for byte (PKCS#1 v1.5 is deterministic)', async () => {
    const resealed = await sealCfdi(
      { ...sample, sello: undefined },
      signer,
      'csd',
      csd.certificate,
    );
    expect(resealed.noCertificado).toBe(sample.noCertificado);
    expect(resealed.certificado).toBe(sample.certificado);
    expect(resealed.sello).toBe(sample.sello);
  });

  it("reads the PAC's stamp, whose cadena is SAT's and whose SelloSAT verifies", () => {
    const stamp = sample.timbre!;
    expect(stamp.uuid).toBe('6F35D3B5-3651-5370-BC2C-14CDBE384CD7');
    expect(stamp.selloCFD).toBe(sample.sello);
    const element = /<tfd:TimbreFiscalDigital[^>]*\/>/
      .exec(xml)![0]
      .replace('xmlns:tfd=', 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:tfd=');
    const cadena = satCadena(files.file(element), true);
    expect(cadenaOriginalTimbre(stamp)).toBe(cadena);
    expect(verifies(cadena, stamp.selloSAT, csd.satCertificate)).toBe(true);
  });
});
