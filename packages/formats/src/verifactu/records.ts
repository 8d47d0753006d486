import { xmlForbiddenChar } from '@sello/core/shared';
import type {
  BillingRecord,
  ChainLink,
  DetalleDesglose,
  RegistroAlta,
  RegistroAnulacion,
  SistemaInformatico,
} from '@sello/core/verifactu';
import { create } from 'xmlbuilder2';

/** xmlbuilder2's node type, named through its public API rather than its internal files. */
export type XMLBuilder = ReturnType<typeof create>;

/**
 * VERI*FACTU record XML (AEAT SuministroInformacion.xsd, schema version 1.0), written with
 * xmlbuilder2 in the exact element order of the XSD sequences. Values are written as the record
 * holds them: the huella was computed over those strings, and the builder escapes & and < for
 * the XML while the hash keeps the plain value (AEAT web-service description §6.9).
 */

const BASE =
  'https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/tike/cont/ws/';
/** Namespaces of the request (`sum`) and of everything inside it (`sum1`), as AEAT's examples. */
export const VERIFACTU_NS = {
  sum: `${BASE}SuministroLR.xsd`,
  sum1: `${BASE}SuministroInformacion.xsd`,
  /** AEAT's answer (RespuestaSuministro.xsd). */
  respuesta: `${BASE}RespuestaSuministro.xsd`,
} as const;
export const XMLNS = 'http://www.w3.org/2000/xmlns/';

export const el = (parent: XMLBuilder, name: string): XMLBuilder =>
  parent.ele(VERIFACTU_NS.sum1, `sum1:${name}`);

/**
 * Writes `<sum1:name>value</sum1:name>`. A value holding a character XML 1.0 cannot carry is
 * refused, not altered: the record is kept as the exact strings of its XML (see the huella), so
 * the XML must say what the record says or not be written at all.
 */
export function leaf(parent: XMLBuilder, name: string, value: string | undefined): void {
  if (value === undefined) return;
  const forbidden = xmlForbiddenChar(value);
  if (forbidden) throw new Error(`${name} holds ${forbidden}, which XML 1.0 cannot carry`);
  el(parent, name).txt(value);
}

function checkHuella(record: BillingRecord): void {
  // The XSD would take an empty Huella; AEAT would then flag the record, so never send one.
  if (!/^[0-9A-F]{64}$/.test(record.Huella)) {
    throw new Error(`VERI*FACTU record has no valid huella (${JSON.stringify(record.Huella)})`);
  }
}

function encadenamiento(parent: XMLBuilder, link: ChainLink | undefined): void {
  const node = el(parent, 'Encadenamiento');
  if (!link) {
    leaf(node, 'PrimerRegistro', 'S');
    return;
  }
  const previous = el(node, 'RegistroAnterior');
  leaf(previous, 'IDEmisorFactura', link.IDEmisorFactura);
  leaf(previous, 'NumSerieFactura', link.NumSerieFactura);
  leaf(previous, 'FechaExpedicionFactura', link.FechaExpedicionFactura);
  leaf(previous, 'Huella', link.Huella);
}

function sistemaInformatico(parent: XMLBuilder, system: SistemaInformatico): void {
  const node = el(parent, 'SistemaInformatico');
  leaf(node, 'NombreRazon', system.NombreRazon);
  leaf(node, 'NIF', system.NIF);
  leaf(node, 'NombreSistemaInformatico', system.NombreSistemaInformatico);
  leaf(node, 'IdSistemaInformatico', system.IdSistemaInformatico);
  leaf(node, 'Version', system.Version);
  leaf(node, 'NumeroInstalacion', system.NumeroInstalacion);
  leaf(node, 'TipoUsoPosibleSoloVerifactu', system.TipoUsoPosibleSoloVerifactu);
  leaf(node, 'TipoUsoPosibleMultiOT', system.TipoUsoPosibleMultiOT);
  leaf(node, 'IndicadorMultiplesOT', system.IndicadorMultiplesOT);
}

function detalle(parent: XMLBuilder, d: DetalleDesglose): void {
  const node = el(parent, 'DetalleDesglose');
  leaf(node, 'Impuesto', d.Impuesto);
  leaf(node, 'ClaveRegimen', d.ClaveRegimen);
  // A choice in the XSD: exempt operations carry the exemption key instead of a qualification.
  if (d.OperacionExenta) leaf(node, 'OperacionExenta', d.OperacionExenta);
  else leaf(node, 'CalificacionOperacion', d.CalificacionOperacion);
  leaf(node, 'TipoImpositivo', d.TipoImpositivo);
  leaf(node, 'BaseImponibleOimporteNoSujeto', d.BaseImponibleOimporteNoSujeto);
  leaf(node, 'CuotaRepercutida', d.CuotaRepercutida);
  leaf(node, 'TipoRecargoEquivalencia', d.TipoRecargoEquivalencia);
  leaf(node, 'CuotaRecargoEquivalencia', d.CuotaRecargoEquivalencia);
}

