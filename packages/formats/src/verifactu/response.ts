import type {
  EstadoEnvio,
  EstadoRegistro,
  EstadoRegistroDuplicado,
  IDFactura,
  RegistroAlta,
} from '@sello/core/verifactu';
import { document, el, leaf, VERIFACTU_NS, type XMLBuilder, XMLNS } from './records.ts';

/**
 * AEAT's answer to a RegFactuSistemaFacturacion request (RespuestaSuministro.xsd), written in
 * the element order of the schema. The local sandbox answers with it, so the real adapter's
 * parser reads the sandbox's answers exactly as it reads AEAT's.
 */

export interface RespuestaLinea {
  /** For an annulment too, AEAT answers with the plain IDFactura names. */
  IDFactura: IDFactura;
  TipoOperacion: 'Alta' | 'Anulacion';
  Subsanacion?: RegistroAlta['Subsanacion'];
  RechazoPrevio?: RegistroAlta['RechazoPrevio'];
  EstadoRegistro: EstadoRegistro;
  CodigoErrorRegistro?: string;
  DescripcionErrorRegistro?: string;
  /** Only for a record refused as a duplicate: what AEAT holds for the invoice. */
  RegistroDuplicado?: {
    IdPeticionRegistroDuplicado: string;
    EstadoRegistroDuplicado: EstadoRegistroDuplicado;
    CodigoErrorRegistro?: string;
    DescripcionErrorRegistro?: string;
  };
}

export interface Respuesta {
  /** Only when the request was not refused as a whole. */
  CSV?: string;
  DatosPresentacion?: { NIFPresentador: string; TimestampPresentacion: string };
  obligado: { NombreRazon: string; NIF: string };
  TiempoEsperaEnvio: number;
  EstadoEnvio: EstadoEnvio;
  lines: readonly RespuestaLinea[];
}

const r = (parent: XMLBuilder, name: string): XMLBuilder =>
  parent.ele(VERIFACTU_NS.respuesta, `tikR:${name}`);
const rLeaf = (parent: XMLBuilder, name: string, value: string | undefined) => {
  if (value !== undefined) r(parent, name).txt(value);
};

/** The `RespuestaRegFactuSistemaFacturacion` element as its own document. */
export function respuestaRegFactuXml(answer: Respuesta): string {
  const doc = document();
  const root = r(doc, 'RespuestaRegFactuSistemaFacturacion').att(
    XMLNS,
    'xmlns:sum1',
    VERIFACTU_NS.sum1,
  );
  rLeaf(root, 'CSV', answer.CSV);
  if (answer.DatosPresentacion) {
    const datos = r(root, 'DatosPresentacion');
    leaf(datos, 'NIFPresentador', answer.DatosPresentacion.NIFPresentador);
    leaf(datos, 'TimestampPresentacion', answer.DatosPresentacion.TimestampPresentacion);
  }
  const obligado = el(r(root, 'Cabecera'), 'ObligadoEmision');
  leaf(obligado, 'NombreRazon', answer.obligado.NombreRazon);
  leaf(obligado, 'NIF', answer.obligado.NIF);
  rLeaf(root, 'TiempoEsperaEnvio', String(answer.TiempoEsperaEnvio));
  rLeaf(root, 'EstadoEnvio', answer.EstadoEnvio);
  for (const line of answer.lines) {
    const node = r(root, 'RespuestaLinea');
    const id = r(node, 'IDFactura');
    leaf(id, 'IDEmisorFactura', line.IDFactura.IDEmisorFactura);
    leaf(id, 'NumSerieFactura', line.IDFactura.NumSerieFactura);
    leaf(id, 'FechaExpedicionFactura', line.IDFactura.FechaExpedicionFactura);
    const operacion = r(node, 'Operacion');
    leaf(operacion, 'TipoOperacion', line.TipoOperacion);
    leaf(operacion, 'Subsanacion', line.Subsanacion);
    leaf(operacion, 'RechazoPrevio', line.RechazoPrevio);
    rLeaf(node, 'EstadoRegistro', line.EstadoRegistro);
    rLeaf(node, 'CodigoErrorRegistro', line.CodigoErrorRegistro);
    rLeaf(node, 'DescripcionErrorRegistro', line.DescripcionErrorRegistro);
    if (line.RegistroDuplicado) {
      const dup = r(node, 'RegistroDuplicado');
      const d = line.RegistroDuplicado;
      leaf(dup, 'IdPeticionRegistroDuplicado', d.IdPeticionRegistroDuplicado);
      leaf(dup, 'EstadoRegistroDuplicado', d.EstadoRegistroDuplicado);
      leaf(dup, 'CodigoErrorRegistro', d.CodigoErrorRegistro);
      leaf(dup, 'DescripcionErrorRegistro', d.DescripcionErrorRegistro);
    }
  }
  return doc.end();
}
