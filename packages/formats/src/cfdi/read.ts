import { UnreadableDocumentError } from '@sello/core/documents';
import { child, children, parseXml, type Step, type XmlElement } from '../parse/xml.ts';
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
import { CFDI_NAMESPACE, type Cfdi, TFD_NAMESPACE } from './model.ts';

const cfdi = (local: string): Step => [CFDI_NAMESPACE, local];

/**
 * Attributes as written (the cadena normalizes spaces itself); a missing required one reads as
 * empty, which is also what SAT's stylesheet prints for it, so the seal check fails as it should.
 */
function fields<T>(table: readonly Field<T>[], element: XmlElement): T {
  const out: Record<string, string> = {};
  for (const [name, key, required] of table) {
    const value = element.attrs.get(name);
    if (value !== undefined) out[key] = value;
    else if (required) out[key] = '';
  }
  return out as T;
}

const under = <T>(parent: XmlElement | undefined, path: Step[], table: readonly Field<T>[]) => {
  let nodes = parent ? [parent] : [];
  for (const step of path) nodes = nodes.flatMap((n) => children(n, step));
  return nodes.map((n) => fields(table, n));
};

const optional = (element: XmlElement, name: string) => element.attrs.get(name);

/**
 * A CFDI 4.0 as the model: what a PAC reads to check a seal (the cadena is rebuilt from it), and
 * what an import reads. Nodes Sello does not model (third-party, customs, complements other than
 * the stamp) are not read. Throws UnreadableDocumentError when it is not a CFDI 4.0.
 */
export function readCfdi(xml: string): Cfdi {
  const root = parseXml(xml);
  if (root.ns !== CFDI_NAMESPACE || root.local !== 'Comprobante')
    throw new UnreadableDocumentError('unknown-root', 'Not a CFDI 4.0 cfdi:Comprobante');
  if (root.attrs.get('Version') !== '4.0')
    throw new UnreadableDocumentError('unknown-root', 'Only CFDI version 4.0 is read');
  const global = child(root, cfdi('InformacionGlobal'));
  const emisor = child(root, cfdi('Emisor'));
  const receptor = child(root, cfdi('Receptor'));
  const taxes = child(root, cfdi('Impuestos'));
  const stamp = child(child(root, cfdi('Complemento')), [TFD_NAMESPACE, 'TimbreFiscalDigital']);
  const read: Cfdi = {
    ...fields(COMPROBANTE, root),
    informacionGlobal: global && fields(INFORMACION_GLOBAL, global),
    cfdiRelacionados: children(root, cfdi('CfdiRelacionados')).map((r) => ({
      tipoRelacion: r.attrs.get('TipoRelacion') ?? '',
      uuids: children(r, cfdi('CfdiRelacionado')).map((u) => u.attrs.get('UUID') ?? ''),
    })),
    emisor: emisor ? fields(EMISOR, emisor) : fields(EMISOR, root),
    receptor: receptor ? fields(RECEPTOR, receptor) : fields(RECEPTOR, root),
    conceptos: children(child(root, cfdi('Conceptos')), cfdi('Concepto')).map((c) => ({
      ...fields(CONCEPTO, c),
      traslados: under(c, [cfdi('Impuestos'), cfdi('Traslados'), cfdi('Traslado')], TRASLADO),
      retenciones: under(c, [cfdi('Impuestos'), cfdi('Retenciones'), cfdi('Retencion')], RETENCION),
    })),
    impuestos: taxes && {
      totalImpuestosRetenidos: optional(taxes, 'TotalImpuestosRetenidos'),
      totalImpuestosTrasladados: optional(taxes, 'TotalImpuestosTrasladados'),
      retenciones: under(taxes, [cfdi('Retenciones'), cfdi('Retencion')], RETENCION_TOTAL),
      traslados: under(taxes, [cfdi('Traslados'), cfdi('Traslado')], TRASLADO),
    },
    certificado: optional(root, 'Certificado'),
    sello: optional(root, 'Sello'),
    timbre: stamp && {
      ...fields(TIMBRE, stamp),
      selloSAT: stamp.attrs.get('SelloSAT') ?? '',
    },
  };
  return read;
}
