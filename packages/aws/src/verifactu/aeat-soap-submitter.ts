import http from 'node:http';
import https from 'node:https';
import type { SecretBox } from '@sello/core/ports';
import {
  type EstadoEnvio,
  type EstadoRegistro,
  type EstadoRegistroDuplicado,
  INITIAL_WAIT_SECONDS,
  linkOf,
  openSubmitterCredentials,
  SubmissionFault,
  type SubmitLine,
  type SubmitRequest,
  type SubmitResponse,
  type Submitter,
  type SubmitterCertificateRepository,
} from '@sello/core/verifactu';
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

/** The certificate (with the CAs above it) and key, PEM, that the TLS client presents to AEAT. */
export interface ClientCredentials {
  cert: string;
  chain?: string[];
  key: string;
}

export interface AeatSoapOptions {
  environment: keyof typeof AEAT_ENDPOINTS;
  /**
   * The certificate that presents a tenant's records: the taxpayer's own or its
   * representative's. A function of the tenant, called for every request: in AWS each tenant's is
   * kept sealed and opened with the SecretBox for that request only (see `sealedCredentials`).
   */
  credentials?: ClientCredentials | ((tenantId: string) => Promise<ClientCredentials>);
  /**
   * CA certificates to trust for AEAT's server instead of Node's bundled ones (tests trust a
   * local test CA); AEAT's own certificates chain to public CAs Node knows.
   */
  ca?: string[];
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
 * a timeout or an unreadable answer is a SubmissionFault: the records stay pending and go again
 * later (and `mayBeRegistered` says whether AEAT may hold them already).
 */
export class AeatSoapSubmitter implements Submitter {
  constructor(private readonly options: AeatSoapOptions) {}

  async submit(request: SubmitRequest): Promise<SubmitResponse> {
    const envelope = soapEnvelope(regFactuSistemaFacturacionXml(request));
    const agent = this.options.agent ?? (await this.tlsAgent(request.tenantId));
    try {
      const { status, body } = await this.post(envelope, agent);
      return parseRespuesta(body, request, status);
    } finally {
      // One agent per request: the key is in memory for this connection only.
      if (agent !== this.options.agent) agent.destroy();
    }
  }

  /** The options of the mutual-TLS connection for a tenant's request. */
  async tlsOptions(tenantId: string): Promise<https.AgentOptions> {
    const { credentials } = this.options;
    if (!credentials) {
      const message = 'No client certificate is configured for AEAT submission';
      throw new SubmissionFault(message, undefined, { notSent: true });
    }
    return clientTlsOptions(
      typeof credentials === 'function' ? await credentials(tenantId) : credentials,
      this.options.ca,
    );
  }

  private async tlsAgent(tenantId: string): Promise<https.Agent> {
    return new https.Agent({ ...(await this.tlsOptions(tenantId)), keepAlive: false });
  }

  private async post(
    envelope: string,
    agent: http.Agent,
  ): Promise<{ status: number; body: string }> {
    const url = new URL(this.options.endpoint ?? AEAT_ENDPOINTS[this.options.environment]);
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
      // Until the request is flushed AEAT cannot have it; after, a lost answer may hide a
      // registration (see SubmissionFault.mayBeRegistered).
      let flushed = false;
      req.on('finish', () => {
        flushed = true;
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (e) =>
        reject(
          new SubmissionFault(`AEAT could not be reached: ${e.message}`, undefined, {
            cause: e,
            notSent: !flushed,
          }),
        ),
      );
      req.end(payload);
    });
  }
}

/**
 * TLS client options from the credentials: the certificate followed by its CAs (so AEAT can
 * build the path), the key, TLS 1.2 at least; `ca` replaces the trusted roots when given.
 */
export function clientTlsOptions(
  credentials: ClientCredentials,
  ca?: string[],
): https.AgentOptions {
  return {
    cert: [credentials.cert, ...(credentials.chain ?? [])].join(''),
    key: credentials.key,
    minVersion: 'TLSv1.2',
    ...(ca ? { ca } : {}),
  };
}

/**
 * The tenant's certificate for AEAT as the tenant uploaded it (PUT
 * /v1/verifactu/submitter-certificate), opened with the SecretBox (KmsSecretBox in AWS) for the
 * one request that needs it. A tenant without one gets a fault: its records stay pending.
 */
export function sealedCredentials(
  secrets: SecretBox,
  certificates: Pick<SubmitterCertificateRepository, 'submitterCertificate'>,
): (tenantId: string) => Promise<ClientCredentials> {
  return async (tenantId) => {
    const stored = await certificates.submitterCertificate(tenantId);
    if (!stored) {
      throw new SubmissionFault(
        'No certificate is stored to present this tenant’s records to AEAT (PUT /v1/verifactu/submitter-certificate)',
        undefined,
        { notSent: true },
      );
    }
    try {
      return await openSubmitterCredentials(secrets, tenantId, stored);
    } catch (error) {
      throw new SubmissionFault(
        'The stored AEAT client certificate could not be opened',
        undefined,
        {
          cause: error,
          notSent: true,
        },
      );
    }
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
    // RegistroDuplicado repeats the error elements of the stored record; the line's own are read
    // without it, and it on its own.
    const duplicateXml = all(raw, 'RegistroDuplicado')[0];
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
    const duplicate = duplicateXml === undefined ? undefined : registroDuplicado(duplicateXml);
    lines.push({
      index,
      estadoRegistro,
      ...(codigoError ? { codigoError } : {}),
      ...(descripcionError ? { descripcionError } : {}),
      ...(duplicate ? { duplicate } : {}),
    });
  }
  return {
    estadoEnvio,
    ...(csv ? { csv } : {}),
    tiempoEsperaEnvio: Number.isInteger(wait) && wait >= 0 ? wait : INITIAL_WAIT_SECONDS,
    lines,
  };
}

const ESTADOS_DUPLICADO: readonly EstadoRegistroDuplicado[] = [
  'Correcta',
  'AceptadaConErrores',
  'Anulada',
];

/** What AEAT says it holds for a duplicate (RegistroDuplicadoType); undefined if unreadable. */
function registroDuplicado(xml: string): SubmitLine['duplicate'] {
  const estado = first(xml, 'EstadoRegistroDuplicado') as EstadoRegistroDuplicado | undefined;
  if (!estado || !ESTADOS_DUPLICADO.includes(estado)) return undefined;
  const idPeticion = first(xml, 'IdPeticionRegistroDuplicado');
  const codigoError = first(xml, 'CodigoErrorRegistro');
  const descripcionError = first(xml, 'DescripcionErrorRegistro');
  return {
    ...(idPeticion ? { idPeticion } : {}),
    estado,
    ...(codigoError ? { codigoError } : {}),
    ...(descripcionError ? { descripcionError } : {}),
  };
}
