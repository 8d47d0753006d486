import type { Page, PageRequest } from '../shared/page.ts';

/**
 * A change request: the customer (or the tenant's staff or system on its behalf) asks for a change
 * to an issued invoice, and the tenant's staff resolve it by performing the correction (rectify,
 * cancel, split) or declining it with a reason. Every step is an event (who, when).
 */
export const CHANGE_REQUEST_TYPES = ['cancel', 'correctData', 'split'] as const;
export type ChangeRequestType = (typeof CHANGE_REQUEST_TYPES)[number];

export const CHANGE_REQUEST_STATUSES = ['open', 'in_progress', 'done', 'declined'] as const;
export type ChangeRequestStatus = (typeof CHANGE_REQUEST_STATUSES)[number];

/** Statuses in which a request still awaits its outcome (at most one per invoice and type). */
export const PENDING_STATUSES: readonly ChangeRequestStatus[] = ['open', 'in_progress'];

/** Who did something: a staff member, an API key (a system), or a registered recipient. */
export interface Actor {
  kind: 'staff' | 'key' | 'recipient';
  id?: string;
  email?: string;
}

export const CORRECTION_TYPES = ['rectify', 'cancel', 'split'] as const;
export type CorrectionType = (typeof CORRECTION_TYPES)[number];

/**
 * The correction a "done" performs, recorded on the request before it runs so a retry resumes it
 * (same input, same derived invoice ids) instead of correcting twice.
 */
export interface RecordedCorrection {
  type: CorrectionType;
  /** The body given, as the corresponding invoice route takes it. */
  input: Record<string, unknown>;
  startedAt: string;
  /** Invoices it made: the corrective, then a split's replacements. */
  invoiceIds?: string[];
  /** A Mexican cancellation that awaits the receptor at SAT (the request stays in progress). */
  pending?: boolean;
}

export interface ChangeRequestEvent {
  at: string;
  type:
    | 'created'
    | 'in_progress'
    | 'correction_started'
    | 'correction_failed'
    | 'correction_pending'
    | 'done'
    | 'declined';
  by: Actor;
  detail?: Record<string, unknown>;
}

export interface ChangeRequest {
  /** `chr_<ulid>`: sorts by creation. */
  id: string;
  tenantId: string;
  invoiceId: string;
  /** The invoice's number when asked (what people name it by). */
  invoiceNumber: string;
  type: ChangeRequestType;
  message: string;
  status: ChangeRequestStatus;
  requestedBy: Actor;
  /** Declined: why (mailed to the customer). */
  reason?: string;
  correction?: RecordedCorrection;
  /** When the customer was mailed the outcome; a retried "done" mails only while it is absent. */
  customerNotifiedAt?: string;
  /**
   * Set by the "done" that is mailing the customer, before it sends: two "done" at once mail
   * once. A claim older than `MAIL_CLAIM_MS` (its mailer died) may be taken over.
   */
  customerMailingSince?: string;
  events: ChangeRequestEvent[];
  version: number;
  createdAt: string;
  updatedAt: string;
  resolvedAt?: string;
}

export interface ChangeRequestListQuery extends PageRequest {
  status?: ChangeRequestStatus;
  invoiceId?: string;
}

export interface ChangeRequestRepository {
  /**
   * Stores a new request with its claim on (invoice, type) while it is pending. When another
   * pending request holds that claim, nothing is written and its id is answered.
   */
  create(request: ChangeRequest): Promise<{ created: true } | { created: false; holder: string }>;
  get(tenantId: string, id: string): Promise<ChangeRequest | undefined>;
  /**
   * Stores `next` over version `next.version - 1` (else a PreconditionFailedError). Given the
   * `previous` version, a request leaving the pending statuses frees its claim in the same write.
   */
  update(next: ChangeRequest, previous?: ChangeRequest): Promise<void>;
  /** Newest first; by status, or one invoice's. */
  list(tenantId: string, query: ChangeRequestListQuery): Promise<Page<ChangeRequest>>;
}

/** What clients and webhooks see of a request, in a stable field order. */
export function changeRequestView(r: ChangeRequest) {
  return {
    id: r.id,
    invoiceId: r.invoiceId,
    invoiceNumber: r.invoiceNumber,
    type: r.type,
    message: r.message,
    status: r.status,
    requestedBy: r.requestedBy,
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.correction
      ? {
          correction: {
            type: r.correction.type,
            startedAt: r.correction.startedAt,
            invoiceIds: r.correction.invoiceIds ?? [],
            ...(r.correction.pending ? { pending: true } : {}),
          },
        }
      : {}),
    events: r.events,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    ...(r.resolvedAt ? { resolvedAt: r.resolvedAt } : {}),
  };
}
export type ChangeRequestView = ReturnType<typeof changeRequestView>;
