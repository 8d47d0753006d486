import { beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../testing/verifactu.ts';
import type { Page } from '../shared/page.ts';
import type { Tenant } from '../tenants/tenant.ts';
import type { BillingRecord, RegistroAlta, RegistroAnulacion } from './record.ts';
import type { ChainHead, StoredRecord } from './store.ts';
import {
  INITIAL_SENDER_STATE,
  MAX_RECORDS_PER_SUBMISSION,
  type SenderLease,
  type SenderState,
  type SubmissionBatch,
  type SubmissionDeps,
  SubmissionFault,
  type SubmissionRepository,
  type SubmitLine,
  type SubmitRequest,
  type SubmitResponse,
  type Submitter,
  submissionBatchView,
  submitAll,
  submitPending,
  UnsendableRecord,
} from './submission.ts';

/** The submission port over maps, with the same rules as the DynamoDB adapter. */
class MemorySubmissions implements SubmissionRepository {
  readonly chains = new Map<string, StoredRecord[]>();
  readonly marked = new Set<string>();
  readonly states = new Map<string, SenderState & { leaseToken?: string; leaseUntil?: string }>();
  readonly saved: SubmissionBatch[] = [];
  /** Every call, in order, to check what is written when. */
  readonly calls: string[] = [];
  /** Set to make applyBatch fail once, as a run that dies after storing the batch. */
  failApply = false;
  /** Set while a run "is dead": no write gets through (see `crashAfterSending`). */
  down = false;

  append(tenantId: string, record: BillingRecord) {
    const chain = this.chains.get(tenantId) ?? [];
    chain.push({
      tenantId,
      seq: chain.length + 1,
      invoiceId: `inv_${chain.length + 1}`,
      record,
      generatedAt: record.FechaHoraHusoGenRegistro,
      submission: { state: 'pending' },
    });
    this.chains.set(tenantId, chain);
    this.marked.add(tenantId);
  }

  records(tenantId: string) {
    return this.chains.get(tenantId) ?? [];
  }

  async head(tenantId: string): Promise<ChainHead | undefined> {
    const last = this.records(tenantId).at(-1);
    return last ? { seq: last.seq, link: { ...idOf(last.record), Huella: '' } } : undefined;
  }

  async tenantsWithPending(): Promise<Page<string>> {
    return { items: [...this.marked].sort() };
  }

  async claim(tenantId: string, lease: SenderLease) {
    this.calls.push('claim');
    const current = this.states.get(tenantId);
    if (current?.leaseUntil && current.leaseUntil >= lease.now) return undefined;
    const { leaseToken: _t, leaseUntil: _u, ...state } = current ?? { ...INITIAL_SENDER_STATE };
    this.states.set(tenantId, { ...state, leaseToken: lease.token, leaseUntil: lease.until });
    return state;
  }

  async saveState(tenantId: string, token: string, state: SenderState, release: boolean) {
    this.calls.push(release ? 'release' : 'saveState');
    const current = this.states.get(tenantId);
    if (this.down) throw new Error('the run died');
    if (current?.leaseToken !== token) return false;
    // Like the table: the state's fields are replaced, the lease kept unless released.
    const { leaseToken, leaseUntil } = current;
    this.states.set(tenantId, release ? state : { ...state, leaseToken, leaseUntil });
    return true;
  }

  async pending(tenantId: string, afterSeq: number, limit: number) {
    return this.records(tenantId)
      .filter((s) => s.seq > afterSeq && s.submission.state === 'pending')
      .slice(0, limit);
  }

  async saveBatch(batch: SubmissionBatch) {
    this.calls.push('saveBatch');
    if (this.down) throw new Error('the run died');
    this.saved.push(structuredClone(batch));
  }

  async applyBatch(batch: SubmissionBatch) {
    this.calls.push('applyBatch');
    if (this.failApply) {
      this.failApply = false;
      throw new Error('connection reset');
    }
    for (const r of batch.results) {
      if (r.state === 'pending') continue;
      const stored = this.records(batch.tenantId).find((s) => s.seq === r.seq)!;
      stored.submission = {
        state: r.state,
        ...(batch.csv && !r.alreadyRegistered ? { csv: batch.csv } : {}),
        ...(r.errors ? { errors: r.errors } : {}),
        ...(r.alreadyRegistered ? { alreadyRegistered: r.alreadyRegistered } : {}),
        at: batch.sentAt,
      };
    }
  }

  async refuse(tenantId: string, seq: number, submission: StoredRecord['submission']) {
    this.calls.push('refuse');
    const stored = this.records(tenantId).find((s) => s.seq === seq)!;
    if (stored.submission.state === 'pending') stored.submission = submission;
  }

  async latestBatch(tenantId: string) {
    return this.saved.filter((b) => b.tenantId === tenantId).at(-1);
  }

  async batches(tenantId: string) {
    return { items: this.saved.filter((b) => b.tenantId === tenantId).reverse() };
  }

  async settle(tenantId: string, headSeq: number) {
    if (((await this.head(tenantId))?.seq ?? 0) === headSeq) this.marked.delete(tenantId);
  }
}

type Answer = (record: BillingRecord, index: number) => Omit<SubmitLine, 'index'> | undefined;

/** Answers like AEAT, line by line from `answer`; `fault` makes the next call throw. */
class FakeSubmitter {
  readonly requests: SubmitRequest[] = [];
  answer: Answer = () => ({ estadoRegistro: 'Correcto' });
  fault?: SubmissionFault;
  /** Records it cannot write into a request, as a real submitter's XML writer would refuse. */
  unwritable?: (record: BillingRecord) => boolean;
  wait = 60;

  async submit(request: SubmitRequest): Promise<SubmitResponse> {
    // Written before anything is sent: a record that cannot be written stops the request here.
    const bad = request.records.findIndex((r) => this.unwritable?.(r));
    if (bad >= 0) {
      throw new UnsendableRecord(
        bad,
        'DescripcionOperacion holds U+000B, which XML 1.0 cannot carry',
      );
    }
    this.requests.push(request);
    if (this.fault) {
      const fault = this.fault;
      this.fault = undefined;
      throw fault;
    }
    const lines = request.records.flatMap((r, index) => {
      const line = this.answer(r, index);
      return line ? [{ index, ...line }] : [];
    });
    const states = new Set(lines.map((l) => l.estadoRegistro));
    return {
      estadoEnvio:
        states.size === 1 && states.has('Correcto')
          ? 'Correcto'
          : states.size === 1 && states.has('Incorrecto')
            ? 'Incorrecto'
            : 'ParcialmenteCorrecto',
      csv: `A-CSV${String(this.requests.length).padStart(11, '0')}`,
      tiempoEsperaEnvio: this.wait,
      lines,
    };
  }
}

const idOf = (record: BillingRecord) =>
  record.kind === 'alta'
    ? record.IDFactura
    : {
        IDEmisorFactura: record.IDFactura.IDEmisorFacturaAnulada,
        NumSerieFactura: record.IDFactura.NumSerieFacturaAnulada,
        FechaExpedicionFactura: record.IDFactura.FechaExpedicionFacturaAnulada,
      };

const alta = (number: string, nif = 'B12345674'): RegistroAlta => ({
  kind: 'alta',
  IDVersion: '1.0',
  IDFactura: {
    IDEmisorFactura: nif,
    NumSerieFactura: number,
    FechaExpedicionFactura: '16-03-2026',
  },
  NombreRazonEmisor: 'Sello Demo Servicios S.L.',
  TipoFactura: 'F1',
  DescripcionOperacion: 'Servicios',
  Desglose: [
    {
      Impuesto: '01',
      ClaveRegimen: '01',
      CalificacionOperacion: 'S1',
      TipoImpositivo: '21',
      BaseImponibleOimporteNoSujeto: '100.00',
      CuotaRepercutida: '21.00',
    },
  ],
  CuotaTotal: '21.00',
  ImporteTotal: '121.00',
  SistemaInformatico: SYSTEM,
  FechaHoraHusoGenRegistro: '2026-03-16T09:00:00+01:00',
  TipoHuella: '01',
  Huella: 'A'.repeat(64),
});

const anulacion = (number: string): RegistroAnulacion => ({
  kind: 'anulacion',
  IDVersion: '1.0',
  IDFactura: {
    IDEmisorFacturaAnulada: 'B12345674',
    NumSerieFacturaAnulada: number,
    FechaExpedicionFacturaAnulada: '16-03-2026',
  },
  SistemaInformatico: SYSTEM,
  FechaHoraHusoGenRegistro: '2026-03-16T09:00:00+01:00',
  TipoHuella: '01',
  Huella: 'B'.repeat(64),
});

const T0 = new Date('2026-11-23T10:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const numbersOf = (request: SubmitRequest | undefined) =>
  request?.records.map((r) => idOf(r).NumSerieFactura);

let repo: MemorySubmissions;
let aeat: FakeSubmitter;
let deps: SubmissionDeps;
let wallClock: Date;
let idCounter: number;

beforeEach(() => {
  repo = new MemorySubmissions();
  aeat = new FakeSubmitter();
  wallClock = new Date('2026-11-23T12:00:00Z');
  idCounter = 0;
  deps = {
    submissions: repo,
    submitter: aeat,
    tenants: {
      get: async (id: string) => ({ id, name: 'Tenant as registered' }) as Tenant,
    },
    clock: { now: () => wallClock },
    ids: { next: (prefix) => `${prefix}_${String(++idCounter).padStart(6, '0')}` },
  };
});

const appendAltas = (tenantId: string, from: number, count: number) => {
  for (let i = 0; i < count; i++) repo.append(tenantId, alta(`F-${from + i}`));
};

describe('submitPending', () => {
  it('sends pending records in chain order and stores the answer on batch and records', async () => {
    appendAltas('t1', 1, 3);
    const out = await submitPending(deps)('t1', T0);

    expect(out.outcome).toBe('sent');
    expect(aeat.requests).toHaveLength(1);
    expect(aeat.requests[0]!.obligado).toEqual({
      NIF: 'B12345674',
      NombreRazon: 'Sello Demo Servicios S.L.',
    });
    expect(numbersOf(aeat.requests[0])).toEqual(['F-1', 'F-2', 'F-3']);
    const batch = repo.saved[0]!;
    expect(batch).toMatchObject({
      tenantId: 't1',
      sentAt: wallClock.toISOString(),
      estadoEnvio: 'Correcto',
      csv: 'A-CSV00000000001',
      tiempoEsperaEnvio: 60,
      lastSubmittedSeq: 3,
      nextAllowedAt: at(60).toISOString(),
    });
    expect(batch.results.map((r) => [r.seq, r.state])).toEqual([
      [1, 'accepted'],
      [2, 'accepted'],
      [3, 'accepted'],
    ]);
    for (const s of repo.records('t1')) {
      expect(s.submission).toEqual({
        state: 'accepted',
        csv: 'A-CSV00000000001',
        at: wallClock.toISOString(),
      });
    }
    // The records are noted before they go; the CSV is written before the records and the
    // state, and nothing is pending any more.
    expect(repo.calls).toEqual([
      'claim',
      'saveState',
      'saveBatch',
      'applyBatch',
      'saveState',
      'release',
    ]);
    expect(repo.marked.has('t1')).toBe(false);
    expect(repo.states.get('t1')).toEqual({
      lastSubmittedSeq: 3,
      nextAllowedAt: at(60).toISOString(),
      lastBatchId: batch.id,
    });
  });

  it('waits TiempoEsperaEnvio (as AEAT last answered it) before sending again', async () => {
    aeat.wait = 90;
    appendAltas('t1', 1, 2);
    await submitPending(deps)('t1', T0);
    appendAltas('t1', 3, 2);

    const early = await submitPending(deps)('t1', at(89));
    expect(early).toMatchObject({ outcome: 'waiting', until: at(90).toISOString() });
    expect(aeat.requests).toHaveLength(1);
    expect(repo.states.get('t1')?.pendingSince).toBe(at(89).toISOString());
    expect(repo.marked.has('t1')).toBe(true);

    const due = await submitPending(deps)('t1', at(90));
    expect(due.outcome).toBe('sent');
    expect(numbersOf(aeat.requests[1])).toEqual(['F-3', 'F-4']);
    expect(repo.states.get('t1')?.pendingSince).toBeUndefined();
    expect(repo.states.get('t1')?.nextAllowedAt).toBe(at(180).toISOString());
  });

  it('does nothing, and reads no records, when nothing is pending', async () => {
    appendAltas('t1', 1, 1);
    await submitPending(deps)('t1', T0);
    const out = await submitPending(deps)('t1', at(3600));
    expect(out.outcome).toBe('idle');
    expect(aeat.requests).toHaveLength(1);
  });

  it('keeps the code of a record accepted with errors, and rejects an Incorrecto one for good', async () => {
    aeat.answer = (r) => {
      const n = idOf(r).NumSerieFactura;
      if (n === 'F-2') {
        return {
          estadoRegistro: 'AceptadoConErrores',
          codigoError: '2000',
          descripcionError: 'El cálculo de la huella suministrada es incorrecta.',
        };
      }
      if (n === 'F-3') {
        return {
          estadoRegistro: 'Incorrecto',
          codigoError: '3000',
          descripcionError: 'Registro de facturación duplicado.',
        };
      }
      return { estadoRegistro: 'Correcto' };
    };
    appendAltas('t1', 1, 3);
    await submitPending(deps)('t1', T0);

    const [one, two, three] = repo.records('t1');
    expect(one!.submission.state).toBe('accepted');
    expect(two!.submission).toMatchObject({
      state: 'acceptedWithErrors',
      errors: [
        { code: '2000', description: 'El cálculo de la huella suministrada es incorrecta.' },
      ],
    });
    expect(three!.submission).toMatchObject({
      state: 'rejected',
      errors: [{ code: '3000', description: 'Registro de facturación duplicado.' }],
    });
    expect(repo.saved[0]!.estadoEnvio).toBe('ParcialmenteCorrecto');
    expect(submissionBatchView(repo.saved[0]!)).toEqual({
      id: repo.saved[0]!.id,
      sentAt: wallClock.toISOString(),
      records: 3,
      firstSeq: 1,
      lastSeq: 3,
      estadoEnvio: 'ParcialmenteCorrecto',
      csv: 'A-CSV00000000001',
      tiempoEsperaEnvio: 60,
      accepted: 1,
      acceptedWithErrors: 1,
      rejected: 1,
    });

    // Later runs send new records only; the rejected one is never sent again.
    appendAltas('t1', 4, 1);
    aeat.answer = () => ({ estadoRegistro: 'Correcto' });
    await submitPending(deps)('t1', at(60));
    await submitPending(deps)('t1', at(600));
    expect(aeat.requests.map(numbersOf)).toEqual([['F-1', 'F-2', 'F-3'], ['F-4']]);
  });

  it('sends a full batch at once even within the wait, and the rest only after it', async () => {
    appendAltas('t1', 1, 1);
    await submitPending(deps)('t1', T0);
    appendAltas('t1', 2, MAX_RECORDS_PER_SUBMISSION + 1);

    const within = await submitPending(deps)('t1', at(10));
    expect(within.outcome).toBe('waiting');
    expect(within.batches).toHaveLength(1);
    expect(aeat.requests[1]!.records).toHaveLength(1000);
    expect(numbersOf(aeat.requests[1])!.at(-1)).toBe('F-1001');
    expect(repo.states.get('t1')?.nextAllowedAt).toBe(at(70).toISOString());

    await submitPending(deps)('t1', at(69));
    expect(aeat.requests).toHaveLength(2);
    await submitPending(deps)('t1', at(70));
    expect(numbersOf(aeat.requests[2])).toEqual(['F-1002']);
    expect(repo.records('t1').every((s) => s.submission.state === 'accepted')).toBe(true);
  });

  it('drains a backlog of full batches in one run, a bounded number of them', async () => {
    appendAltas('t1', 1, 2500);
    const out = await submitPending(deps)('t1', T0);
    expect(aeat.requests.map((r) => r.records.length)).toEqual([1000, 1000]);
    expect(out).toMatchObject({ outcome: 'waiting' });
    expect(repo.states.get('t1')?.lastSubmittedSeq).toBe(2000);
  });

  it('starts no further full batch once the run is out of time', async () => {
    appendAltas('t1', 1, 2500);
    const slow = aeat.submit.bind(aeat);
    deps.submitter = {
      submit: async (request) => {
        wallClock = new Date(wallClock.getTime() + 200_000);
        return slow(request);
      },
    };
    const out = await submitPending(deps)('t1', T0);
    expect(out).toMatchObject({ outcome: 'sent' });
    expect(aeat.requests.map((r) => r.records.length)).toEqual([1000]);
    expect(repo.states.get('t1')?.leaseToken).toBeUndefined();
  });

  it('holds back a record it cannot write, alone and visibly; the records around it are sent', async () => {
    appendAltas('t1', 1, 4);
    const dirty = (n: number) => {
      const stored = repo.records('t1')[n - 1]!;
      stored.record = {
        ...(stored.record as RegistroAlta),
        DescripcionOperacion: 'Revisión\u000b',
      };
    };
    dirty(2);
    dirty(4);
    aeat.unwritable = (r) => r.kind === 'alta' && r.DescripcionOperacion.includes('\u000b');

    const out = await submitPending(deps)('t1', T0);
    expect(out.outcome).toBe('sent');
    expect(aeat.requests.map(numbersOf)).toEqual([['F-1', 'F-3']]);
    expect(repo.records('t1').map((s) => s.submission.state)).toEqual([
      'accepted',
      'rejected',
      'accepted',
      'rejected',
    ]);
    expect(repo.records('t1')[1]!.submission).toEqual({
      state: 'rejected',
      notSent: true,
      errors: [
        {
          code: 'SELLO-UNSENDABLE',
          description:
            'Not sent to AEAT: DescripcionOperacion holds U+000B, which XML 1.0 cannot carry. Correct it with POST /v1/invoices/{id}/verifactu/remedy.',
        },
      ],
      at: wallClock.toISOString(),
    });
    // Everything is answered or held back: the tenant leaves the sweep, nothing goes again.
    expect(repo.states.get('t1')).toMatchObject({ lastSubmittedSeq: 4 });
    expect(repo.states.get('t1')?.unanswered).toBeUndefined();
    expect(repo.marked.has('t1')).toBe(false);
    await submitPending(deps)('t1', at(60));
    expect(aeat.requests).toHaveLength(1);
  });

  it('holds back every record when none can be written, and settles without a request', async () => {
    appendAltas('t1', 1, 2);
    aeat.unwritable = () => true;
    const out = await submitPending(deps)('t1', T0);
    expect(out).toMatchObject({ outcome: 'idle', batches: [] });
    expect(aeat.requests).toHaveLength(0);
    expect(repo.records('t1').map((s) => s.submission.state)).toEqual(['rejected', 'rejected']);
    expect(repo.marked.has('t1')).toBe(false);
  });

  it('leaves records pending after a fault and backs off, even with a full batch waiting', async () => {
    appendAltas('t1', 1, MAX_RECORDS_PER_SUBMISSION);
    const fault = new SubmissionFault('connect ETIMEDOUT');
    aeat.fault = fault;
    const out = await submitPending(deps)('t1', T0);
    expect(out).toEqual({
      tenantId: 't1',
      outcome: 'fault',
      message: 'connect ETIMEDOUT',
      error: fault,
      batches: [],
    });
    expect(repo.saved).toHaveLength(0);
    expect(repo.records('t1').every((s) => s.submission.state === 'pending')).toBe(true);
    expect(repo.states.get('t1')).toMatchObject({
      lastSubmittedSeq: 0,
      nextAllowedAt: at(60).toISOString(),
      lastFault: { message: 'connect ETIMEDOUT' },
    });

    await submitPending(deps)('t1', at(30));
    expect(aeat.requests).toHaveLength(1);
    await submitPending(deps)('t1', at(60));
    expect(aeat.requests).toHaveLength(2);
    expect(repo.states.get('t1')?.lastFault).toBeUndefined();
    expect(repo.records('t1').every((s) => s.submission.state === 'accepted')).toBe(true);
  });

  it('lets an error that is not a fault through, and gives the lease back', async () => {
    appendAltas('t1', 1, 1);
    deps.submitter = {
      submit: async () => {
        throw new TypeError('bug');
      },
    };
    await expect(submitPending(deps)('t1', T0)).rejects.toThrow('bug');
    expect(repo.states.get('t1')?.leaseToken).toBeUndefined();
  });

  it('keeps a record AEAT did not answer pending, and sends it again later', async () => {
    appendAltas('t1', 1, 3);
    aeat.answer = (r) =>
      idOf(r).NumSerieFactura === 'F-2' ? undefined : { estadoRegistro: 'Correcto' };
    await submitPending(deps)('t1', T0);
    expect(repo.records('t1').map((s) => s.submission.state)).toEqual([
      'accepted',
      'pending',
      'accepted',
    ]);
    expect(repo.saved[0]!.lastSubmittedSeq).toBe(1);
    expect(repo.marked.has('t1')).toBe(true);

    aeat.answer = () => ({ estadoRegistro: 'Correcto' });
    await submitPending(deps)('t1', at(60));
    expect(numbersOf(aeat.requests[1])).toEqual(['F-2']);
    expect(repo.states.get('t1')?.lastSubmittedSeq).toBe(3);
    expect(repo.marked.has('t1')).toBe(false);
  });

  it('finishes the work of a run that died after storing its batch, without resending', async () => {
    appendAltas('t1', 1, 2);
    repo.failApply = true;
    await expect(submitPending(deps)('t1', T0)).rejects.toThrow('connection reset');
    expect(repo.saved).toHaveLength(1);
    expect(repo.records('t1').every((s) => s.submission.state === 'pending')).toBe(true);

    const out = await submitPending(deps)('t1', at(5));
    expect(out.outcome).toBe('idle');
    expect(aeat.requests).toHaveLength(1);
    expect(repo.records('t1').every((s) => s.submission.state === 'accepted')).toBe(true);
    expect(repo.states.get('t1')).toMatchObject({
      lastSubmittedSeq: 2,
      lastBatchId: repo.saved[0]!.id,
    });
  });

  it('sends nothing while another run holds the tenant', async () => {
    appendAltas('t1', 1, 1);
    await repo.claim('t1', {
      token: 'other',
      now: wallClock.toISOString(),
      until: new Date(wallClock.getTime() + 60_000).toISOString(),
    });
    expect((await submitPending(deps)('t1', T0)).outcome).toBe('busy');
    expect(aeat.requests).toHaveLength(0);

    // An expired lease (its run died) is taken over.
    wallClock = new Date(wallClock.getTime() + 61_000);
    expect((await submitPending(deps)('t1', T0)).outcome).toBe('sent');
    expect(aeat.requests).toHaveLength(1);
  });

  it('puts one obligado in a request, and names it from the tenant when no alta says', async () => {
    repo.append('t1', anulacion('F-0'));
    repo.append('t1', alta('F-1', 'A58818501'));
    await submitPending(deps)('t1', T0);
    expect(aeat.requests[0]!.obligado).toEqual({
      NIF: 'B12345674',
      NombreRazon: 'Tenant as registered',
    });
    expect(aeat.requests[0]!.records).toHaveLength(1);
    await submitPending(deps)('t1', at(60));
    expect(aeat.requests[1]!.obligado.NIF).toBe('A58818501');
  });
});

describe('submitAll', () => {
  it('visits the tenants with pending records and leaves the others alone', async () => {
    appendAltas('t1', 1, 2);
    appendAltas('t2', 1, 1);
    const summary = await submitAll(deps)(T0);
    expect(summary).toMatchObject({ tenants: 2, batches: 2, records: 3 });
    expect(repo.marked.size).toBe(0);

    const again = await submitAll(deps)(at(60));
    expect(again).toMatchObject({ tenants: 0, batches: 0 });
  });

  it('leaves the tenants it has no time for to the next sweep', async () => {
    for (const t of ['t1', 't2', 't3', 't4', 't5', 't6']) appendAltas(t, 1, 1);
    const slow = aeat.submit.bind(aeat);
    deps.submitter = {
      submit: async (request) => {
        wallClock = new Date(wallClock.getTime() + 100_000);
        return slow(request);
      },
    };
    const summary = await submitAll(deps)(T0);
    // Four at once, 100 s each: the second round would start past the budget.
    expect(summary).toMatchObject({ tenants: 6, deferred: 2, batches: 4 });
    expect(repo.marked.size).toBe(2);
  });

  it('runs every tenant even when one fails, then reports the failure', async () => {
    appendAltas('t1', 1, 1);
    appendAltas('t2', 1, 1);
    let calls = 0;
    deps.submitter = {
      submit: async (request) => {
        if (calls++ === 0) throw new Error('boom');
        return aeat.submit(request);
      },
    };
    await expect(submitAll(deps)(T0)).rejects.toThrow(AggregateError);
    expect(calls).toBe(2);
    expect(repo.saved).toHaveLength(1);
  });
});

/**
 * AEAT's memory of what it registered, answering like it: a second alta of an invoice is a
 * duplicate (3000) with what AEAT holds, a second annulment is 3001. `withErrors` numbers are
 * registered with error 2000.
 */
function aeatMemory(withErrors: string[] = []) {
  const held = new Map<
    string,
    { estado: 'Correcta' | 'AceptadaConErrores'; idPeticion: string; annulled?: boolean }
  >();
  const answer: Answer = (record) => {
    const number = idOf(record).NumSerieFactura;
    const current = held.get(number);
    if (record.kind === 'anulacion') {
      if (!current) return { estadoRegistro: 'Incorrecto', codigoError: '3002' };
      if (current.annulled) return { estadoRegistro: 'Incorrecto', codigoError: '3001' };
      current.annulled = true;
      return { estadoRegistro: 'Correcto' };
    }
    if (current) {
      return {
        estadoRegistro: 'Incorrecto',
        codigoError: '3000',
        descripcionError: 'Registro de facturación duplicado.',
        duplicate: {
          idPeticion: current.idPeticion,
          estado: current.annulled ? 'Anulada' : current.estado,
          ...(current.estado === 'AceptadaConErrores'
            ? { codigoError: '2000', descripcionError: 'Huella incorrecta.' }
            : {}),
        },
      };
    }
    const estado = withErrors.includes(number) ? 'AceptadaConErrores' : 'Correcta';
    held.set(number, { estado, idPeticion: `PET${aeat.requests.length}` });
    return estado === 'Correcta'
      ? { estadoRegistro: 'Correcto' }
      : { estadoRegistro: 'AceptadoConErrores', codigoError: '2000' };
  };
  return answer;
}

/** A submitter that gets the request to AEAT and then the run dies: nothing more is written. */
function crashAfterSending(): Submitter {
  return {
    submit: async (request) => {
      await aeat.submit(request);
      repo.down = true;
      throw new Error('Runtime exited with error: signal: killed');
    },
  };
}

describe('settling a resend after the answer was lost', () => {
  it('settles the records a dead run had sent from AEAT’s duplicate answer, with the state AEAT holds', async () => {
    aeat.answer = aeatMemory(['F-2']);
    appendAltas('t1', 1, 3);
    deps.submitter = crashAfterSending();
    await expect(submitPending(deps)('t1', T0)).rejects.toThrow('killed');
    expect(repo.saved).toHaveLength(0);
    // The run died holding the lease, with the records it sent noted before sending.
    expect(repo.states.get('t1')).toMatchObject({
      unanswered: { fromSeq: 1, toSeq: 3 },
      leaseToken: expect.any(String),
    });

    repo.down = false;
    deps.submitter = aeat;
    repo.append('t1', alta('F-4'));
    expect((await submitPending(deps)('t1', at(10))).outcome).toBe('busy');
    wallClock = new Date(wallClock.getTime() + 331_000);
    const out = await submitPending(deps)('t1', at(400));

    expect(out.outcome).toBe('sent');
    expect(numbersOf(aeat.requests[1])).toEqual(['F-1', 'F-2', 'F-3', 'F-4']);
    const [first, second, third, fourth] = repo.records('t1').map((r) => r.submission);
    const sentAt = wallClock.toISOString();
    expect(first).toEqual({
      state: 'accepted',
      alreadyRegistered: { idPeticion: 'PET1', estado: 'Correcta' },
      at: sentAt,
    });
    expect(second).toEqual({
      state: 'acceptedWithErrors',
      errors: [{ code: '2000', description: 'Huella incorrecta.' }],
      alreadyRegistered: { idPeticion: 'PET1', estado: 'AceptadaConErrores' },
      at: sentAt,
    });
    expect(third?.state).toBe('accepted');
    // The record the dead run never sent is answered as new, with the request's CSV.
    expect(fourth).toEqual({ state: 'accepted', csv: 'A-CSV00000000002', at: sentAt });
    expect(repo.saved[0]!.results.map((r) => r.state)).toEqual([
      'accepted',
      'acceptedWithErrors',
      'accepted',
      'accepted',
    ]);
    expect(repo.states.get('t1')?.unanswered).toBeUndefined();
    expect(repo.marked.has('t1')).toBe(false);
  });

  it('settles an annulment a dead run had sent from AEAT’s "ya ha sido dado de baja"', async () => {
    aeat.answer = aeatMemory();
    appendAltas('t1', 1, 1);
    await submitPending(deps)('t1', T0);
    repo.append('t1', anulacion('F-1'));
    deps.submitter = crashAfterSending();
    await expect(submitPending(deps)('t1', at(60))).rejects.toThrow('killed');

    repo.down = false;
    deps.submitter = aeat;
    wallClock = new Date(wallClock.getTime() + 331_000);
    await submitPending(deps)('t1', at(400));
    expect(repo.records('t1')[1]!.submission).toMatchObject({
      state: 'accepted',
      alreadyRegistered: { estado: 'Anulada' },
    });
  });

  it('still rejects a duplicate of a record it never sent before', async () => {
    aeat.answer = aeatMemory();
    appendAltas('t1', 1, 1);
    await submitPending(deps)('t1', T0);
    // A second alta of F-1, as a bug would make: AEAT has the first, not this one from us.
    appendAltas('t1', 1, 1);
    await submitPending(deps)('t1', at(60));
    expect(repo.records('t1')[1]!.submission).toMatchObject({
      state: 'rejected',
      errors: [{ code: '3000', description: 'Registro de facturación duplicado.' }],
    });
    expect(repo.records('t1')[1]!.submission.alreadyRegistered).toBeUndefined();
  });

  it('keeps the records noted after a fault that may have reached AEAT, and settles them on the resend', async () => {
    aeat.answer = aeatMemory();
    appendAltas('t1', 1, 2);
    // AEAT registered the request, but the answer never came back.
    deps.submitter = {
      submit: async (request) => {
        await aeat.submit(request);
        throw new SubmissionFault('AEAT could not be reached: socket hang up');
      },
    };
    expect((await submitPending(deps)('t1', T0)).outcome).toBe('fault');
    expect(repo.states.get('t1')?.unanswered).toEqual({ fromSeq: 1, toSeq: 2 });

    deps.submitter = aeat;
    await submitPending(deps)('t1', at(60));
    expect(repo.records('t1').map((r) => r.submission.alreadyRegistered?.estado)).toEqual([
      'Correcta',
      'Correcta',
    ]);
    expect(repo.states.get('t1')?.unanswered).toBeUndefined();
  });

  it('notes nothing for a request AEAT refused with a SOAP Fault or that never left', async () => {
    appendAltas('t1', 1, 2);
    aeat.fault = new SubmissionFault('AEAT SOAP Fault env:Client: esquema', 'env:Client');
    await submitPending(deps)('t1', T0);
    expect(repo.states.get('t1')?.unanswered).toBeUndefined();

    aeat.fault = new SubmissionFault('No certificate', undefined, { notSent: true });
    await submitPending(deps)('t1', at(60));
    expect(repo.states.get('t1')?.unanswered).toBeUndefined();
    expect(repo.states.get('t1')?.lastFault?.message).toBe('No certificate');
  });

  it('tells the submitter whose records a request carries', async () => {
    appendAltas('t7', 1, 1);
    await submitPending(deps)('t7', T0);
    expect(aeat.requests[0]!.tenantId).toBe('t7');
  });
});
