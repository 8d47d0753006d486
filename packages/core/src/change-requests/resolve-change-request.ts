import {
  type AppError,
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
  ValidationError,
} from '../errors.ts';
import type { FormatCatalog } from '../formats/catalog.ts';
import type { FailureLog } from '../invoices/after-issue.ts';
import {
  type CancelBody,
  type CfdiCancellation,
  cfdiCancellationOf,
  correctiveCancellationOf,
} from '../invoices/cancel-cfdi.ts';
import type { CorrectionRequest, SplitPart } from '../invoices/corrections.ts';
import type { InvoiceDocuments } from '../invoices/documents.ts';
import type { InvoiceRepository } from '../invoices/invoice-repository.ts';
import type { Invoice } from '../invoices/model.ts';
import { issuesCfdi } from '../invoices/stamp-invoice.ts';
import type { Clock } from '../ports/clock.ts';
import type { EventPublisher } from '../ports/events.ts';
import type { IdGenerator } from '../ports/ids.ts';
import type { Mailer } from '../ports/mailer.ts';
import { correctionIds, correctionInvoiceId, correctionSeed } from './ids.ts';
import { declinedMail, doneMail } from './mail-texts.ts';
import {
  type Actor,
  type ChangeRequest,
  type ChangeRequestRepository,
  type CorrectionType,
  changeRequestView,
} from './model.ts';
import {
  abandonCorrection,
  correctionPending,
  decline,
  doneWithoutCorrection,
  finishCorrection,
  startCorrection,
  take,
} from './state.ts';

/** What a correction performs: the same body the invoice's own route takes, and its `type`. */
export type Correction =
  | ({ type: 'rectify' } & CorrectionRequest)
  | ({ type: 'cancel' } & CancelBody)
  | { type: 'split'; parts: SplitPart[] };

export type Resolution =
  | { outcome: 'in_progress' }
  | { outcome: 'declined'; reason: string }
  | { outcome: 'done'; correction?: Correction; note?: string };

/**
 * The invoices' own use cases (as their routes run them: a Mexican invoice stamped in the
 * request), built over the id generator given, so a correction's new invoices get the ids derived
 * from the request.
 */
export interface Corrections {
  rectify(
    tenantId: string,
    id: string,
    request: CorrectionRequest,
  ): Promise<{ original: Invoice; corrective: Invoice }>;
  cancel(
    tenantId: string,
    id: string,
    reasonDescription?: string,
  ): Promise<{ original: Invoice; corrective: Invoice }>;
  cancelCfdi(tenantId: string, id: string, request: CfdiCancellation): Promise<Invoice>;
  split(
    tenantId: string,
    id: string,
    parts: SplitPart[],
  ): Promise<{ original: Invoice; corrective: Invoice; replacements: Invoice[] }>;
  /** Issues a draft (a split's replacement left as a draft by an interrupted attempt). */
  issue(tenantId: string, id: string): Promise<Invoice>;
  /** Deletes a draft (a split's part saved by an attempt that issued nothing). */
  deleteDraft(tenantId: string, id: string): Promise<void>;
}

export interface ResolveChangeRequestDeps {
  requests: Pick<ChangeRequestRepository, 'get' | 'update'>;
  invoices: Pick<InvoiceRepository, 'get'>;
  corrections: (ids: IdGenerator) => Corrections;
  /** Hands just-numbered invoices to the post-issue step (documents, notifications, webhooks). */
  afterIssue: (invoices: readonly Invoice[]) => Promise<void>;
  documents: InvoiceDocuments;
  formats: FormatCatalog;
  mailer: Mailer;
  events: EventPublisher;
  log: FailureLog;
  clock: Clock;
  ids: IdGenerator;
}

export interface ResolveResult {
  request: ChangeRequest;
  /** The invoices the correction made (corrective first, then a split's replacements). */
  invoices: Invoice[];
}

const ATTEMPTS = 4;

/**
 * Moves a request on: taken (`in_progress`), declined with a reason (mailed to the customer), or
 * done. "Done" performs the correction through the invoices' own use cases and links the invoices
 * it made to the request; the customer is mailed the outcome with their PDF and XML, and
 * `change_request.resolved` is published.
 *
 * A "done" is resumable: the correction and its body are recorded on the request before it runs,
 * and the invoices it makes take ids derived from the request, so a retry (after a crash, a lost
 * answer, or concurrently) finds what an earlier attempt issued instead of correcting twice, and
 * finishes what is left (a split's drafts, the request's status, the customer's mail). A
 * `correctData` request may be done without a correction (its data fixed where no new invoice is
 * needed); a cancel or split only by performing one.
 */
