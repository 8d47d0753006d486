import { type RpcPart, rpcOperation } from './wsse.ts';

/**
 * FACe's web service for providers (`facturasspp2`): the messages Sello sends and reads. Names as
 * FACe's WSDL (target namespace https://webservice.face.gob.es, RPC binding): `enviarFactura`
 * takes `request` {correo, factura {factura (base64), nombre, mime}, anexos {anexo*}} and answers
 * `return` {resultado {codigo, descripcion, codigoSeguimiento}, factura {numeroRegistro, …}};
 * `consultarFactura` takes `numeroRegistro` and answers `return` {resultado, factura
 * {numeroRegistro, tramitacion {codigo, descripcion, motivo}, anulacion {…}}}. Sources: the
 * reconstructed WSDL in test/fixtures/schemas/face/ and its README.
 */
export const FACE_NAMESPACE = 'https://webservice.face.gob.es';

/** FACe's endpoints (Facturae-PHP's FaceClient names the same two). */
export const FACE_ENDPOINTS = {
  production: 'https://webservice.face.gob.es/facturasspp2',
  staging: 'https://se-face-webservice.redsara.es/facturasspp2',
} as const;

export interface FaceFile {
  base64: string;
  name: string;
  mime: string;
}

/** The Body's child of `enviarFactura`. FACe takes the invoice file only as application/xml. */
export function enviarFactura(input: {
  correo: string;
  factura: FaceFile;
  anexos?: readonly FaceFile[];
}): string {
  const request: RpcPart[] = [
    ['correo', input.correo],
    [
      'factura',
      [
        ['factura', input.factura.base64],
        ['nombre', input.factura.name],
        ['mime', input.factura.mime],
      ],
    ],
    [
      'anexos',
      (input.anexos ?? []).map(
        (a): RpcPart => [
          'anexo',
          [
            ['anexo', a.base64],
            ['nombre', a.name],
            ['mime', a.mime],
          ],
        ],
      ),
    ],
  ];
  return rpcOperation(FACE_NAMESPACE, 'enviarFactura', [['request', request]]);
}

export const consultarFactura = (numeroRegistro: string) =>
  rpcOperation(FACE_NAMESPACE, 'consultarFactura', [['numeroRegistro', numeroRegistro]]);

/** FACe's `resultado`: codigo "0" is success, anything else says why not. */
export interface Resultado {
  codigo: string;
  descripcion: string;
  codigoSeguimiento?: string;
}

export interface SoapFault {
  faultcode: string;
  faultstring: string;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

const decode = (text: string) =>
  text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name] ?? whole;
  });

/** The inner XML of the first element named `name` (any prefix) in `xml`. */
export function element(xml: string | undefined, name: string): string | undefined {
  if (xml === undefined) return undefined;
  const match = new RegExp(
    `<(?:[A-Za-z_][\\w.-]*:)?${name}(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</(?:[A-Za-z_][\\w.-]*:)?${name}\\s*>)`,
  ).exec(xml);
  return match ? (match[1] ?? '') : undefined;
}

/** The text of the first element named `name`, entities decoded and trimmed. */
export function text(xml: string | undefined, name: string): string | undefined {
  const inner = element(xml, name);
  return inner === undefined ? undefined : decode(inner.replace(/<[^>]*>/g, '')).trim();
}

export function fault(xml: string): SoapFault | undefined {
  const body = element(xml, 'Fault');
  if (body === undefined) return undefined;
  return {
    faultcode: text(body, 'faultcode') ?? 'soapenv:Server',
    faultstring: text(body, 'faultstring') ?? '',
  };
}

export function resultado(xml: string): Resultado | undefined {
  const block = element(xml, 'resultado');
  const codigo = text(block, 'codigo');
  if (codigo === undefined) return undefined;
  const seguimiento = text(block, 'codigoSeguimiento');
  return {
    codigo,
    descripcion: text(block, 'descripcion') ?? '',
    ...(seguimiento ? { codigoSeguimiento: seguimiento } : {}),
  };
}

/** An invoice's state in FACe (`tramitacion` or `anulacion`). */
export interface EstadoFactura {
  codigo: string;
  descripcion: string;
  motivo?: string;
}

export function estado(xml: string | undefined, name: 'tramitacion' | 'anulacion') {
  const block = element(xml, name);
  const codigo = text(block, 'codigo');
  if (codigo === undefined) return undefined;
  const motivo = text(block, 'motivo');
  return {
    codigo,
    descripcion: text(block, 'descripcion') ?? '',
    ...(motivo ? { motivo } : {}),
  } satisfies EstadoFactura;
}
