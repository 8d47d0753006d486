import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/ids.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import { withoutXmlForbidden } from '../shared/xml-text.ts';
import type { TenantRepository } from '../tenants/tenant.ts';
import { type BillingRecord, linkOf } from './record.ts';
import type {
  ChainHead,
  EstadoRegistroDuplicado,
  RecordSubmission,
  StoredRecord,
  SubmissionState,
} from './store.ts';

/**
 * Remission of billing records to AEAT (VERI*FACTU, Orden HAC/1177/2024 art. 16; AEAT web-service
 * description §6.4.4.1): at most 1,000 records per request, and after each request wait the
 * TiempoEsperaEnvio AEAT answers (60 s at first) unless 1,000 records have piled up meanwhile.
 *
 * Records AEAT answers Incorrecto are marked rejected and never sent again as they are: a fix is a
 * new record, the subsanación (see remedy.ts), sent once like any other.
 *
 * A request whose answer is lost (the run dies after sending, the connection breaks while AEAT
 * answers) may have been registered all the same. The sender notes the records of every request
 * before sending it (`SenderState.unanswered`), so when they go again and AEAT answers that it
 * holds them already (3000 with RegistroDuplicado, 3001 for an annulment), they are settled as
 * the accepted records they are instead of being marked rejected.
 */

export const MAX_RECORDS_PER_SUBMISSION = 1000;
/** AEAT's TiempoEsperaEnvio before it has answered anything. */
export const INITIAL_WAIT_SECONDS = 60;
/** After a fault (transport, SOAP Fault) the records stay pending and we retry this much later. */
export const FAULT_BACKOFF_SECONDS = 60;
/** Longer than the sending function's timeout (300 s), so a live run never loses its claim. */
export const SENDER_LEASE_SECONDS = 330;
/** Full batches one run may send for a tenant back to back (the 1,000-record rule allows it). */
const MAX_BATCHES_PER_RUN = 5;
/**
 * Wall-clock time after which a run starts nothing new (another full batch, another tenant), so
 * it ends well inside the function's 300 s even when AEAT answers slowly; the next run goes on.
 */
const RUN_BUDGET_MS = 150_000;

export type EstadoEnvio = 'Correcto' | 'ParcialmenteCorrecto' | 'Incorrecto';
export type EstadoRegistro = 'Correcto' | 'AceptadoConErrores' | 'Incorrecto';

/** The taxpayer whose records a request carries (Cabecera/ObligadoEmision). */
export interface Obligado {
  NombreRazon: string;
  NIF: string;
}

export interface SubmitRequest {
  /** Whose records these are: the submitter presents that tenant's certificate to AEAT. */
  tenantId: string;
  obligado: Obligado;
  /** In chain order, all of the obligado's, 1 to 1,000. */
  records: BillingRecord[];
}

/** AEAT's answer for one record (RespuestaLinea); `index` is the record's place in the request. */
export interface SubmitLine {
  index: number;
  estadoRegistro: EstadoRegistro;
  codigoError?: string;
  descripcionError?: string;
  /** With error 3000: what AEAT holds for the invoice already (RegistroDuplicado). */
  duplicate?: {
    idPeticion?: string;
    estado: EstadoRegistroDuplicado;
    codigoError?: string;
    descripcionError?: string;
  };
}

export interface SubmitResponse {
  estadoEnvio: EstadoEnvio;
  /** Receipt of the request; AEAT gives it once and it cannot be fetched later. */
  csv?: string;
  tiempoEsperaEnvio: number;
  /** A record with no line was not answered and stays pending. */
  lines: SubmitLine[];
}

/** Sends one request to AEAT (or to a sandbox that answers like it). */
export interface Submitter {
  submit(request: SubmitRequest): Promise<SubmitResponse>;
}

/**
 * The request got no usable answer: a SOAP Fault (malformed XML, a bad header or certificate), a
 * network or TLS failure, a timeout, an HTTP error. Nothing was registered, so the records stay
 * pending and are sent again later.
 */
export class SubmissionFault extends Error {
  /**
   * Whether AEAT may have registered the request all the same: not when it answered with a
   * Fault (it refused the whole message) or when nothing was sent (no certificate); otherwise
   * (a timeout, a broken connection) it may, and a resend may meet its records as duplicates.
   */
  readonly mayBeRegistered: boolean;

