import { escapeAttr } from '../xml/canonical.ts';
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
import {
  CFDI_NAMESPACE,
  type Cfdi,
  type Concepto,
  type Impuestos,
  TFD_NAMESPACE,
  type TimbreFiscalDigital,
  XSI_NAMESPACE,
} from './model.ts';

const attribute = (name: string, value: string | undefined) =>
  value === undefined ? '' : ` ${name}="${escapeAttr(value)}"`;

function attributes<T>(table: readonly Field<T>[], node: T): string {
  let out = '';
  for (const [name, key] of table) out += attribute(name, node[key] as string | undefined);
  return out;
}

/** `<name attrs/>`, or with its children when it has any. */
const element = (name: string, attrs: string, children = '') =>
  children ? `<${name}${attrs}>${children}</${name}>` : `<${name}${attrs}/>`;

const list = <T>(name: string, items: readonly T[] | undefined, item: (t: T) => string) =>
  items?.length ? element(name, '', items.map(item).join('')) : '';

function concepto(c: Concepto): string {
  const taxes =
    list('cfdi:Traslados', c.traslados, (t) => element('cfdi:Traslado', attributes(TRASLADO, t))) +
    list('cfdi:Retenciones', c.retenciones, (r) =>
      element('cfdi:Retencion', attributes(RETENCION, r)),
    );
  return element(
    'cfdi:Concepto',
    attributes(CONCEPTO, c),
    taxes ? element('cfdi:Impuestos', '', taxes) : '',
  );
}

function impuestos(taxes: Impuestos): string {
  return element(
    'cfdi:Impuestos',
    attribute('TotalImpuestosRetenidos', taxes.totalImpuestosRetenidos) +
      attribute('TotalImpuestosTrasladados', taxes.totalImpuestosTrasladados),
    list('cfdi:Retenciones', taxes.retenciones, (r) =>
      element('cfdi:Retencion', attributes(RETENCION_TOTAL, r)),
    ) +
      list('cfdi:Traslados', taxes.traslados, (t) =>
        element('cfdi:Traslado', attributes(TRASLADO, t)),
      ),
  );
}

function timbre(t: TimbreFiscalDigital): string {
  return element(
    'tfd:TimbreFiscalDigital',
    ` xmlns:tfd="${TFD_NAMESPACE}" xsi:schemaLocation="${TFD_NAMESPACE} http://www.sat.gob.mx/sitio_internet/cfd/TimbreFiscalDigital/TimbreFiscalDigitalv11.xsd" Version="1.1"` +
      attributes(TIMBRE, t) +
      attribute('SelloSAT', t.selloSAT),
  );
}

/**
 * A CFDI 4.0 as XML (UTF-8), the nodes in cfdv40.xsd's sequence. Written as text, as the other
 * formats are: nothing here is re-parsed, and the seal signs the cadena, not these bytes.
 */
export function buildCfdi(cfdi: Cfdi): string {
  const root =
    ` xmlns:cfdi="${CFDI_NAMESPACE}" xmlns:xsi="${XSI_NAMESPACE}"` +
    ` xsi:schemaLocation="${CFDI_NAMESPACE} http://www.sat.gob.mx/sitio_internet/cfd/4/cfdv40.xsd"` +
    ' Version="4.0"' +
    attributes(COMPROBANTE, cfdi) +
    attribute('Certificado', cfdi.certificado) +
    attribute('Sello', cfdi.sello);
  const global = cfdi.informacionGlobal
    ? element('cfdi:InformacionGlobal', attributes(INFORMACION_GLOBAL, cfdi.informacionGlobal))
    : '';
  const related = (cfdi.cfdiRelacionados ?? [])
    .map((r) =>
      element(
        'cfdi:CfdiRelacionados',
        attribute('TipoRelacion', r.tipoRelacion),
        r.uuids.map((uuid) => element('cfdi:CfdiRelacionado', attribute('UUID', uuid))).join(''),
      ),
    )
    .join('');
  const body =
    global +
    related +
    element('cfdi:Emisor', attributes(EMISOR, cfdi.emisor)) +
    element('cfdi:Receptor', attributes(RECEPTOR, cfdi.receptor)) +
    element('cfdi:Conceptos', '', cfdi.conceptos.map(concepto).join('')) +
    (cfdi.impuestos ? impuestos(cfdi.impuestos) : '') +
    (cfdi.timbre ? element('cfdi:Complemento', '', timbre(cfdi.timbre)) : '');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element('cfdi:Comprobante', root, body)}`;
}
