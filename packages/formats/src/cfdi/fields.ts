import type {
  Cfdi,
  Concepto,
  Emisor,
  Receptor,
  Retencion,
  TimbreFiscalDigital,
  Traslado,
} from './model.ts';

/**
 * Each node's attributes in the order SAT's cadenaoriginal_4_0.xslt visits them, as
 * `[attribute, model key, required]`. The cadena, the XML writer and the reader all walk these
 * tables, so the order is written once.
 */
export type Field<T> = readonly [attribute: string, key: keyof T & string, required: boolean];

/** After `Version`, which the model does not carry (always 4.0). */
export const COMPROBANTE: readonly Field<Cfdi>[] = [
  ['Serie', 'serie', false],
  ['Folio', 'folio', false],
  ['Fecha', 'fecha', true],
  ['FormaPago', 'formaPago', false],
  ['NoCertificado', 'noCertificado', true],
  ['CondicionesDePago', 'condicionesDePago', false],
  ['SubTotal', 'subTotal', true],
  ['Descuento', 'descuento', false],
  ['Moneda', 'moneda', true],
  ['TipoCambio', 'tipoCambio', false],
  ['Total', 'total', true],
  ['TipoDeComprobante', 'tipoDeComprobante', true],
  ['Exportacion', 'exportacion', true],
  ['MetodoPago', 'metodoPago', false],
  ['LugarExpedicion', 'lugarExpedicion', true],
  ['Confirmacion', 'confirmacion', false],
];

export const INFORMACION_GLOBAL: readonly Field<NonNullable<Cfdi['informacionGlobal']>>[] = [
  ['Periodicidad', 'periodicidad', true],
  ['Meses', 'meses', true],
  ['Año', 'año', true],
];

export const EMISOR: readonly Field<Emisor>[] = [
  ['Rfc', 'rfc', true],
  ['Nombre', 'nombre', true],
  ['RegimenFiscal', 'regimenFiscal', true],
  ['FacAtrAdquirente', 'facAtrAdquirente', false],
];

export const RECEPTOR: readonly Field<Receptor>[] = [
  ['Rfc', 'rfc', true],
  ['Nombre', 'nombre', true],
  ['DomicilioFiscalReceptor', 'domicilioFiscalReceptor', true],
  ['ResidenciaFiscal', 'residenciaFiscal', false],
  ['NumRegIdTrib', 'numRegIdTrib', false],
  ['RegimenFiscalReceptor', 'regimenFiscalReceptor', true],
  ['UsoCFDI', 'usoCFDI', true],
];

export const CONCEPTO: readonly Field<Concepto>[] = [
  ['ClaveProdServ', 'claveProdServ', true],
  ['NoIdentificacion', 'noIdentificacion', false],
  ['Cantidad', 'cantidad', true],
  ['ClaveUnidad', 'claveUnidad', true],
  ['Unidad', 'unidad', false],
  ['Descripcion', 'descripcion', true],
  ['ValorUnitario', 'valorUnitario', true],
  ['Importe', 'importe', true],
  ['Descuento', 'descuento', false],
  ['ObjetoImp', 'objetoImp', true],
];

/** A charged tax, under a concept and in the totals alike. */
export const TRASLADO: readonly Field<Traslado>[] = [
  ['Base', 'base', true],
  ['Impuesto', 'impuesto', true],
  ['TipoFactor', 'tipoFactor', true],
  ['TasaOCuota', 'tasaOCuota', false],
  ['Importe', 'importe', false],
];

/** A withholding under a concept (the totals carry only tax and amount). */
export const RETENCION: readonly Field<Retencion>[] = [
  ['Base', 'base', true],
  ['Impuesto', 'impuesto', true],
  ['TipoFactor', 'tipoFactor', true],
  ['TasaOCuota', 'tasaOCuota', true],
  ['Importe', 'importe', true],
];

export const RETENCION_TOTAL: readonly Field<{ impuesto: string; importe: string }>[] = [
  ['Impuesto', 'impuesto', true],
  ['Importe', 'importe', true],
];

/** After `Version` (1.1), as cadenaoriginal_TFD_1_1.xslt visits them; `SelloSAT` is not in it. */
export const TIMBRE: readonly Field<TimbreFiscalDigital>[] = [
  ['UUID', 'uuid', true],
  ['FechaTimbrado', 'fechaTimbrado', true],
  ['RfcProvCertif', 'rfcProvCertif', true],
  ['Leyenda', 'leyenda', false],
  ['SelloCFD', 'selloCFD', true],
  ['NoCertificadoSAT', 'noCertificadoSAT', true],
];