  constructor(
    message: string,
    /** The SOAP faultcode when AEAT sent a Fault, e.g. `env:Client`. */
    readonly faultCode?: string,
    options?: ErrorOptions & { notSent?: boolean },
  ) {
    super(message, options);
    this.name = 'SubmissionFault';
    this.mayBeRegistered = faultCode === undefined && options?.notSent !== true;
  }
}

/**
 * A record the submitter cannot put in a request (its XML cannot be written), found before
 * anything is sent: `index` is its place in the request. The sender holds that record back,
 * rejected with the reason and never sent, and sends the others: one bad record must not keep
 * the tenant's chain from AEAT. It is corrected like a record AEAT rejected (see remedy.ts).
 */
export class UnsendableRecord extends Error {
  constructor(
    readonly index: number,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'UnsendableRecord';
  }
}

/** The error code of a record held back as unsendable; AEAT's own codes are numeric. */
export const UNSENDABLE = 'SELLO-UNSENDABLE';

/** One record's outcome in a batch; `pending` when the answer had no line for it. */
export interface BatchResult {
  seq: number;
  state: SubmissionState;
  errors?: Array<{ code: string; description: string }>;
  /** Settled from AEAT's duplicate answer to a resend (see RecordSubmission). */
  alreadyRegistered?: RecordSubmission['alreadyRegistered'];
}

/** Records by chain position, both ends included. */
export interface SeqRange {
  fromSeq: number;
  toSeq: number;
}

/** A request sent and its answer, kept as the first write after the answer arrives. */
export interface SubmissionBatch {
  id: string;
  tenantId: string;
  sentAt: string;
  obligadoNif: string;
  estadoEnvio: EstadoEnvio;
  csv?: string;
  tiempoEsperaEnvio: number;
  /** In request order. */
  results: BatchResult[];
  /** The sender's state this batch leads to, so a run that dies before saving it can be redone. */
  lastSubmittedSeq: number;
  nextAllowedAt: string;
}

/** The per-tenant state of the sender. */
export interface SenderState {
  /** Every record up to this seq has its answer (or was rejected): pending ones come after. */
  lastSubmittedSeq: number;
  /** Before this instant only a full batch (1,000 records) may go. */
  nextAllowedAt: string;
  /** Since when records have been waiting for the next allowed send. */
  pendingSince?: string;
  /** The last batch whose results are applied to the records. */
  lastBatchId?: string;
  lastFault?: { at: string; message: string };
  /**
   * Records sent in a request whose answer was never stored: AEAT may hold them. Noted before
   * every send, narrowed as answers are stored.
   */
  unanswered?: SeqRange;
}

export const INITIAL_SENDER_STATE: SenderState = {
  lastSubmittedSeq: 0,
  nextAllowedAt: new Date(0).toISOString(),
};

export interface SenderLease {
  token: string;
  /** Wall-clock instants: a lease is about the runs themselves, not the scheduled time. */
  now: string;
  until: string;
}

export interface SubmissionRepository {
  head(tenantId: string): Promise<ChainHead | undefined>;
  /** Tenants whose chain may hold pending records: marked on every append, unmarked by settle. */
  tenantsWithPending(cursor?: string): Promise<Page<string>>;
  /**
   * Takes the tenant's sender for one run, so two runs never send the same records twice (AEAT
   * would answer the second as duplicates). Undefined while another run holds an unexpired lease.
   */
  claim(tenantId: string, lease: SenderLease): Promise<SenderState | undefined>;
  /** Saves the state while the lease is still ours (false otherwise); `release` gives it up. */
  saveState(
    tenantId: string,
    token: string,
    state: SenderState,
    release: boolean,
  ): Promise<boolean>;
  /** Records still pending after `afterSeq`, in chain order, at most `limit`. */
  pending(tenantId: string, afterSeq: number, limit: number): Promise<StoredRecord[]>;
  /**
   * Gives a record that could not be sent (see UnsendableRecord) its submission, if it is still
   * pending; safe to repeat.
   */
  refuse(tenantId: string, seq: number, submission: RecordSubmission): Promise<void>;
  /** Stores the batch with its CSV and every record's answer in one write. */
  saveBatch(batch: SubmissionBatch): Promise<void>;
  /** Copies the batch's answers onto the records' `submission`; safe to repeat. */
  applyBatch(batch: SubmissionBatch): Promise<void>;
  latestBatch(tenantId: string): Promise<SubmissionBatch | undefined>;
  /** Newest first. */
  batches(tenantId: string, page: PageRequest): Promise<Page<SubmissionBatch>>;
  /** Unmarks the tenant, unless a record was appended after `headSeq` meanwhile. */
  settle(tenantId: string, headSeq: number): Promise<void>;
}

