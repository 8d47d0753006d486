import { AppError } from '../errors.ts';

/** SAT's cancellation reasons (c_MotivoCancelacion, CFDI 4.0 scheme since 2022). */
export type CancellationReason =
  | '01' // errors, with a relation: a replacement CFDI was stamped first and is named
  | '02' // errors, without a relation
  | '03' // the operation did not take place
  | '04'; // a nominative operation related to a global invoice

export const CANCELLATION_REASONS: readonly CancellationReason[] = ['01', '02', '03', '04'];

export interface StampedCfdi {
  /** The CFDI as sent, with the TimbreFiscalDigital added inside `cfdi:Complemento`. */
  xml: string;
  /** The fiscal folio (UUID) of the stamp, upper case. */
  uuid: string;
  /** `FechaTimbrado` as the PAC wrote it (Mexico's central time, no offset). */
  stampedAt: string;
}

export interface CancellationRequest {
  issuerRfc: string;
  uuid: string;
  reason: CancellationReason;
  /** The replacement's UUID (`FolioSustitucion`): required with reason 01, refused otherwise. */
  substitute?: string;
}

export interface CancellationResult {
  /** `pending` while the receptor has to accept it (SAT's rule when no exception applies). */
  status: 'cancelled' | 'pending';
  at: string;
}

/**
 * A PAC (proveedor autorizado de certificación): stamps a sealed CFDI 4.0 and cancels stamped
 * ones. A stamp request that is answered with a stamp is final; one that fails leaves nothing:
 * the same document may be sent again (a PAC answers a document it already stamped with 307 or
 * with its first stamp, and the adapters return the stamp either way).
 */
export interface Pac {
  stamp(xml: string): Promise<StampedCfdi>;
  cancel(request: CancellationRequest): Promise<CancellationResult>;
}

/**
 * The PAC refused the document or the cancellation: `pacCode` is the code of SAT's validation
 * matrix (301 structure, 302 seal, 303 CSD of another RFC, 305 CSD not in force, …; 202, 203,
 * 205 for cancellations) or the PAC's own. Nothing was stamped: the invoice stays unstamped and
 * its folio unused, and the same document will be refused again until it is corrected.
 */
export class PacRejectedError extends AppError {
  readonly code = 'pac-rejected';
  constructor(
    readonly pacCode: string,
    message: string,
    /** The field of the request the refusal names (`xml` when it is about the document). */
    path = 'xml',
  ) {
    super(`The PAC refused it (${pacCode}): ${message}`, [
      { path, message: `${pacCode}: ${message}` },
    ]);
  }
}

/** The PAC could not be reached or failed on its side: nothing is known to be stamped; retry later. */
export class PacUnavailableError extends AppError {
  readonly code = 'pac-unavailable';
  constructor(
    message: string,
    readonly retryAfterSeconds = 30,
  ) {
    super(message);
  }
}
