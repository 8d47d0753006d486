import type { Page, PageRequest } from '../shared/page.ts';
import type { BillingRecord, ChainLink, RegistroAlta } from './record.ts';

/** The tenant's chain head: the last record generated and its position. */
export interface ChainHead {
  seq: number;
  link: ChainLink;
}

export type SubmissionState = 'pending' | 'accepted' | 'acceptedWithErrors' | 'rejected';

/** How AEAT holds an invoice it already had (RegistroDuplicado/EstadoRegistroDuplicado). */
export type EstadoRegistroDuplicado = 'Correcta' | 'AceptadaConErrores' | 'Anulada';

/** A record's submission to AEAT, as its answer left it. */
export interface RecordSubmission {
  state: SubmissionState;
  csv?: string;
  errors?: Array<{ code: string; description: string }>;
  at?: string;
  /**
   * Set when the record was settled from AEAT's duplicate answer: an earlier request carried it,
   * its answer was lost (a crash, a timeout), and AEAT said on the resend that it already holds
   * it. The CSV of that earlier request is lost with its answer; AEAT names the request instead.
   */
  alreadyRegistered?: { idPeticion?: string; estado: EstadoRegistroDuplicado };
  /**
   * Set on a record Sello could not put in a request (its XML cannot be written, e.g. text
   * holding a character XML 1.0 forbids, stored before the API refused such text): it is
   * `rejected` without AEAT ever seeing it, `errors` say why, and the remedy route corrects it.
   */
  notSent?: true;
}

/** A record as kept: its position in the chain, the invoice it belongs to, its submission. */
export interface StoredRecord {
  tenantId: string;
  seq: number;
  invoiceId: string;
  record: BillingRecord;
  generatedAt: string;
  submission: RecordSubmission;
  /** The seq of the record that corrects this one (subsanación), once there is one. */
  remediedBy?: number;
  /** The seq of the record this one corrects. */
  remedyOf?: number;
}

export interface VerifactuRepository {
  head(tenantId: string): Promise<ChainHead | undefined>;
  /** Records in generation order. */
  list(tenantId: string, page: PageRequest): Promise<Page<StoredRecord>>;
  ofInvoice(tenantId: string, invoiceId: string): Promise<StoredRecord[]>;
}

/** What a correction is written against: the record it corrects and the invoice as read. */
export interface RemedyTarget {
  tenantId: string;
  invoiceId: string;
  /** The invoice's version when read: anything that changes the invoice meanwhile (a void, a
   *  corrective) makes the write fail rather than chain a correction after it. */
  invoiceVersion: number;
  /** The record corrected: it must still be answered rejected or accepted with errors, and not
   *  corrected yet, when the correction is written. */
  remediedSeq: number;
}

export interface RemedyRepository {
  /**
   * Appends the correction `build` makes from the head it is given, in one transaction with the
   * head condition of every append (no forks, no gaps) and the target's conditions. Retries when
   * another record took the head first; ConflictError when the target no longer qualifies.
   */
  appendRemedy(
    target: RemedyTarget,
    build: (head: ChainHead | undefined) => RegistroAlta,
  ): Promise<StoredRecord>;
}