export interface SubmissionDeps {
  submissions: SubmissionRepository;
  submitter: Submitter;
  tenants: Pick<TenantRepository, 'get'>;
  clock: Clock;
  ids: IdGenerator;
}

export type SubmitOutcome =
  | { tenantId: string; outcome: 'idle'; batches: SubmissionBatch[] }
  | { tenantId: string; outcome: 'waiting'; until: string; batches: SubmissionBatch[] }
  | {
      tenantId: string;
      outcome: 'fault';
      message: string;
      /** The fault itself, with its faultCode and cause, for the log. */
      error: SubmissionFault;
      batches: SubmissionBatch[];
    }
  | { tenantId: string; outcome: 'busy'; batches: [] }
  | { tenantId: string; outcome: 'sent'; batches: SubmissionBatch[] };

const STATE_OF: Record<EstadoRegistro, SubmissionState> = {
  Correcto: 'accepted',
  AceptadoConErrores: 'acceptedWithErrors',
  Incorrecto: 'rejected',
};

const plus = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000).toISOString();
const issuerOf = (record: BillingRecord) => linkOf(record).IDEmisorFactura;

/** AEAT's codes for "you sent this already" (errores.properties). */
const ALREADY_REGISTERED = '3000';
const ALREADY_ANNULLED = '3001';

/**
 * A record that went in an unanswered request and comes back as a duplicate of itself: AEAT
 * registered the first send. It is settled with the state AEAT reports for what it holds.
 */
function settledDuplicate(
  record: BillingRecord,
  line: SubmitLine,
): Omit<BatchResult, 'seq'> | undefined {
  if (line.estadoRegistro !== 'Incorrecto') return undefined;
  if (record.kind === 'anulacion') {
    return line.codigoError === ALREADY_ANNULLED
      ? { state: 'accepted', alreadyRegistered: { estado: 'Anulada' } }
      : undefined;
  }
  if (line.codigoError !== ALREADY_REGISTERED) return undefined;
  const held = line.duplicate;
  const alreadyRegistered = {
    ...(held?.idPeticion ? { idPeticion: held.idPeticion } : {}),
    estado: held?.estado ?? 'Correcta',
  };
  if (held?.estado === 'AceptadaConErrores') {
    return {
      state: 'acceptedWithErrors',
      ...(held.codigoError
        ? { errors: [{ code: held.codigoError, description: held.descripcionError ?? '' }] }
        : {}),
      alreadyRegistered,
    };
  }
  return { state: 'accepted', alreadyRegistered };
}

const within = (range: SeqRange | undefined, seq: number) =>
  range !== undefined && seq >= range.fromSeq && seq <= range.toSeq;

/** The unanswered range once `sent` (in chain order) goes out too. */
function noteSent(range: SeqRange | undefined, sent: readonly StoredRecord[]): SeqRange {
  const fromSeq = sent[0]!.seq;
  const toSeq = sent.at(-1)!.seq;
  return range
    ? { fromSeq: Math.min(range.fromSeq, fromSeq), toSeq: Math.max(range.toSeq, toSeq) }
    : { fromSeq, toSeq };
}

/** What stays unanswered after `batch`: from its first record without a line, if any. */
function afterAnswers(range: SeqRange | undefined, batch: SubmissionBatch): SeqRange | undefined {
  if (!range) return undefined;
  const unanswered = batch.results.find((r) => r.state === 'pending');
  const answeredUpTo = unanswered ? unanswered.seq - 1 : batch.results.at(-1)!.seq;
  if (answeredUpTo >= range.toSeq) return undefined;
  return { fromSeq: Math.max(range.fromSeq, answeredUpTo + 1), toSeq: range.toSeq };
}

