import http from 'node:http';
import https from 'node:https';
import {
  type EstadoEnvio,
  type EstadoRegistro,
  INITIAL_WAIT_SECONDS,
  linkOf,
  type SealedSecret,
  type SecretBox,
  SubmissionFault,
  type SubmitLine,
  type SubmitRequest,
  type SubmitResponse,
  type Submitter,
} from '@sello/core';
import { regFactuSistemaFacturacionXml, soapEnvelope } from '@sello/formats/verifactu';

/**
 * AEAT's voluntary-remission endpoints (SistemaFacturacion.wsdl, port SistemaVerifactu and
 * SistemaVerifactuPruebas). The `www10` hosts are for entity-seal certificates, which we do not use.
 */
export const AEAT_ENDPOINTS = {
  test: 'https://prewww1.aeat.es/wlpl/TIKE-CONT/ws/SistemaFacturacion/VerifactuSOAP',
  production:
    'https://www1.agenciatributaria.gob.es/wlpl/TIKE-CONT/ws/SistemaFacturacion/VerifactuSOAP',
} as const;

/** The certificate and key, PEM, that the TLS client authentication presents to AEAT. */
export interface ClientCredentials {
  cert: string;
  key: string;
}

export interface AeatSoapOptions {
  environment: keyof typeof AEAT_ENDPOINTS;
  /**
   * The representative's (or the taxpayer's) qualified certificate and key. A function so they
   * are read on first use only: in AWS they are kept sealed and opened with the SecretBox (see
   * `sealedCredentials`).
   */
  credentials?: ClientCredentials | (() => Promise<ClientCredentials>);
  /** Replaces the mutual-TLS agent (tests talk to a local plain-HTTP server through it). */
  agent?: http.Agent;
  /** Replaces the environment's endpoint. */
  endpoint?: string;
  /** AEAT may take a while over 1,000 records. */
  timeoutMs?: number;
}

/**
 * The real submitter: posts `RegFactuSistemaFacturacion` in a SOAP 1.1 envelope to AEAT over
 * mutual TLS and reads `RespuestaRegFactuSistemaFacturacion` back. A SOAP Fault, an HTTP error,
 * a timeout or an unreadable answer is a SubmissionFault (nothing registered, send again later).
 */
export class AeatSoapSubmitter implements Submitter {
  private agent?: Promise<http.Agent>;

  constructor(private readonly options: AeatSoapOptions) {}

  async submit(request: SubmitRequest): Promise<SubmitResponse> {
    const envelope = soapEnvelope(regFactuSistemaFacturacionXml(request));
    const { status, body } = await this.post(envelope);
    return parseRespuesta(body, request, status);
  }

  private agentFor(): Promise<http.Agent> {
    this.agent ??= (async () => {
      if (this.options.agent) return this.options.agent;
      const { credentials } = this.options;
      if (!credentials) {
        throw new SubmissionFault('No client certificate is configured for AEAT submission');
      }
      const { cert, key } = typeof credentials === 'function' ? await credentials() : credentials;
      return new https.Agent({ cert, key, keepAlive: true });
    })().catch((error) => {
      // A failed load is retried on the next submission instead of being remembered.
      this.agent = undefined;
      throw error;
    });
    return this.agent;
  }

  private async post(envelope: string): Promise<{ status: number; body: string }> {
    const url = new URL(this.options.endpoint ?? AEAT_ENDPOINTS[this.options.environment]);
    const agent = await this.agentFor();
    const send = url.protocol === 'http:' ? http.request : https.request;
    const payload = Buffer.from(envelope, 'utf8');
    return new Promise((resolve, reject) => {
      const req = send(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'text/xml; charset=utf-8',
            'content-length': payload.length,
            // The WSDL's operations declare soapAction="".
            soapaction: '""',
          },
          timeout: this.options.timeoutMs ?? 120_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', (e) =>
            reject(new SubmissionFault(`AEAT answer broke off: ${e.message}`)),
          );
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (e) =>
        reject(
          new SubmissionFault(`AEAT could not be reached: ${e.message}`, undefined, { cause: e }),
        ),
      );
      req.end(payload);
    });
  }
}

/**
 * Opens the client certificate and key kept as a sealed secret (KmsSecretBox in AWS). The secret
 * is the JSON `{ cert, key }` sealed under the context `{ purpose: 'verifactu-client-tls' }`.
 */
export function sealedCredentials(
  secrets: SecretBox,
  load: () => Promise<SealedSecret | undefined>,
): () => Promise<ClientCredentials> {
  return async () => {
    const sealed = await load();
    if (!sealed) throw new SubmissionFault('No client certificate is stored for AEAT submission');
    const { cert, key } = JSON.parse(
      await secrets.open(sealed, { purpose: 'verifactu-client-tls' }),
    ) as Partial<ClientCredentials>;
    if (typeof cert !== 'string' || typeof key !== 'string') {
      throw new SubmissionFault('The stored AEAT client credentials lack cert or key');
    }
    return { cert, key };
  };
}

