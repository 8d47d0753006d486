/**
 * A CFDI 4.0 comprobante as SAT's schema (cfdv40.xsd) names it: every value already the text the
 * XML carries (amounts with their decimals, catalog keys), so the XML writer, the cadena original
 * and the reader agree by construction. Optional attributes are `undefined` when absent: an
 * empty string is a present, empty value, and SAT's cadena keeps it (`||`).
 *
 * Only what Sello issues is modelled: no complements but the PAC's TimbreFiscalDigital, no
 * third-party, customs, property-tax or part nodes under a concept.
 */
export interface Cfdi {
  /** `Version` is always 4.0. */
  serie?: string;
  folio?: string;
  /** Local date-time of issue at `LugarExpedicion`, `YYYY-MM-DDTHH:MM:SS`, no zone (SAT's rule). */
  fecha: string;
  /** c_FormaPago: `01` cash, `03` transfer, `04` card, `99` to be defined (with PPD). */
  formaPago?: string;
  /** The 20-digit number of the CSD certificate that seals it. */
  noCertificado: string;
  condicionesDePago?: string;
  subTotal: string;
  descuento?: string;
  /** ISO 4217 (c_Moneda); `XXX` for documents without a currency. */
  moneda: string;
  tipoCambio?: string;
  total: string;
  /** I ingreso, E egreso, T traslado, N nómina, P pago. */
  tipoDeComprobante: 'I' | 'E' | 'T' | 'N' | 'P';
  /** c_Exportacion: `01` not an export. */
  exportacion: string;
  /** PUE paid in one go, PPD in instalments or later. */
  metodoPago?: 'PUE' | 'PPD';
  /** Postal code of the place of issue (c_CodigoPostal). */
  lugarExpedicion: string;
  confirmacion?: string;
  /** Base64 of the CSD certificate (DER), no line breaks. Not part of the cadena. */
  certificado?: string;
  /** Base64 of the PKCS#1 v1.5 SHA-256 signature of the cadena original. Not part of it. */
  sello?: string;
  /** A global invoice's period (sales to the general public). */
  informacionGlobal?: { periodicidad: string; meses: string; año: string };
  cfdiRelacionados?: readonly CfdiRelacionados[];
  emisor: Emisor;
  receptor: Receptor;
  conceptos: readonly Concepto[];
  impuestos?: Impuestos;
  timbre?: TimbreFiscalDigital;
}

export interface CfdiRelacionados {
  /** c_TipoRelacion: `01` credit note, `04` substitution, … */
  tipoRelacion: string;
  uuids: readonly string[];
}

export interface Emisor {
  rfc: string;
  nombre: string;
  /** c_RegimenFiscal, e.g. `601` general de ley personas morales. */
  regimenFiscal: string;
  facAtrAdquirente?: string;
}

export interface Receptor {
  rfc: string;
  nombre: string;
  /** The receiver's fiscal postal code. */
  domicilioFiscalReceptor: string;
  residenciaFiscal?: string;
  numRegIdTrib?: string;
  regimenFiscalReceptor: string;
  /** c_UsoCFDI, e.g. `G03` gastos en general, `S01` sin efectos fiscales. */
  usoCFDI: string;
}

export interface Concepto {
  claveProdServ: string;
  noIdentificacion?: string;
  cantidad: string;
  claveUnidad: string;
  unidad?: string;
  descripcion: string;
  valorUnitario: string;
  importe: string;
  descuento?: string;
  /** c_ObjetoImp: `01` not subject to tax, `02` subject, `03` subject but not obliged to break down. */
  objetoImp: string;
  traslados?: readonly Traslado[];
  retenciones?: readonly Retencion[];
}

/** A tax charged: 002 IVA, 003 IEPS. `Exento` carries neither rate nor amount. */
export interface Traslado {
  base: string;
  /** c_Impuesto: 001 ISR, 002 IVA, 003 IEPS. */
  impuesto: string;
  tipoFactor: 'Tasa' | 'Cuota' | 'Exento';
  tasaOCuota?: string;
  importe?: string;
}

/** A tax withheld by the receiver (ISR, IVA). */
export interface Retencion {
  base: string;
  impuesto: string;
  tipoFactor: 'Tasa' | 'Cuota';
  tasaOCuota: string;
  importe: string;
}

/** The comprobante's tax totals: withholdings by tax, charges by tax, factor and rate. */
export interface Impuestos {
  totalImpuestosRetenidos?: string;
  totalImpuestosTrasladados?: string;
  retenciones?: readonly { impuesto: string; importe: string }[];
  traslados?: readonly Traslado[];
}

/** The PAC's stamp (TimbreFiscalDigital 1.1), inside `cfdi:Complemento`. */
export interface TimbreFiscalDigital {
  uuid: string;
  /** `YYYY-MM-DDTHH:MM:SS`, Mexico's central time. */
  fechaTimbrado: string;
  rfcProvCertif: string;
  leyenda?: string;
  /** The comprobante's `Sello`, repeated. */
  selloCFD: string;
  noCertificadoSAT: string;
  selloSAT: string;
}

export const CFDI_NAMESPACE = 'http://www.sat.gob.mx/cfd/4';
export const TFD_NAMESPACE = 'http://www.sat.gob.mx/TimbreFiscalDigital';
export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';