/** The batch an answer makes, with the sender state it leads to. */
export function batchOf(
  id: string,
  tenantId: string,
  sentAt: string,
  request: SubmitRequest,
  sent: readonly StoredRecord[],
  response: SubmitResponse,
  now: Date,
  /** Every record up to here that is not in `sent` is known not to be pending. */
  coveredUpTo = 0,
  /** Records an earlier, unanswered request carried: a duplicate answer settles them. */
  earlier?: SeqRange,
): SubmissionBatch {
  const lines = new Map(response.lines.map((l) => [l.index, l]));
  const results = sent.map((s, index): BatchResult => {
    const line = lines.get(index);
    if (!line) return { seq: s.seq, state: 'pending' };
    const settled = within(earlier, s.seq) ? settledDuplicate(s.record, line) : undefined;
    if (settled) return { seq: s.seq, ...settled };
    return {
      seq: s.seq,
      state: STATE_OF[line.estadoRegistro],
      ...(line.codigoError
        ? { errors: [{ code: line.codigoError, description: line.descripcionError ?? '' }] }
        : {}),
    };
  });
  // Records before the batch that are not pending need nothing more; an unanswered one holds the
  // mark back so the next run finds it.
  const unanswered = results.find((r) => r.state === 'pending');
  const wait = Number.isFinite(response.tiempoEsperaEnvio)
    ? Math.max(0, response.tiempoEsperaEnvio)
    : INITIAL_WAIT_SECONDS;
  return {
    id,
    tenantId,
    sentAt,
    obligadoNif: request.obligado.NIF,
    estadoEnvio: response.estadoEnvio,
    ...(response.csv ? { csv: response.csv } : {}),
    tiempoEsperaEnvio: response.tiempoEsperaEnvio,
    results,
    lastSubmittedSeq: unanswered ? unanswered.seq - 1 : Math.max(sent.at(-1)!.seq, coveredUpTo),
    nextAllowedAt: plus(now, wait),
  };
}

const stateAfter = (batch: SubmissionBatch, before: SenderState): SenderState => {
  const unanswered = afterAnswers(before.unanswered, batch);
  return {
    lastSubmittedSeq: batch.lastSubmittedSeq,
    nextAllowedAt: batch.nextAllowedAt,
    lastBatchId: batch.id,
    ...(unanswered ? { unanswered } : {}),
  };
};

/**
 * Sends the tenant's oldest pending records if the flow control allows it: always when 1,000 are
 * waiting, otherwise only once `nextAllowedAt` has passed. `now` is the scheduled time of the run,
 * which drives the flow control; the wall clock dates the facts (sentAt) and the lease.
 */