export const resolveChangeRequest =
  (deps: ResolveChangeRequestDeps) =>
  async (
    tenantId: string,
    id: string,
    resolution: Resolution,
    by: Actor,
  ): Promise<ResolveResult> => {
    const read = () => getRequest(deps, tenantId, id);
    const at = () => deps.clock.now().toISOString();
    switch (resolution.outcome) {
      case 'in_progress': {
        const r = await read();
        const next = take(r, by, at());
        if (next) await deps.requests.update(next, r);
        return { request: next ?? r, invoices: [] };
      }
      case 'declined': {
        const r = await read();
        const next = decline(r, by, at(), resolution.reason);
        await deps.requests.update(next, r);
        const original = await deps.invoices.get(tenantId, next.invoiceId);
        if (original) await tellCustomer(deps, next, original, declinedMail(original, next), []);
        await publishResolved(deps, next);
        return { request: next, invoices: [] };
      }
      case 'done': {
        if (!resolution.correction) {
          const r = await read();
          const next = doneWithoutCorrection(r, by, at(), resolution.note);
          if (next !== r) await deps.requests.update(next, r);
          return finish(deps, next, []);
        }
        return done(deps, tenantId, id, resolution.correction, by);
      }
    }
  };

async function getRequest(
  deps: Pick<ResolveChangeRequestDeps, 'requests'>,
  tenantId: string,
  id: string,
): Promise<ChangeRequest> {
  const request = await deps.requests.get(tenantId, id);
  if (!request) throw new NotFoundError('Change request', id);
  return request;
}

/** Writes `change(current)` over the version read; a lost race reads again and retries. */
async function saveStep(
  deps: Pick<ResolveChangeRequestDeps, 'requests'>,
  tenantId: string,
  id: string,
  change: (current: ChangeRequest) => ChangeRequest | undefined,
): Promise<ChangeRequest> {
  for (let attempt = 1; ; attempt++) {
    const current = await getRequest(deps, tenantId, id);
    const next = change(current);
    if (!next || next === current) return current;
    try {
      await deps.requests.update(next, current);
      return next;
    } catch (error) {
      if (!(error instanceof PreconditionFailedError) || attempt >= ATTEMPTS) throw error;
    }
  }
}

async function done(
  deps: ResolveChangeRequestDeps,
  tenantId: string,
  id: string,
  correction: Correction,
  by: Actor,
): Promise<ResolveResult> {
  const { type, ...input } = correction;
  const started = await saveStep(deps, tenantId, id, (r) =>
    startCorrection(r, by, deps.clock.now().toISOString(), type, input),
  );
  if (started.status === 'done') {
    const invoices = await loadAll(deps, tenantId, started.correction?.invoiceIds ?? []);
    return finish(deps, started, invoices);
  }
  const seed = correctionSeed(id, type, input);
  let outcome: Awaited<ReturnType<typeof perform>>;
  try {
    outcome = await perform(deps, started, type, input, seed);
  } catch (error) {
    if (await madeNothing(deps, started, type, input, seed)) {
      const why = error instanceof Error ? error.message : String(error);
      await saveStep(deps, tenantId, id, (r) =>
        abandonCorrection(r, by, deps.clock.now().toISOString(), why),
      ).catch((failure: unknown) =>
        deps.log.error('change request: failed correction not taken off', { error: failure, id }),
      );
    }
    throw inCorrection(error);
  }
  if (outcome.pending) {
    const pending = await saveStep(deps, tenantId, id, (r) =>
      correctionPending(r, by, deps.clock.now().toISOString()),
    );
    return { request: pending, invoices: [] };
  }
  const invoiceIds = outcome.invoices.map((i) => i.id);
  const finished = await saveStep(deps, tenantId, id, (r) =>
    finishCorrection(r, by, deps.clock.now().toISOString(), invoiceIds),
  );
  await deps.afterIssue(outcome.invoices);
  return finish(deps, finished, outcome.invoices);
}

/**
 * The invoice use cases name fields of their own body (`parts`, `lines.0.productId`, `reason`),
 * which the resolution carries under `correction`.
 */
function inCorrection(error: unknown): unknown {
  for (const Kind of [ValidationError, ConflictError, UnprocessableError]) {
    if (error instanceof Kind && error.errors.length) {
      const errors = (error as AppError).errors.map((e) => ({
        ...e,
        path: `correction.${e.path}`,
      }));
      return new Kind(error.message, errors);
    }
  }
  return error;
}

