import {
  COMPROBANTE,
  CONCEPTO,
  EMISOR,
  type Field,
  INFORMACION_GLOBAL,
  RECEPTOR,
  RETENCION,
  RETENCION_TOTAL,
  TIMBRE,
  TRASLADO,
} from './fields.ts';
import type { Cfdi, TimbreFiscalDigital } from './model.ts';

/** XPath's normalize-space: XML whitespace only (not NBSP), runs collapsed, ends trimmed. */
const XML_SPACE_RUN = /[ \t\r\n]+/g;
const normalizeSpace = (value: string) =>
  value.includes(' ') || /[\t\r\n]/.test(value)
    ? value.replace(XML_SPACE_RUN, ' ').replace(/^ | $/g, '')
    : value;

/**
 * SAT's `Requerido` writes `|value` (an empty `|` when missing); `Opcional` writes it only when
 * the attribute is present, even if empty.
 */
function fields<T>(out: string[], table: readonly Field<T>[], node: T): void {
  for (const [, key, required] of table) {
    const value = node[key] as string | undefined;
    if (value !== undefined) out.push(normalizeSpace(value));
    else if (required) out.push('');
  }
}

/**
 * The cadena original of a CFDI 4.0, as SAT's cadenaoriginal_4_0.xslt gives it (the conformance
 * tests compare the two with xsltproc): `||4.0|…||`, the comprobante, its global information,
 * related CFDIs, issuer, receiver, concepts with their taxes and the tax totals. `Sello`,
 * `Certificado` and the stamp are not part of it.
 */
export function cadenaOriginal(cfdi: Cfdi): string {
  const out: string[] = ['4.0'];
  fields(out, COMPROBANTE, cfdi);
  if (cfdi.informacionGlobal) fields(out, INFORMACION_GLOBAL, cfdi.informacionGlobal);
  for (const related of cfdi.cfdiRelacionados ?? []) {
    out.push(normalizeSpace(related.tipoRelacion));
    for (const uuid of related.uuids) out.push(normalizeSpace(uuid));
  }
  fields(out, EMISOR, cfdi.emisor);
  fields(out, RECEPTOR, cfdi.receptor);
  for (const concepto of cfdi.conceptos) {
    fields(out, CONCEPTO, concepto);
    for (const traslado of concepto.traslados ?? []) fields(out, TRASLADO, traslado);
    for (const retencion of concepto.retenciones ?? []) fields(out, RETENCION, retencion);
  }
  const taxes = cfdi.impuestos;
  if (taxes) {
    for (const retencion of taxes.retenciones ?? []) fields(out, RETENCION_TOTAL, retencion);
    if (taxes.totalImpuestosRetenidos !== undefined)
      out.push(normalizeSpace(taxes.totalImpuestosRetenidos));
    for (const traslado of taxes.traslados ?? []) fields(out, TRASLADO, traslado);
    if (taxes.totalImpuestosTrasladados !== undefined)
      out.push(normalizeSpace(taxes.totalImpuestosTrasladados));
  }
  return `||${out.join('|')}||`;
}

/** The stamp's own cadena (cadenaoriginal_TFD_1_1.xslt): what the PAC's `SelloSAT` signs. */
export function cadenaOriginalTimbre(timbre: TimbreFiscalDigital): string {
  const out: string[] = ['1.1'];
  fields(out, TIMBRE, timbre);
  return `||${out.join('|')}||`;
}
