import type { Cfdi } from '@sello/formats/cfdi';

/**
 * CFDI 4.0 comprobantes as Sello issues them, unsealed (`noCertificado` empty until sealing):
 * the conformance tests' cases and the benchmark's document.
 */
const EMISOR = { rfc: 'EKU9003173C9', nombre: 'ESCUELA KEMPER URGATE', regimenFiscal: '601' };
/** IVA charged at a rate (`0.160000`, `0.080000`, `0.000000`). */
export const iva = (tasaOCuota: string, base: string, importe: string) => ({
  base,
  impuesto: '002',
  tipoFactor: 'Tasa' as const,
  tasaOCuota,
  importe,
});
const iva16 = (base: string, importe: string) => iva('0.160000', base, importe);

/** What Sello issues: each kind, and the text SAT's stylesheet treats specially. */
export const CASES: Record<string, Cfdi> = {
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
        traslados: [iva('0.000000', '100.00', '0.00')],
      },
    ],
    impuestos: {
      totalImpuestosTrasladados: '0.00',
      traslados: [iva('0.000000', '100.00', '0.00')],
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

/** The benchmark's document: the first case, an ingreso of two lines with IVA and withholdings. */
export const BENCH_CFDI =
  CASES['an ingreso with IVA, an exempt line, ISR and IVA withheld and a discount']!;

/**
 * One sale of 100.00 plus IVA 16 % to the general public by SAT's test issuer, unsealed: what the
 * PAC tests stamp and cancel.
 */
export const PUBLIC_SALE: Cfdi = {
  serie: 'A',
  folio: '1',
  fecha: '2026-12-07T11:30:00',
  formaPago: '01',
  noCertificado: '',
  subTotal: '100.00',
  moneda: 'MXN',
  total: '116.00',
  tipoDeComprobante: 'I',
  exportacion: '01',
  metodoPago: 'PUE',
  lugarExpedicion: '44100',
  emisor: EMISOR,
  receptor: {
    rfc: 'XAXX010101000',
    nombre: 'PUBLICO EN GENERAL',
    domicilioFiscalReceptor: '44100',
    regimenFiscalReceptor: '616',
    usoCFDI: 'S01',
  },
  conceptos: [
    {
      claveProdServ: '01010101',
      cantidad: '1',
      claveUnidad: 'ACT',
      descripcion: 'Venta',
      valorUnitario: '100.00',
      importe: '100.00',
      objetoImp: '02',
      traslados: [iva16('100.00', '16.00')],
    },
  ],
  impuestos: { totalImpuestosTrasladados: '16.00', traslados: [iva16('100.00', '16.00')] },
};
