import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import {
  type BillingRecord,
  computeHuella,
  type EstadoEnvio,
  type EstadoRegistroDuplicado,
  INITIAL_WAIT_SECONDS,
  linkOf,
  SubmissionFault,
  type SubmitRequest,
  type SubmitResponse,
  type Submitter,
} from '@sello/core/verifactu';
import {
  type RespuestaLinea,
  regFactuSistemaFacturacionXml,
  respuestaRegFactuXml,
  soapEnvelope,
} from '@sello/formats/verifactu';
import { parseRespuesta } from './aeat-soap-submitter.ts';

/**
 * AEAT's codes the sandbox answers with, worded as in AEAT's list of web-service errors
 * (`errores.properties`, published next to the schemas under `…/tikeV1.0/cont/ws/`): 1xxx and
 * 3xxx reject the record, 2xxx leave it registered "con errores" (to be corrected later).
 */
export const SANDBOX_CODES = {
  huella: { code: '2000', text: 'El cálculo de la huella suministrada es incorrecta.' },
  recipientNif: {
    code: '2001',
    text: 'El NIF del bloque Destinatarios no está identificado en el censo de la AEAT.',
  },
  recipientId: { code: '1121', text: 'El campo ID no está identificado en el censo de la AEAT.' },
  rechazoPrevioX: {
    code: '1153',
    text: 'Valor del campo RechazoPrevio no válido, solo podrá incluirse el campo RechazoPrevio con valor X si se ha informado el campo Subsanacion y tiene el valor S.',
  },
  rechazoPrevioS: {
    code: '1161',
    text: 'El valor del campo RechazoPrevio no es válido, no podrá incluirse el campo RechazoPrevio con valor S si no se ha informado del campo Subsanacion o tiene el valor N.',
  },
  duplicate: { code: '3000', text: 'Registro de facturación duplicado.' },
  alreadyCancelled: { code: '3001', text: 'El registro de facturación ya ha sido dado de baja.' },
  notFound: { code: '3002', text: 'No existe el registro de facturación.' },
} as const;

type Code = { code: string; text: string };

export interface SandboxOptions {
  /** AEAT's SuministroLR.xsd, next to SuministroInformacion.xsd and the XML-Signature schema. */
  schemaPath: string;
  /** What the sandbox answers as TiempoEsperaEnvio; AEAT starts at 60 s. */
  tiempoEsperaEnvio?: number;
  /**
   * Tax ids the sandbox's "census" does not know: a recipient NIF among them is accepted with
   * error 2001, a recipient NIF-IVA (IDOtro, IDType 02) among them is rejected with 1121, as AEAT
   * does for ids it cannot identify.
   */
  unidentified?: Iterable<string>;
  xmllint?: string;
}

/** What AEAT holds for one invoice (issuer, number and date). */
interface Held {
  annulled: boolean;
  estado: Exclude<EstadoRegistroDuplicado, 'Anulada'>;
  /** The request that registered what is held. */
  idPeticion: string;
  error?: Code;
}

const CSV_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * A local stand-in for AEAT's VerifactuSOAP service, for the local platform and the tests. It
 * builds the request exactly as it would go to AEAT and checks it against the official schema (a
 * failure is the SOAP Fault AEAT would send), answers each record as AEAT's rules for altas,
 * corrections and annulments say (Validaciones v1.2.2 annex 6), writes the answer as AEAT's
 * RespuestaRegFactuSistemaFacturacion, duplicates with their RegistroDuplicado, and reads it
 * back with the real adapter's parser. What it holds is kept in memory, per container: a restart
 * forgets it. Needs `xmllint` (Debian libxml2-utils), so it is not for Lambda.
 */
export class SandboxSubmitter implements Submitter {
  private readonly held = new Map<string, Held>();
  private readonly unidentified: ReadonlySet<string>;
  private requests = 0;
  /** The last SOAP message "sent", as AEAT would have received it. */
  lastEnvelope?: string;
  /** The last answer, as a SOAP message like AEAT's. */
  lastResponse?: string;

  constructor(private readonly options: SandboxOptions) {
    this.unidentified = new Set(options.unidentified ?? []);
  }

  async submit(request: SubmitRequest): Promise<SubmitResponse> {
    const body = regFactuSistemaFacturacionXml(request);
    this.lastEnvelope = soapEnvelope(body);
    const problems = await this.validate(body);
    if (problems) {
      throw new SubmissionFault(
        `Sandbox: the request does not match SuministroLR.xsd: ${problems}`,
        'env:Client',
      );
    }

    const now = new Date();
    // Like AEAT's, at most 20 characters (TextMax20Type).
    const idPeticion = `${now.getTime()}${String(++this.requests).padStart(6, '0')}`.slice(-20);
    const lines = request.records.map((record) => this.answer(record, idPeticion));
    const states = new Set(lines.map((l) => l.EstadoRegistro));
    const estadoEnvio: EstadoEnvio =
      states.size === 1 && states.has('Correcto')
        ? 'Correcto'
        : states.size === 1 && states.has('Incorrecto')
          ? 'Incorrecto'
          : 'ParcialmenteCorrecto';
    const refused = estadoEnvio === 'Incorrecto';
    this.lastResponse = soapEnvelope(
      respuestaRegFactuXml({
        // AEAT gives a CSV and the presentation data only when the request is not refused whole.
        ...(refused
          ? {}
          : {
              CSV: sandboxCsv(),
              DatosPresentacion: {
                NIFPresentador: request.obligado.NIF,
                TimestampPresentacion: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
              },
            }),
        obligado: request.obligado,
        TiempoEsperaEnvio: this.options.tiempoEsperaEnvio ?? INITIAL_WAIT_SECONDS,
        EstadoEnvio: estadoEnvio,
        lines,
      }),
    );
    return parseRespuesta(this.lastResponse, request);
  }