async function loadAll(
  deps: Pick<ResolveChangeRequestDeps, 'invoices'>,
  tenantId: string,
  ids: readonly string[],
): Promise<Invoice[]> {
  const found = await Promise.all(ids.map((i) => deps.invoices.get(tenantId, i)));
  return found.filter((i): i is Invoice => !!i);
}

/**
 * Runs the recorded correction, or finds what an earlier attempt of it made. Whether an attempt
 * got through is told by the corrective's derived id: the numbering transaction creates the
 * corrective and marks the original in one write, so the corrective existing means the original
 * was corrected.
 */
async function perform(
  deps: ResolveChangeRequestDeps,
  request: ChangeRequest,
  type: CorrectionType,
  input: Record<string, unknown>,
  seed: string,
): Promise<{ invoices: Invoice[]; pending?: boolean }> {
  const { tenantId, invoiceId } = request;
  const original = await deps.invoices.get(tenantId, invoiceId);
  if (!original) throw new NotFoundError('Invoice', invoiceId);
  const act = deps.corrections(correctionIds(seed, deps.ids));
  const get = (i: string) => deps.invoices.get(tenantId, i);
  /** Runs `attempt` unless the corrective exists; a lost race that made it counts as made. */
  const once = async <T>(correctiveId: string, attempt: () => Promise<T>) => {
    const before = await get(correctiveId);
    if (before) return before;
    try {
      await attempt();
    } catch (error) {
      if (!(await get(correctiveId))) throw error;
    }
    return (await get(correctiveId))!;
  };

  if (type === 'cancel' && issuesCfdi(original)) {
    if (original.status === 'cancelled') return { invoices: [] };
    const cancelled = await act.cancelCfdi(tenantId, invoiceId, cfdiCancellationOf(input));
    return cancelled.status === 'cancelled' ? { invoices: [] } : { invoices: [], pending: true };
  }
  if (type === 'rectify' || type === 'cancel') {
    const correctiveId = correctionInvoiceId(seed, 0);
    const corrective = await once(correctiveId, () =>
      type === 'rectify'
        ? act.rectify(tenantId, invoiceId, input as unknown as CorrectionRequest)
        : act.cancel(tenantId, invoiceId, correctiveCancellationOf(input).reasonDescription),
    );
    return { invoices: [corrective] };
  }
  const parts = (input as { parts: SplitPart[] }).parts;
  const partIds = parts.map((_, i) => correctionInvoiceId(seed, i));
  const correctiveId = correctionInvoiceId(seed, parts.length);
  if (!(await get(correctiveId))) {
    // An attempt that saved the parts but issued nothing: start again from nothing.
    for (const partId of partIds) {
      const part = await get(partId);
      if (part?.status === 'draft') await act.deleteDraft(tenantId, partId);
    }
  }
  const corrective = await once(correctiveId, () => act.split(tenantId, invoiceId, parts));
  const replacements: Invoice[] = [];
  for (const partId of partIds) {
    const part = await get(partId);
    if (!part) throw new NotFoundError('Invoice', partId);
    replacements.push(part.status === 'draft' ? await act.issue(tenantId, partId) : part);
  }
  return { invoices: [corrective, ...replacements] };
}

/**
 * Whether a failed correction left nothing behind (no corrective issued; for a CFDI, no
 * cancellation at SAT), so it can be taken off the request. A split's parts saved as drafts are
 * deleted: they were never issued.
 */
async function madeNothing(
  deps: ResolveChangeRequestDeps,
  request: ChangeRequest,
  type: CorrectionType,
  input: Record<string, unknown>,
  seed: string,
): Promise<boolean> {
  const { tenantId, invoiceId } = request;
  try {
    const original = await deps.invoices.get(tenantId, invoiceId);
    if (!original) return true;
    if (type === 'cancel' && issuesCfdi(original)) {
      return original.status !== 'cancelled' && !original.cfdi?.cancellation;
    }
    const parts = type === 'split' ? ((input as { parts?: unknown[] }).parts ?? []) : [];
    if (await deps.invoices.get(tenantId, correctionInvoiceId(seed, parts.length))) return false;
    const act = deps.corrections(correctionIds(seed, deps.ids));
    for (const [i] of parts.entries()) {
      const partId = correctionInvoiceId(seed, i);
      const part = await deps.invoices.get(tenantId, partId);
      if (part?.status === 'draft') await act.deleteDraft(tenantId, partId);
    }
    return true;
  } catch {
    // Unsure: keep it recorded; the same body retried resumes it.
    return false;
  }
}