export const submitPending =
  (deps: SubmissionDeps) =>
  async (tenantId: string, now: Date): Promise<SubmitOutcome> => {
    const { submissions, submitter, clock, ids } = deps;
    const token = ids.next('lease');
    const wall = clock.now();
    const claimed = await submissions.claim(tenantId, {
      token,
      now: wall.toISOString(),
      until: plus(wall, SENDER_LEASE_SECONDS),
    });
    if (!claimed) return { tenantId, outcome: 'busy', batches: [] };

    let state = claimed;
    const batches: SubmissionBatch[] = [];
    try {
      // A run that died between storing a batch and saving the state: finish its work first,
      // or its records would be sent again and come back as duplicates.
      const latest = await submissions.latestBatch(tenantId);
      if (latest && latest.id !== state.lastBatchId) {
        await submissions.applyBatch(latest);
        state = stateAfter(latest, state);
        if (!(await submissions.saveState(tenantId, token, state, false))) {
          return { tenantId, outcome: 'busy', batches: [] };
        }
      }

      let result: SubmitOutcome | undefined;
      const inBudget = () => clock.now().getTime() - wall.getTime() < RUN_BUDGET_MS;
      for (let round = 0; round < MAX_BATCHES_PER_RUN && (round === 0 || inBudget()); round++) {
        // The head is read before the pending records, so "nothing pending up to headSeq" is
        // what settle later checks against.
        const headSeq = (await submissions.head(tenantId))?.seq ?? 0;
        if (headSeq <= state.lastSubmittedSeq) {
          await submissions.settle(tenantId, headSeq);
          const { pendingSince: _, ...rest } = state;
          state = rest;
          result = { tenantId, outcome: 'idle', batches };
          break;
        }
        const waiting = now.getTime() < Date.parse(state.nextAllowedAt);
        const wait = (): SubmitOutcome => {
          state = { ...state, pendingSince: state.pendingSince ?? now.toISOString() };
          return { tenantId, outcome: 'waiting', until: state.nextAllowedAt, batches };
        };
        // After a fault the back-off holds even for a full batch. headSeq bounds the pending
        // count, which spares reading the records on most waiting runs.
        if (
          waiting &&
          (state.lastFault || headSeq - state.lastSubmittedSeq < MAX_RECORDS_PER_SUBMISSION)
        ) {
          result = wait();
          break;
        }
        // One more than a batch, to know whether the batch takes everything that is pending.
        const pending = await submissions.pending(
          tenantId,
          state.lastSubmittedSeq,
          MAX_RECORDS_PER_SUBMISSION + 1,
        );
        if (pending.length === 0) {
          // Everything after the mark was answered already (an earlier run's unanswered record
          // got its answer on a retry): move the mark and look again.
          state = { ...state, lastSubmittedSeq: headSeq };
          continue;
        }
        if (waiting && pending.length < MAX_RECORDS_PER_SUBMISSION) {
          result = wait();
          break;
        }

        // One request carries one obligado's records (AEAT rejects any other issuer): the
        // leading run of the same NIF, which is the whole list unless the tenant's NIF changed.
        const nif = issuerOf(pending[0]!.record);
        const end = pending.findIndex((s) => issuerOf(s.record) !== nif);
        let sent = pending.slice(
          0,
          Math.min(end < 0 ? pending.length : end, MAX_RECORDS_PER_SUBMISSION),
        );
        // When the batch takes every pending record up to the head, nothing is left up to it.
        const takesAll = sent.length === pending.length;
        const earlier = state.unanswered;
        const withoutNote = (): SenderState => {
          const { unanswered: _, ...rest } = state;
          return { ...rest, ...(earlier ? { unanswered: earlier } : {}) };
        };

        let request: SubmitRequest | undefined;
        let response: SubmitResponse | undefined;
        let fault: SubmissionFault | undefined;
        while (sent.length && !response && !fault) {
          request = {
            tenantId,
            obligado: { NIF: nif, NombreRazon: await obligadoName(deps, tenantId, sent) },
            records: sent.map((s) => s.record),
          };
          // Noted before sending, so a run that dies before storing the answer leaves it behind.
          state = { ...state, unanswered: noteSent(earlier, sent) };
          if (!(await submissions.saveState(tenantId, token, state, false))) {
            return batches.length
              ? { tenantId, outcome: 'sent', batches }
              : { tenantId, outcome: 'busy', batches: [] };
          }
          try {
            response = await submitter.submit(request);
          } catch (error) {
            if (error instanceof UnsendableRecord && sent[error.index]) {
              // Nothing was sent: that record is held back, the rest go in a request of their own.
              const held = sent[error.index]!;
              await submissions.refuse(tenantId, held.seq, unsendable(error, wall));
              sent = sent.filter((s) => s !== held);
              state = withoutNote();
              continue;
            }
            if (!(error instanceof SubmissionFault)) throw error;
            fault = error;
          }
        }
        if (fault) {
          // Records AEAT cannot hold (a refused message, nothing sent) are not left noted.
          state = {
            ...(fault.mayBeRegistered ? state : withoutNote()),
            nextAllowedAt: plus(now, FAULT_BACKOFF_SECONDS),
            pendingSince: state.pendingSince ?? now.toISOString(),
            lastFault: { at: wall.toISOString(), message: fault.message },
          };
          result = { tenantId, outcome: 'fault', message: fault.message, error: fault, batches };
          break;
        }
        // Every record held back: none is pending any more; the next round moves the mark.
        if (!response || !request) continue;

        // The CSV exists only in this answer: it is stored before anything else happens.
        const batch = batchOf(
          ids.next('vfb'),
          tenantId,
          clock.now().toISOString(),
          request,
          sent,
          response,
          now,
          takesAll ? headSeq : 0,
          earlier,
        );
        await submissions.saveBatch(batch);
        batches.push(batch);
        await submissions.applyBatch(batch);
        state = stateAfter(batch, state);
        if (!(await submissions.saveState(tenantId, token, state, false))) {
          return { tenantId, outcome: 'sent', batches };
        }
        if (state.lastSubmittedSeq >= headSeq) {
          // All sent and answered: out of the sweep until the next append.
          await submissions.settle(tenantId, headSeq);
          result = { tenantId, outcome: 'sent', batches };
          break;
        }
      }
      await submissions.saveState(tenantId, token, state, true);
      return result ?? { tenantId, outcome: 'sent', batches };
    } catch (error) {
      // Give the lease back with the last consistent state; the error is what matters.
      await submissions.saveState(tenantId, token, state, true).catch(() => false);
      throw error;
    }
  };