/** Appends `sum1:RegistroAlta` to `parent`. */
export function writeRegistroAlta(parent: XMLBuilder, r: RegistroAlta): void {
  checkHuella(r);
  const node = el(parent, 'RegistroAlta');
  leaf(node, 'IDVersion', r.IDVersion);
  const id = el(node, 'IDFactura');
  leaf(id, 'IDEmisorFactura', r.IDFactura.IDEmisorFactura);
  leaf(id, 'NumSerieFactura', r.IDFactura.NumSerieFactura);
  leaf(id, 'FechaExpedicionFactura', r.IDFactura.FechaExpedicionFactura);
  leaf(node, 'NombreRazonEmisor', r.NombreRazonEmisor);
  leaf(node, 'Subsanacion', r.Subsanacion);
  leaf(node, 'RechazoPrevio', r.RechazoPrevio);
  leaf(node, 'TipoFactura', r.TipoFactura);
  leaf(node, 'TipoRectificativa', r.TipoRectificativa);
  if (r.FacturasRectificadas?.length) {
    const list = el(node, 'FacturasRectificadas');
    for (const f of r.FacturasRectificadas) {
      const item = el(list, 'IDFacturaRectificada');
      leaf(item, 'IDEmisorFactura', f.IDEmisorFactura);
      leaf(item, 'NumSerieFactura', f.NumSerieFactura);
      leaf(item, 'FechaExpedicionFactura', f.FechaExpedicionFactura);
    }
  }
  if (r.FacturasSustituidas?.length) {
    const list = el(node, 'FacturasSustituidas');
    for (const f of r.FacturasSustituidas) {
      const item = el(list, 'IDFacturaSustituida');
      leaf(item, 'IDEmisorFactura', f.IDEmisorFactura);
      leaf(item, 'NumSerieFactura', f.NumSerieFactura);
      leaf(item, 'FechaExpedicionFactura', f.FechaExpedicionFactura);
    }
  }
  if (r.ImporteRectificacion) {
    const amounts = el(node, 'ImporteRectificacion');
    leaf(amounts, 'BaseRectificada', r.ImporteRectificacion.BaseRectificada);
    leaf(amounts, 'CuotaRectificada', r.ImporteRectificacion.CuotaRectificada);
  }
  leaf(node, 'DescripcionOperacion', r.DescripcionOperacion);
  if (r.Destinatarios?.length) {
    const list = el(node, 'Destinatarios');
    for (const d of r.Destinatarios) {
      const item = el(list, 'IDDestinatario');
      leaf(item, 'NombreRazon', d.NombreRazon);
      if ('NIF' in d) leaf(item, 'NIF', d.NIF);
      else {
        const other = el(item, 'IDOtro');
        leaf(other, 'CodigoPais', d.IDOtro.CodigoPais);
        leaf(other, 'IDType', d.IDOtro.IDType);
        leaf(other, 'ID', d.IDOtro.ID);
      }
    }
  }
  const desglose = el(node, 'Desglose');
  for (const d of r.Desglose) detalle(desglose, d);
  leaf(node, 'CuotaTotal', r.CuotaTotal);
  leaf(node, 'ImporteTotal', r.ImporteTotal);
  encadenamiento(node, r.RegistroAnterior);
  sistemaInformatico(node, r.SistemaInformatico);
  leaf(node, 'FechaHoraHusoGenRegistro', r.FechaHoraHusoGenRegistro);
  leaf(node, 'TipoHuella', r.TipoHuella);
  leaf(node, 'Huella', r.Huella);
}

/** Appends `sum1:RegistroAnulacion` to `parent`. */
export function writeRegistroAnulacion(parent: XMLBuilder, r: RegistroAnulacion): void {
  checkHuella(r);
  const node = el(parent, 'RegistroAnulacion');
  leaf(node, 'IDVersion', r.IDVersion);
  const id = el(node, 'IDFactura');
  leaf(id, 'IDEmisorFacturaAnulada', r.IDFactura.IDEmisorFacturaAnulada);
  leaf(id, 'NumSerieFacturaAnulada', r.IDFactura.NumSerieFacturaAnulada);
  leaf(id, 'FechaExpedicionFacturaAnulada', r.IDFactura.FechaExpedicionFacturaAnulada);
  encadenamiento(node, r.RegistroAnterior);
  sistemaInformatico(node, r.SistemaInformatico);
  leaf(node, 'FechaHoraHusoGenRegistro', r.FechaHoraHusoGenRegistro);
  leaf(node, 'TipoHuella', r.TipoHuella);
  leaf(node, 'Huella', r.Huella);
}

export const document = () => create({ version: '1.0', encoding: 'UTF-8' });

/** One RegistroAlta as its own document (root `sum1:RegistroAlta`), e.g. to keep or sign. */
export function registroAltaXml(record: RegistroAlta): string {
  const doc = document();
  writeRegistroAlta(doc, record);
  return doc.end();
}

/** One RegistroAnulacion as its own document (root `sum1:RegistroAnulacion`). */
export function registroAnulacionXml(record: RegistroAnulacion): string {
  const doc = document();
  writeRegistroAnulacion(doc, record);
  return doc.end();
}
