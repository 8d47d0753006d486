import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import {
  type BillingRecord,
  computeHuella,
  type EstadoEnvio,
  INITIAL_WAIT_SECONDS,
  linkOf,
  SubmissionFault,
  type SubmitLine,
  type SubmitRequest,
  type SubmitResponse,
  type Submitter,
} from '@sello/core';
import { regFactuSistemaFacturacionXml, soapEnvelope } from '@sello/formats/verifactu';

/**
 * AEAT's codes the sandbox answers with, worded as in AEAT's list of web-service errors
 * (`errores.properties`, published next to the schemas under `…/tikeV1.0/cont/ws/`): 2xxx leave
 * the record registered "con errores" (to be corrected later), 3xxx reject the record.
 */
export const SANDBOX_CODES = {
  huella: { code: '2000', text: 'El cálculo de la huella suministrada es incorrecta.' },
  duplicate: { code: '3000', text: 'Registro de facturación duplicado.' },
  alreadyCancelled: { code: '3001', text: 'El registro de facturación ya ha sido dado de baja.' },
} as const;

export interface SandboxOptions {
  /** AEAT's SuministroLR.xsd, next to SuministroInformacion.xsd and the XML-Signature schema. */
  schemaPath: string;
  /** What the sandbox answers as TiempoEsperaEnvio; AEAT starts at 60 s. */
  tiempoEsperaEnvio?: number;
  xmllint?: string;
}

const CSV_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * A local stand-in for AEAT's VerifactuSOAP service, for the local platform and the tests. It
 * builds the request exactly as it would go to AEAT and checks it against the official schema (a
 * failure is the SOAP Fault AEAT would send), then answers each record as AEAT does for the cases
 * it can tell: the huella recomputed from the record's own fields, and the invoice already
 * registered. The registered invoices are kept in memory, per container: a restart forgets them.
 * Needs `xmllint` (Debian libxml2-utils), so it is not for Lambda.
 */
export class SandboxSubmitter implements Submitter {
  private readonly registered = new Set<string>();
  private readonly cancelled = new Set<string>();
  /** The last SOAP message "sent", as AEAT would have received it. */
  lastEnvelope?: string;

  constructor(private readonly options: SandboxOptions) {}

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

    const lines = request.records.map((record, index) => this.answer(record, index));
    const states = new Set(lines.map((l) => l.estadoRegistro));
    const estadoEnvio: EstadoEnvio =
      states.size === 1 && states.has('Correcto')
        ? 'Correcto'
        : states.size === 1 && states.has('Incorrecto')
          ? 'Incorrecto'
          : 'ParcialmenteCorrecto';
    return {
      estadoEnvio,
      // AEAT gives a CSV only when the request is not refused as a whole.
      ...(estadoEnvio === 'Incorrecto' ? {} : { csv: sandboxCsv() }),
      tiempoEsperaEnvio: this.options.tiempoEsperaEnvio ?? INITIAL_WAIT_SECONDS,
      lines,
    };
  }

  private answer(record: BillingRecord, index: number): SubmitLine {
    const id = linkOf(record);
    const key = `${id.IDEmisorFactura}|${id.NumSerieFactura}|${id.FechaExpedicionFactura}`;
    const reject = (c: { code: string; text: string }): SubmitLine => ({
      index,
      estadoRegistro: 'Incorrecto',
      codigoError: c.code,
      descripcionError: c.text,
    });
    // AEAT identifies an invoice by issuer, number and date; an annulled one stays registered,
    // so its number can never be registered again.
    if (record.kind === 'alta') {
      if (this.registered.has(key)) return reject(SANDBOX_CODES.duplicate);
      this.registered.add(key);
    } else {
      if (this.cancelled.has(key)) return reject(SANDBOX_CODES.alreadyCancelled);
      this.cancelled.add(key);
    }
    if (computeHuella(record) !== record.Huella) {
      return {
        index,
        estadoRegistro: 'AceptadoConErrores',
        codigoError: SANDBOX_CODES.huella.code,
        descripcionError: SANDBOX_CODES.huella.text,
      };
    }
    return { index, estadoRegistro: 'Correcto' };
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