/** How a record held back as unsendable is shown: rejected, never sent, and why. */
const unsendable = (error: UnsendableRecord, at: Date): RecordSubmission => ({
  state: 'rejected',
  notSent: true,
  errors: [
    {
      code: UNSENDABLE,
      description: `Not sent to AEAT: ${error.message}. Correct it with POST /v1/invoices/{id}/verifactu/remedy.`,
    },
  ],
  at: at.toISOString(),
});

/**
 * The name AEAT expects with the NIF: as the records wrote it, else the tenant's. It heads the
 * whole request and is no record's own, so characters XML cannot carry (in names stored before
 * the API refused them) are left out rather than stopping every record of the request.
 */
async function obligadoName(
  deps: SubmissionDeps,
  tenantId: string,
  sent: readonly StoredRecord[],
): Promise<string> {
  const alta = sent.find((s) => s.record.kind === 'alta')?.record;
  if (alta?.kind === 'alta') return withoutXmlForbidden(alta.NombreRazonEmisor);
  const tenant = await deps.tenants.get(tenantId);
  if (!tenant) throw new Error(`Tenant ${tenantId} has VERI*FACTU records but no profile`);
  return withoutXmlForbidden(tenant.name);
}

export interface SubmitAllSummary {
  tenants: number;
  /** Tenants left for the next run because this one ran out of time. */
  deferred: number;
  batches: number;
  records: number;
  outcomes: SubmitOutcome[];
}

/** Tenants handled at once: each waits on AEAT for most of its run. */
const SWEEP_CONCURRENCY = 4;

/**
 * One scheduled sweep: every tenant with pending records gets a `submitPending`. A tenant whose
 * run fails does not stop the others; the failures are thrown together at the end, so the
 * scheduler's retry and dead-letter queue see them.
 */
export const submitAll =
  (deps: SubmissionDeps) =>
  async (now: Date): Promise<SubmitAllSummary> => {
    const tenantIds: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await deps.submissions.tenantsWithPending(cursor);
      tenantIds.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);

    // A random order, so when a sweep runs out of time it is not always the same tenants that wait.
    for (let i = tenantIds.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [tenantIds[i], tenantIds[j]] = [tenantIds[j]!, tenantIds[i]!];
    }

    const submit = submitPending(deps);
    const started = deps.clock.now().getTime();
    const outcomes: SubmitOutcome[] = [];
    const failures: unknown[] = [];
    let next = 0;
    const worker = async () => {
      while (next < tenantIds.length && deps.clock.now().getTime() - started < RUN_BUDGET_MS) {
        const tenantId = tenantIds[next++]!;
        try {
          outcomes.push(await submit(tenantId, now));
        } catch (error) {
          failures.push(error);
        }
      }
    };
    await Promise.all(Array.from({ length: SWEEP_CONCURRENCY }, worker));
    if (failures.length) {
      throw new AggregateError(
        failures,
        `VERI*FACTU submission failed for ${failures.length} tenant(s)`,
      );
    }
    const batches = outcomes.flatMap((o) => o.batches);
    return {
      tenants: tenantIds.length,
      deferred: tenantIds.length - next,
      batches: batches.length,
      records: batches.reduce((n, b) => n + b.results.length, 0),
      outcomes,
    };
  };

/** A batch as the API lists it: the answer's header and how many records fared how. */
export function submissionBatchView(batch: SubmissionBatch) {
  const count = (state: SubmissionState) => batch.results.filter((r) => r.state === state).length;
  return {
    id: batch.id,
    sentAt: batch.sentAt,
    records: batch.results.length,
    firstSeq: batch.results[0]?.seq ?? 0,
    lastSeq: batch.results.at(-1)?.seq ?? 0,
    estadoEnvio: batch.estadoEnvio,
    ...(batch.csv ? { csv: batch.csv } : {}),
    tiempoEsperaEnvio: batch.tiempoEsperaEnvio,
    accepted: count('accepted'),
    acceptedWithErrors: count('acceptedWithErrors'),
    rejected: count('rejected'),
  };
}
