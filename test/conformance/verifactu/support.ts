import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type {
  BillingRecord,
  ChainLink,
  Destinatario,
  DetalleDesglose,
  RegistroAlta,
  RegistroAnulacion,
  SistemaInformatico,
} from '@sello/core/verifactu';
import { create } from 'xmlbuilder2';

/**
 * Tools for the VERI*FACTU conformance tests: the vendored AEAT schemas and public samples (only
 * test/fixtures/schemas/verifactu is read), xmllint as the schema oracle, an XML reader that
 * turns a request back into records, and a huella computed here from the XML text alone.
 * CI needs the Debian package libxml2-utils.
 */
const repoRoot = resolve(import.meta.dirname, '../../..');
export const SCHEMA_DIR = join(repoRoot, 'test/fixtures/schemas/verifactu');
export const SCHEMA = {
  request: join(SCHEMA_DIR, 'SuministroLR.xsd'),
  record: join(SCHEMA_DIR, 'SuministroInformacion.xsd'),
  soap: join(SCHEMA_DIR, 'SoapEnvelope.xsd'),
} as const;

export const sample = (name: string): string =>
  readFileSync(join(SCHEMA_DIR, 'samples', name), 'utf8');

export interface ToolResult {
  status: number | null;
  output: string;
}

export function xmllint(schema: string, file: string): ToolResult {
  const result = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schema, file], {
    encoding: 'utf8',
  });
  if (result.error) {
    throw new Error(
      `xmllint is not available (${result.error.message}); apt-get install -y libxml2-utils`,
    );
  }
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A scratch folder for the files xmllint reads. */
export function scratch() {
  const dir = mkdtempSync(join(tmpdir(), 'sello-verifactu-'));
  return {
    file: (name: string, content: string) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

// -------------------------------------------------------------------------------------------
// Reading XML back. A minimal view of the DOM xmlbuilder2 parses into, matched by local name so
// the reader does not depend on the prefixes a producer chose.

interface XmlNode {
  nodeType: number;
  localName?: string | null;
  textContent: string | null;
  childNodes: ArrayLike<XmlNode>;
}

const elements = (node: XmlNode, name?: string): XmlNode[] =>
  Array.from(node.childNodes).filter(
    (n) => n.nodeType === 1 && (name === undefined || n.localName === name),
  );

function child(node: XmlNode, name: string): XmlNode | undefined {
  return elements(node, name)[0];
}

function must(node: XmlNode, name: string): XmlNode {
  const found = child(node, name);
  if (!found) throw new Error(`<${node.localName}> has no <${name}>`);
  return found;
}

/** Text of a child, exactly as parsed (entities resolved, spaces kept). */
const text = (node: XmlNode, name: string): string => must(node, name).textContent ?? '';
const optional = (node: XmlNode, name: string): string | undefined =>
  child(node, name)?.textContent ?? undefined;

/** Only the fields present, so a parsed record compares equal to a built one. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export const parseXml = (xml: string): XmlNode => create(xml).root().node as unknown as XmlNode;

function link(node: XmlNode): ChainLink | undefined {
  const previous = child(must(node, 'Encadenamiento'), 'RegistroAnterior');
  if (!previous) return undefined;
  return {
    IDEmisorFactura: text(previous, 'IDEmisorFactura'),
    NumSerieFactura: text(previous, 'NumSerieFactura'),
    FechaExpedicionFactura: text(previous, 'FechaExpedicionFactura'),
    Huella: text(previous, 'Huella'),
  };
}

function system(node: XmlNode): SistemaInformatico {
  const s = must(node, 'SistemaInformatico');
  const field = (name: string) => text(s, name);
  return {
    NombreRazon: field('NombreRazon'),
    NIF: field('NIF'),
    NombreSistemaInformatico: field('NombreSistemaInformatico'),
    IdSistemaInformatico: field('IdSistemaInformatico'),
    Version: field('Version'),
    NumeroInstalacion: field('NumeroInstalacion'),
    TipoUsoPosibleSoloVerifactu: field('TipoUsoPosibleSoloVerifactu') as 'S' | 'N',
    TipoUsoPosibleMultiOT: field('TipoUsoPosibleMultiOT') as 'S' | 'N',
    IndicadorMultiplesOT: field('IndicadorMultiplesOT') as 'S' | 'N',
  };
}

const idFactura = (n: XmlNode) => ({
  IDEmisorFactura: text(n, 'IDEmisorFactura'),
  NumSerieFactura: text(n, 'NumSerieFactura'),
  FechaExpedicionFactura: text(n, 'FechaExpedicionFactura'),
});

/**
 * A record element read back into the record shape. Elements our records never carry
 * (an annulment's RechazoPrevio, FechaOperacion, CuotaRecargoRectificado, …) are listed in `extra`
 * rather than dropped silently, so a comparison can say what it leaves out.
 */
export function readRecord(node: XmlNode): { record: BillingRecord; extra: string[] } {
  const known = new Set([
    'IDVersion',
    'IDFactura',
    'NombreRazonEmisor',
    'TipoFactura',
    'TipoRectificativa',
    'FacturasRectificadas',
    'ImporteRectificacion',
    'DescripcionOperacion',
    'Destinatarios',
    'Desglose',
    'CuotaTotal',
    'ImporteTotal',
    'Encadenamiento',
    'SistemaInformatico',
    'FechaHoraHusoGenRegistro',
    'TipoHuella',
    'Huella',
  ]);
  // Corrections (subsanación) are altas we generate; an annulment's RechazoPrevio is not.
  if (node.localName === 'RegistroAlta') {
    known.add('Subsanacion');
    known.add('RechazoPrevio');
  }
  const extra = elements(node)
    .map((n) => n.localName ?? '')
    .filter((name) => !known.has(name));
  const common = {
    ...compact({ RegistroAnterior: link(node) }),
    SistemaInformatico: system(node),
    FechaHoraHusoGenRegistro: text(node, 'FechaHoraHusoGenRegistro'),
    TipoHuella: text(node, 'TipoHuella') as '01',
    Huella: text(node, 'Huella'),
  };
  if (node.localName === 'RegistroAnulacion') {
    const id = must(node, 'IDFactura');
    const record: RegistroAnulacion = {
      kind: 'anulacion',
      IDVersion: text(node, 'IDVersion') as '1.0',
      IDFactura: {
        IDEmisorFacturaAnulada: text(id, 'IDEmisorFacturaAnulada'),
        NumSerieFacturaAnulada: text(id, 'NumSerieFacturaAnulada'),
        FechaExpedicionFacturaAnulada: text(id, 'FechaExpedicionFacturaAnulada'),
      },
      ...common,
    };
    return { record, extra };
  }
  const rectificadas = child(node, 'FacturasRectificadas');
  const importe = child(node, 'ImporteRectificacion');
  if (importe && child(importe, 'CuotaRecargoRectificado')) extra.push('CuotaRecargoRectificado');
  const destinatarios = child(node, 'Destinatarios');
  const record: RegistroAlta = compact({
    kind: 'alta',
    IDVersion: text(node, 'IDVersion') as '1.0',
    IDFactura: idFactura(must(node, 'IDFactura')),
    NombreRazonEmisor: text(node, 'NombreRazonEmisor'),
    Subsanacion: optional(node, 'Subsanacion') as RegistroAlta['Subsanacion'],
    RechazoPrevio: optional(node, 'RechazoPrevio') as RegistroAlta['RechazoPrevio'],
    TipoFactura: text(node, 'TipoFactura') as RegistroAlta['TipoFactura'],
    TipoRectificativa: optional(node, 'TipoRectificativa') as RegistroAlta['TipoRectificativa'],
    FacturasRectificadas: rectificadas
      ? elements(rectificadas, 'IDFacturaRectificada').map(idFactura)
      : undefined,
    ImporteRectificacion: importe
      ? {
          BaseRectificada: text(importe, 'BaseRectificada'),
          CuotaRectificada: text(importe, 'CuotaRectificada'),
        }
      : undefined,
    DescripcionOperacion: text(node, 'DescripcionOperacion'),
    Destinatarios: destinatarios
      ? elements(destinatarios, 'IDDestinatario').map((d): Destinatario => {
          const other = child(d, 'IDOtro');
          return other
            ? {
                NombreRazon: text(d, 'NombreRazon'),
                IDOtro: {
                  CodigoPais: text(other, 'CodigoPais'),
                  IDType: text(other, 'IDType'),
                  ID: text(other, 'ID'),
                },
              }
            : { NombreRazon: text(d, 'NombreRazon'), NIF: text(d, 'NIF') };
        })
      : undefined,
    Desglose: elements(must(node, 'Desglose'), 'DetalleDesglose').map(
      (d) =>
        compact({
          Impuesto: text(d, 'Impuesto'),
          ClaveRegimen: text(d, 'ClaveRegimen'),
          CalificacionOperacion: optional(d, 'CalificacionOperacion'),
          OperacionExenta: optional(d, 'OperacionExenta'),
          TipoImpositivo: optional(d, 'TipoImpositivo'),
          BaseImponibleOimporteNoSujeto: text(d, 'BaseImponibleOimporteNoSujeto'),
          CuotaRepercutida: optional(d, 'CuotaRepercutida'),
          TipoRecargoEquivalencia: optional(d, 'TipoRecargoEquivalencia'),
          CuotaRecargoEquivalencia: optional(d, 'CuotaRecargoEquivalencia'),
        }) as DetalleDesglose,
    ),
    CuotaTotal: text(node, 'CuotaTotal'),
    ImporteTotal: text(node, 'ImporteTotal'),
    ...common,
  });
  return { record, extra };
}

/** The records of a RegFactuSistemaFacturacion request, in document order. */
export function readRequest(xml: string) {
  const root = parseXml(xml);
  const obligado = must(must(root, 'Cabecera'), 'ObligadoEmision');
  return {
    root: root.localName,
    obligado: { NombreRazon: text(obligado, 'NombreRazon'), NIF: text(obligado, 'NIF') },
    records: elements(root, 'RegistroFactura').map((holder) => {
      const [node] = elements(holder);
      return readRecord(node!);
    }),
  };
}

// -------------------------------------------------------------------------------------------
// The huella, written out again from AEAT's hash specification v0.1.2 (not from the product's
// huella.ts): the XML values of the fixed fields, trimmed, as name=value joined by &.

export function huellaFromXml(node: XmlNode): string {
  const previous = child(must(node, 'Encadenamiento'), 'RegistroAnterior');
  const prevHuella = previous ? text(previous, 'Huella') : '';
  const id = must(node, 'IDFactura');
  const fields: Array<[string, string]> =
    node.localName === 'RegistroAlta'
      ? [
          ['IDEmisorFactura', text(id, 'IDEmisorFactura')],
          ['NumSerieFactura', text(id, 'NumSerieFactura')],
          ['FechaExpedicionFactura', text(id, 'FechaExpedicionFactura')],
          ['TipoFactura', text(node, 'TipoFactura')],
          ['CuotaTotal', text(node, 'CuotaTotal')],
          ['ImporteTotal', text(node, 'ImporteTotal')],
          ['Huella', prevHuella],
          ['FechaHoraHusoGenRegistro', text(node, 'FechaHoraHusoGenRegistro')],
        ]
      : [
          ['IDEmisorFacturaAnulada', text(id, 'IDEmisorFacturaAnulada')],
          ['NumSerieFacturaAnulada', text(id, 'NumSerieFacturaAnulada')],
          ['FechaExpedicionFacturaAnulada', text(id, 'FechaExpedicionFacturaAnulada')],
          ['Huella', prevHuella],
          ['FechaHoraHusoGenRegistro', text(node, 'FechaHoraHusoGenRegistro')],
        ];
  const input = fields.map(([name, value]) => `${name}=${value.trim()}`).join('&');
  return createHash('sha256').update(Buffer.from(input, 'utf8')).digest('hex').toUpperCase();
}

/** Every record element of a request, for checks that need the XML node itself. */
export function recordNodes(xml: string): XmlNode[] {
  return elements(parseXml(xml), 'RegistroFactura').map((holder) => elements(holder)[0]!);
}