/** A mail claim older than this is taken to belong to a "done" that died while mailing. */
export const MAIL_CLAIM_MS = 2 * 60_000;

/** After "done": the customer's mail (once, even for two "done" at once) and the webhook. */
async function finish(
  deps: ResolveChangeRequestDeps,
  request: ChangeRequest,
  invoices: Invoice[],
): Promise<ResolveResult> {
  let current = request;
  const claimed = request.customerNotifiedAt ? undefined : await claimMail(deps, request);
  if (claimed) {
    current = claimed;
    const original = await deps.invoices.get(request.tenantId, request.invoiceId);
    const sent = original
      ? await tellCustomer(
          deps,
          request,
          original,
          doneMail(
            original,
            request,
            invoices.map((i) => i.number ?? i.id),
          ),
          invoices,
        )
      : undefined;
    // Sent: recorded, so no retry mails again. Not sent: the claim is let go for a retry.
    current = await saveStep(deps, request.tenantId, request.id, (r) => {
      if (r.customerNotifiedAt || r.customerMailingSince !== claimed.customerMailingSince) return;
      const { customerMailingSince: _, ...rest } = r;
      return sent
        ? { ...rest, customerNotifiedAt: sent, version: r.version + 1, updatedAt: sent }
        : { ...rest, version: r.version + 1 };
    }).catch((error: unknown) => {
      deps.log.error('change request: customer mail not recorded', { error, id: request.id });
      return current;
    });
  }
  await publishResolved(deps, current);
  return { request: current, invoices };
}

/**
 * Claims the customer's mail for this "done": the request as written with the claim, or
 * undefined when it was mailed already or another "done" is mailing it right now.
 */
async function claimMail(
  deps: ResolveChangeRequestDeps,
  request: ChangeRequest,
): Promise<ChangeRequest | undefined> {
  const now = deps.clock.now();
  let mine: ChangeRequest | undefined;
  const written = await saveStep(deps, request.tenantId, request.id, (r) => {
    const since = r.customerMailingSince ? Date.parse(r.customerMailingSince) : undefined;
    if (r.customerNotifiedAt || (since && now.getTime() - since < MAIL_CLAIM_MS)) return;
    mine = { ...r, customerMailingSince: now.toISOString(), version: r.version + 1 };
    return mine;
  });
  return written === mine ? mine : undefined;
}

/**
 * Mails the invoice's customer (and the recipient who asked, if another address) with the new
 * invoices' mailed documents. Answers when it was sent; a failure is logged, not thrown: the
 * outcome stands, and a "done" retried with the same body mails again.
 */
async function tellCustomer(
  deps: ResolveChangeRequestDeps,
  request: ChangeRequest,
  original: Invoice,
  mail: { subject: string; text: string },
  invoices: Invoice[],
): Promise<string | undefined> {
  const to = [
    ...new Set(
      [
        original.customer.email,
        request.requestedBy.kind === 'recipient' ? request.requestedBy.email : undefined,
      ].filter((a): a is string => !!a),
    ),
  ];
  if (!to.length) return undefined;
  try {
    const attachments = [];
    for (const invoice of invoices) {
      const formats = deps.formats.storedFor(invoice).filter((f) => deps.formats.facts(f).mailed);
      const made = await deps.documents.ensure(invoice, formats);
      for (const format of formats) {
        attachments.push({
          filename: deps.formats.fileName(invoice, format),
          contentType: deps.formats.facts(format).mediaType,
          content: made[format]!,
        });
      }
    }
    await deps.mailer.send({
      to,
      ...mail,
      ...(original.issuer.email ? { replyTo: original.issuer.email } : {}),
      ...(attachments.length ? { attachments } : {}),
    });
    return deps.clock.now().toISOString();
  } catch (error) {
    deps.log.error('change request: customer not mailed', { error, id: request.id });
    return undefined;
  }
}

async function publishResolved(deps: ResolveChangeRequestDeps, request: ChangeRequest) {
  await deps.events
    .publish([
      {
        id: `change_request.resolved:${request.id}`,
        type: 'change_request.resolved',
        tenantId: request.tenantId,
        occurredAt: request.resolvedAt ?? request.updatedAt,
        data: { changeRequest: changeRequestView(request) },
      },
    ])
    .catch((error: unknown) =>
      deps.log.error('change_request.resolved not published', { error, id: request.id }),
    );
}
