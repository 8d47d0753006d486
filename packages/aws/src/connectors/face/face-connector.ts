import { X509Certificate } from 'node:crypto';
import type { Connector, ForwardRequest, ForwardResult } from '@sello/core/connectors';
import type { SignatureAlgorithm, Signer } from '@sello/core/ports';
import {
  consultarFactura,
  type EstadoFactura,
  element,
  enviarFactura,
  estado,
  FACE_NAMESPACE,
  fault,
  resultado,
  text,
} from './messages.ts';
import { signedEnvelope } from './wsse.ts';

/** What signs a tenant's FACe requests: its KMS key and the certificate FACe knows it by. */
export interface FaceIdentity {
  keyId: string;
  certificatePem: string;
  algorithm: SignatureAlgorithm;
}

export interface FaceConnectorOptions {
  /** FACe's endpoint (`FACE_ENDPOINTS`), or the local fake's. */
  endpoint: string;
  signer: Signer;
  /** The tenant's signing identity (the one its Facturae is signed with). */
  identityOf(tenantId: string): Promise<FaceIdentity>;
  /** Where FACe mails its notices when the issuer has no e-mail on the invoice. */
  notificationEmail?: string;
  /** FACe answers within seconds; the forwarding function must finish well inside its timeout. */
  timeoutMs?: number;
  now?: () => Date;
}

/** FACe's state of a registered invoice (`consultarFactura`). */
export interface FaceInvoiceStatus {
  registryNumber: string;
  processing: EstadoFactura;
  cancellation?: EstadoFactura;
}

/** A request FACe did not answer usefully: not reached, an HTTP error without SOAP, garbage. */
export class FaceUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FaceUnavailableError';
  }
}

/**
 * FACe, Spain's hub for invoices to public administrations, as a `Connector`. It posts the signed
 * Facturae with `enviarFactura`, signed with WS-Security by the tenant's own certificate (no
 * per-user credentials: FACe knows the provider by its certificate), and reads the registry
 * number it answers. FACe's refusals (a `resultado` other than 0, or a SOAP Fault such as a
 * signature it will not take) are `rejected` with its code; a FACe that cannot be reached or
 * answers nothing readable throws, and the invoice may be forwarded again.
 */
export class FaceConnector implements Connector {
  readonly id = 'face' as const;
  readonly perUserCredentials = false;

  constructor(private readonly options: FaceConnectorOptions) {}

  async forward(request: ForwardRequest): Promise<ForwardResult> {
    const { invoice, document } = request;
    const correo = invoice.issuer.email?.trim() || this.options.notificationEmail;
    if (!correo) {
      return {
        status: 'rejected',
        error: {
          code: 'correo',
          message: 'FACe needs an e-mail for its notices: give the tenant an e-mail',
        },
      };
    }
    const operation = enviarFactura({
      correo,
      // FACe takes the invoice only as application/xml, whatever the file's extension.
      factura: {
        base64: Buffer.from(document.body).toString('base64'),
        name: document.fileName,
        mime: 'application/xml',
      },
      anexos: (request.attachments ?? []).map((a) => ({
        base64: Buffer.from(a.body).toString('base64'),
        name: a.fileName,
        mime: a.mediaType,
      })),
    });
    const answer = await this.call(invoice.tenantId, 'enviarFactura', operation);
    if ('fault' in answer) {
      return {
        status: 'rejected',
        error: { code: answer.fault.faultcode, message: answer.fault.faultstring },
      };
    }
    const { result, xml } = answer;
    if (result.codigo !== '0') {
      return { status: 'rejected', error: { code: result.codigo, message: result.descripcion } };
    }
    const registryNumber = text(element(xml, 'factura'), 'numeroRegistro');
    if (!registryNumber) {
      throw new FaceUnavailableError('FACe answered 0 (Correcto) without a numeroRegistro');
    }
    return { status: 'delivered', registryNumber };
  }

  /**
   * FACe's current state of an invoice it registered: `tramitacion` (1200 Registrada … 2500
   * Pagada, 2600 Rechazada, 3100 Anulada) and `anulacion`. Throws FaceRefusedError for a refusal.
   */
  async status(tenantId: string, registryNumber: string): Promise<FaceInvoiceStatus> {
    const answer = await this.call(tenantId, 'consultarFactura', consultarFactura(registryNumber));
    if ('fault' in answer) {
      throw new FaceRefusedError(answer.fault.faultcode, answer.fault.faultstring);
    }
    if (answer.result.codigo !== '0') {
      throw new FaceRefusedError(answer.result.codigo, answer.result.descripcion);
    }
    const factura = element(answer.xml, 'factura');
    const processing = estado(factura, 'tramitacion');
    if (!processing) throw new FaceUnavailableError('FACe answered no tramitacion');
    const cancellation = estado(factura, 'anulacion');
    return {
      registryNumber: text(factura, 'numeroRegistro') || registryNumber,
      processing,
      ...(cancellation ? { cancellation } : {}),
    };
  }

  private async call(
    tenantId: string,
    operation: string,
    body: string,
  ): Promise<
    | { result: NonNullable<ReturnType<typeof resultado>>; xml: string }
    | { fault: NonNullable<ReturnType<typeof fault>> }
  > {
    const identity = await this.options.identityOf(tenantId);
    const { xml: envelope } = await signedEnvelope(body, {
      signer: this.options.signer,
      keyId: identity.keyId,
      algorithm: identity.algorithm,
      certificateDer: new X509Certificate(identity.certificatePem).raw,
      now: (this.options.now ?? (() => new Date()))(),
    });
    let response: Response;
    try {
      response = await fetch(this.options.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'text/xml; charset=utf-8',
          soapaction: `"${FACE_NAMESPACE}#${operation}"`,
        },
        body: envelope,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 25_000),
      });
    } catch (error) {
      throw new FaceUnavailableError(`FACe could not be reached: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const xml = await response.text().catch(() => '');
    const soapFault = fault(xml);
    if (soapFault) return { fault: soapFault };
    const result = response.ok ? resultado(xml) : undefined;
    if (!result) {
      throw new FaceUnavailableError(
        `Unexpected answer from FACe (HTTP ${response.status}): ${xml.slice(0, 200).replace(/\s+/g, ' ')}`,
      );
    }
    return { result, xml };
  }
}

/** FACe refused a query (its code and text). */
export class FaceRefusedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`FACe ${code}: ${message}`);
    this.name = 'FaceRefusedError';
  }
}