  private answer(record: BillingRecord, idPeticion: string): RespuestaLinea {
    const id = linkOf(record);
    const key = `${id.IDEmisorFactura}|${id.NumSerieFactura}|${id.FechaExpedicionFactura}`;
    const head = {
      IDFactura: {
        IDEmisorFactura: id.IDEmisorFactura,
        NumSerieFactura: id.NumSerieFactura,
        FechaExpedicionFactura: id.FechaExpedicionFactura,
      },
      TipoOperacion: record.kind === 'alta' ? ('Alta' as const) : ('Anulacion' as const),
      ...(record.kind === 'alta' && record.Subsanacion ? { Subsanacion: record.Subsanacion } : {}),
      ...(record.kind === 'alta' && record.RechazoPrevio
        ? { RechazoPrevio: record.RechazoPrevio }
        : {}),
    };
    const line = (
      EstadoRegistro: RespuestaLinea['EstadoRegistro'],
      c?: Code,
      extra: Partial<RespuestaLinea> = {},
    ): RespuestaLinea => ({
      ...head,
      EstadoRegistro,
      ...(c ? { CodigoErrorRegistro: c.code, DescripcionErrorRegistro: c.text } : {}),
      ...extra,
    });
    const held = this.held.get(key);
    const huellaError = computeHuella(record) === record.Huella ? undefined : SANDBOX_CODES.huella;

    if (record.kind === 'anulacion') {
      // An annulment needs the invoice registered, and only once (annex 6.2).
      if (!held) return line('Incorrecto', SANDBOX_CODES.notFound);
      if (held.annulled) return line('Incorrecto', SANDBOX_CODES.alreadyCancelled);
      held.annulled = true;
      held.idPeticion = idPeticion;
      return huellaError ? line('AceptadoConErrores', huellaError) : line('Correcto');
    }

    const correction = record.Subsanacion === 'S';
    if (record.RechazoPrevio === 'X' && !correction) {
      return line('Incorrecto', SANDBOX_CODES.rechazoPrevioX);
    }
    if (record.RechazoPrevio === 'S' && !correction) {
      return line('Incorrecto', SANDBOX_CODES.rechazoPrevioS);
    }
    const [recipient] = record.Destinatarios ?? [];
    if (
      recipient &&
      'IDOtro' in recipient &&
      recipient.IDOtro.IDType === '02' &&
      this.unidentified.has(recipient.IDOtro.ID)
    ) {
      return line('Incorrecto', SANDBOX_CODES.recipientId);
    }

    // Annex 6.1: a first alta (no Subsanacion) and an "alta por rechazo" (S with X) need the
    // invoice not registered; any other correction needs it registered, and replaces it (an
    // annulled one comes back to life).
    const mustBeNew = !correction || record.RechazoPrevio === 'X';
    if (mustBeNew && held) {
      return line('Incorrecto', SANDBOX_CODES.duplicate, {
        RegistroDuplicado: {
          IdPeticionRegistroDuplicado: held.idPeticion,
          EstadoRegistroDuplicado: held.annulled ? 'Anulada' : held.estado,
          ...(held.error
            ? {
                CodigoErrorRegistro: held.error.code,
                DescripcionErrorRegistro: held.error.text,
              }
            : {}),
        },
      });
    }
    if (!mustBeNew && !held) return line('Incorrecto', SANDBOX_CODES.notFound);

    const error =
      huellaError ??
      (recipient && 'NIF' in recipient && this.unidentified.has(recipient.NIF)
        ? SANDBOX_CODES.recipientNif
        : undefined);
    this.held.set(key, {
      annulled: false,
      estado: error ? 'AceptadaConErrores' : 'Correcta',
      idPeticion,
      ...(error ? { error } : {}),
    });
    return error ? line('AceptadoConErrores', error) : line('Correcto');
  }

  /** xmllint's complaints, or undefined when the body is valid. */
  private validate(xml: string): Promise<string | undefined> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        this.options.xmllint ?? 'xmllint',
        ['--noout', '--nonet', '--schema', this.options.schemaPath, '-'],
        { stdio: ['pipe', 'ignore', 'pipe'] },
      );
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
      });
      child.on('error', (error) =>
        reject(
          new Error(`The VERI*FACTU sandbox needs xmllint (apt-get install -y libxml2-utils)`, {
            cause: error,
          }),
        ),
      );
      child.on('close', (status) => {
        if (status === 0) resolve(undefined);
        else {
          const lines = stderr.split('\n').filter((l) => l && !l.endsWith('fails to validate'));
          resolve(lines.slice(0, 3).join('; ') || `xmllint exited with ${status}`);
        }
      });
      // xmllint may exit early on a broken schema; its exit status says what happened.
      child.stdin.on('error', () => {});
      child.stdin.end(xml);
    });
  }
}

/** 16 characters like AEAT's receipts; the S- prefix marks it as the sandbox's. */
function sandboxCsv(): string {
  let out = 'S-';
  while (out.length < 16) out += CSV_ALPHABET[randomInt(CSV_ALPHABET.length)];
  return out;
}