// ---------------------------------------------------------------------------------------------
// Reading the answer. The package has no DOM parser, and the answer's shape is fixed by
// RespuestaSuministro.xsd, so the known elements are read by local name whatever their prefix.

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function text(raw: string): string {
  const cdata = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(raw);
  if (cdata) return cdata[1]!;
  return raw
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
      if (ref[0] !== '#') return ENTITIES[ref] ?? whole;
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    })
    .trim();
}

/** Contents of every element with that local name, in document order (no nesting of it). */
function all(xml: string, name: string): string[] {
  const re = new RegExp(
    `<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}\\s*>)`,
    'g',
  );
  return Array.from(xml.matchAll(re), (m) => m[1] ?? '');
}

const first = (xml: string, name: string): string | undefined => {
  const found = all(xml, name)[0];
  return found === undefined ? undefined : text(found);
};

const ESTADOS_ENVIO: readonly EstadoEnvio[] = ['Correcto', 'ParcialmenteCorrecto', 'Incorrecto'];
const ESTADOS_REGISTRO: readonly EstadoRegistro[] = [
  'Correcto',
  'AceptadoConErrores',
  'Incorrecto',
];

/**
 * `RespuestaRegFactuSistemaFacturacion` as a SubmitResponse. AEAT's lines name the invoice and the
 * operation, not the position, so each line is matched to the first record of the request with
 * the same IDFactura and operation that has no line yet.
 */
export function parseRespuesta(xml: string, request: SubmitRequest, status = 200): SubmitResponse {
  const fault = all(xml, 'Fault')[0];
  if (fault !== undefined) {
    const code = first(fault, 'faultcode');
    throw new SubmissionFault(
      `AEAT SOAP Fault ${code ?? ''}: ${first(fault, 'faultstring') ?? 'no faultstring'}`.trim(),
      code,
    );
  }
  const answer = all(xml, 'RespuestaRegFactuSistemaFacturacion')[0];
  if (answer === undefined) {
    throw new SubmissionFault(
      `Unexpected answer from AEAT (HTTP ${status}): ${xml.slice(0, 200).replace(/\s+/g, ' ')}`,
    );
  }

  const estadoEnvio = first(answer, 'EstadoEnvio') as EstadoEnvio | undefined;
  if (!estadoEnvio || !ESTADOS_ENVIO.includes(estadoEnvio)) {
    throw new SubmissionFault(`AEAT answer has no valid EstadoEnvio (${estadoEnvio ?? 'none'})`);
  }
  const wait = Number(first(answer, 'TiempoEsperaEnvio'));
  const csv = first(answer, 'CSV');

  const keyOf = (nif: string, num: string, fecha: string, op: string) =>
    `${nif}|${num}|${fecha}|${op}`;
  const waiting = new Map<string, number[]>();
  for (const [index, record] of request.records.entries()) {
    const id = linkOf(record);
    const key = keyOf(
      id.IDEmisorFactura,
      id.NumSerieFactura,
      id.FechaExpedicionFactura,
      record.kind === 'alta' ? 'Alta' : 'Anulacion',
    );
    waiting.set(key, [...(waiting.get(key) ?? []), index]);
  }

  const lines: SubmitLine[] = [];
  for (const raw of all(answer, 'RespuestaLinea')) {
    // RegistroDuplicado repeats the error elements of the stored record; the line's own are wanted.
    const line = raw.replace(
      /<(?:[\w.-]+:)?RegistroDuplicado(?:\s[^>]*)?>[\s\S]*?<\/(?:[\w.-]+:)?RegistroDuplicado\s*>/g,
      '',
    );
    const id = all(line, 'IDFactura')[0] ?? '';
    const key = keyOf(
      first(id, 'IDEmisorFactura') ?? '',
      first(id, 'NumSerieFactura') ?? '',
      first(id, 'FechaExpedicionFactura') ?? '',
      first(line, 'TipoOperacion') ?? '',
    );
    const index = waiting.get(key)?.shift();
    const estadoRegistro = first(line, 'EstadoRegistro') as EstadoRegistro | undefined;
    // A line for no record of ours, or with a state outside the schema, is left out: the record
    // then stays pending and is asked about again rather than guessed.
    if (index === undefined || !estadoRegistro || !ESTADOS_REGISTRO.includes(estadoRegistro)) {
      continue;
    }
    const codigoError = first(line, 'CodigoErrorRegistro');
    const descripcionError = first(line, 'DescripcionErrorRegistro');
    lines.push({
      index,
      estadoRegistro,
      ...(codigoError ? { codigoError } : {}),
      ...(descripcionError ? { descripcionError } : {}),
    });
  }
  return {
    estadoEnvio,
    ...(csv ? { csv } : {}),
    tiempoEsperaEnvio: Number.isInteger(wait) && wait >= 0 ? wait : INITIAL_WAIT_SECONDS,
    lines,
  };
}
