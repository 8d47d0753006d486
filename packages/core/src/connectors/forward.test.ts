import { describe, expect, it } from 'vitest';
import { ConflictError, PreconditionFailedError } from '../errors.ts';
import type { Invoice } from '../invoices/model.ts';
import type { SealedSecret } from '../ports/secrets.ts';
import type { Connector, ForwardResult } from './connector.ts';
import {
  FORWARD_LEASE_MS,
  forwardInvoice,
  forwardingOf,
  requestForwarding,
  SENDING_STALE_MS,
} from './forward.ts';
import type { ConnectorId, ForwardJob, StoredConnectorCredentials } from './model.ts';

/** An issued Spanish invoice with what forwarding reads of it. */
const anInvoice = (overrides: Partial<Invoice> = {}): Invoice =>
  ({
    id: 'inv_1',
    tenantId: 'ten_1',
    status: 'issued',
    number: 'F2026-000001',
    issueDate: '2026-12-08',
    origin: 'api',
    issuer: { address: { country: 'ES' } },
    events: [],
    version: 3,
    createdAt: '2026-12-08T09:00:00.000Z',
    updatedAt: '2026-12-08T09:00:00.000Z',
    ...overrides,
  }) as unknown as Invoice;

/** One invoice in memory, written only at its version, as the DynamoDB adapter does. */
function store(initial: Invoice, options: { conflicts?: number } = {}) {
  let current = initial;
  let conflicts = options.conflicts ?? 0;
  const writes: Invoice[] = [];
  return {
    get current() {
      return current;
    },
    writes,
    invoices: {
      get: async () => structuredClone(current),
      update: async (next: Invoice) => {
        if (conflicts > 0) {
          conflicts--;
          // Somebody else wrote meanwhile (e.g. the post-issue step): one version on.
          current = { ...current, version: current.version + 1 };
          throw new PreconditionFailedError('changed');
        }
        if (next.version !== current.version + 1) throw new PreconditionFailedError('stale');
        current = structuredClone(next);
        writes.push(current);
      },
    },
  };
}

const at = (iso: string) => ({ now: () => new Date(iso) });

const connector = (
  id: ConnectorId,
  answer: () => Promise<ForwardResult>,
  perUserCredentials = false,
): Connector => ({ id, perUserCredentials, forward: answer });

const registry = (...connectors: Connector[]) => ({
  get: (id: ConnectorId) => connectors.find((c) => c.id === id),
});

const sealed: SealedSecret = {
  v: 1,
  keyId: 'k',
  encryptedKey: 'e',
  iv: 'i',
  tag: 't',
  ciphertext: 'c',
};
const stored: StoredConnectorCredentials = {
  tenantId: 'ten_1',
  userId: 'usr_1',
  connector: 'insurer-platform',
  taxId: 'B12345674',
  sealed,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
};

const delivered = async (): Promise<ForwardResult> => ({
  status: 'delivered',
  registryNumber: 'REG-1',
});

function requestDeps(
  s: ReturnType<typeof store>,
  connectors = registry(connector('sandbox', delivered)),
) {
  const jobs: ForwardJob[] = [];
  return {
    jobs,
    deps: {
      invoices: s.invoices,
      credentials: { get: async () => stored },
      connectors,
      // Spain's original is the one format here; Mexico has none in this catalog.
      formats: {
        originalIn: (country: string) => (country === 'ES' ? 'original' : undefined),
        appliesTo: () => true,
      },
      clock: at('2026-12-08T10:00:00.000Z'),
      handOver: async (job: ForwardJob) => void jobs.push(job),
    },
  };
}

describe('requestForwarding', () => {
  it('records one more attempt `sending` and hands over exactly that attempt', async () => {
    const s = store(
      anInvoice({
        forwarding: [
          { connector: 'sandbox', status: 'failed', attempts: 2, at: '2026-12-08T09:00:00.000Z' },
        ],
      }),
    );
    const { deps, jobs } = requestDeps(s);
    await requestForwarding(deps)({ tenantId: 'ten_1' }, 'inv_1', 'sandbox');
    expect(forwardingOf(s.current, 'sandbox')).toEqual({
      connector: 'sandbox',
      status: 'sending',
      attempts: 3,
      at: '2026-12-08T10:00:00.000Z',
    });
    expect(s.current.version).toBe(4);
    expect(jobs).toEqual([
      { tenantId: 'ten_1', invoiceId: 'inv_1', connector: 'sandbox', attempt: 3 },
    ]);
  });

  it('reads again and checks again when another write got there first', async () => {
    const s = store(anInvoice(), { conflicts: 2 });
    const { deps } = requestDeps(s);
    await requestForwarding(deps)({ tenantId: 'ten_1' }, 'inv_1', 'sandbox');
    expect(s.current.version).toBe(6);
    expect(forwardingOf(s.current, 'sandbox')?.status).toBe('sending');
  });

  it('refuses while an attempt is under way, and takes over one that was lost', async () => {
    const sending = (ago: number) =>
      anInvoice({
        forwarding: [
          {
            connector: 'sandbox',
            status: 'sending',
            attempts: 1,
            at: new Date(Date.parse('2026-12-08T10:00:00.000Z') - ago).toISOString(),
          },
        ],
      });
    const fresh = store(sending(SENDING_STALE_MS - 1000));
    await expect(
      requestForwarding(requestDeps(fresh).deps)({ tenantId: 'ten_1' }, 'inv_1', 'sandbox'),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(fresh.writes).toEqual([]);
    const lost = store(sending(SENDING_STALE_MS + 1000));
    await requestForwarding(requestDeps(lost).deps)({ tenantId: 'ten_1' }, 'inv_1', 'sandbox');
    expect(forwardingOf(lost.current, 'sandbox')?.attempts).toBe(2);
  });

  it('marks the attempt failed when it cannot be handed over, so it may be forwarded again', async () => {
    const s = store(anInvoice());
    const { deps } = requestDeps(s);
    const down = { ...deps, handOver: () => Promise.reject(new Error('Lambda throttled')) };
    await expect(
      requestForwarding(down)({ tenantId: 'ten_1' }, 'inv_1', 'sandbox'),
    ).rejects.toThrow('Lambda throttled');
    expect(forwardingOf(s.current, 'sandbox')).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: { code: 'not-started' },
    });
    await requestForwarding(deps)({ tenantId: 'ten_1' }, 'inv_1', 'sandbox');
    expect(forwardingOf(s.current, 'sandbox')).toMatchObject({ status: 'sending', attempts: 2 });
  });

  it('refuses a Mexican invoice (no Facturae) and a connector not configured', async () => {
    const mx = store(anInvoice({ issuer: { address: { country: 'MX' } } } as Partial<Invoice>));
    await expect(
      requestForwarding(requestDeps(mx).deps)({ tenantId: 'ten_1' }, 'inv_1', 'sandbox'),
    ).rejects.toThrow(/no signed XML original/);
    const s = store(anInvoice());
    await expect(
      requestForwarding(requestDeps(s).deps)({ tenantId: 'ten_1' }, 'inv_1', 'face'),
    ).rejects.toMatchObject({ errors: [{ path: 'connector' }] });
  });
});

function runDeps(
  s: ReturnType<typeof store>,
  answer: () => Promise<ForwardResult>,
  now = '2026-12-08T10:00:05.000Z',
) {
  let forwarded = 0;
  return {
    forwarded: () => forwarded,
    deps: {
      invoices: s.invoices,
      credentials: { get: async () => stored },
      secrets: {
        open: async () => JSON.stringify({ username: 'u', password: 'p' }),
      },
      connectors: registry(
        connector('sandbox', () => {
          forwarded++;
          return answer();
        }),
      ),
      document: async () => ({
        format: 'facturae',
        mediaType: 'application/xml',
        fileName: 'F.xsig',
        body: new Uint8Array([60]),
      }),
      clock: at(now),
    },
  };
}

const sendingInvoice = (extra: Record<string, unknown> = {}) =>
  anInvoice({
    forwarding: [
      {
        connector: 'sandbox',
        status: 'sending',
        attempts: 2,
        at: '2026-12-08T10:00:00.000Z',
        ...extra,
      },
    ],
  });
const job: ForwardJob = { tenantId: 'ten_1', invoiceId: 'inv_1', connector: 'sandbox', attempt: 2 };

describe('forwardInvoice', () => {
  it('writes the answer over its own attempt, without the lease', async () => {
    const s = store(sendingInvoice());
    const { deps } = runDeps(s, delivered);
    expect(await forwardInvoice(deps)(job)).toEqual({
      status: 'delivered',
      registryNumber: 'REG-1',
    });
    expect(forwardingOf(s.current, 'sandbox')).toEqual({
      connector: 'sandbox',
      status: 'delivered',
      registryNumber: 'REG-1',
      attempts: 2,
      at: '2026-12-08T10:00:05.000Z',
    });
  });

  it('does nothing for an attempt that is not the current one, or one another run holds', async () => {
    const old = store(sendingInvoice());
    const run = runDeps(old, delivered);
    expect(await forwardInvoice(run.deps)({ ...job, attempt: 1 })).toEqual({
      status: 'skipped',
      reason: 'not-current',
    });
    const held = store(sendingInvoice({ leaseUntil: '2026-12-08T10:01:00.000Z' }));
    const second = runDeps(held, delivered);
    expect(await forwardInvoice(second.deps)(job)).toEqual({ status: 'skipped', reason: 'taken' });
    expect(run.forwarded() + second.forwarded()).toBe(0);
    // A lease past its time was a run that died: a retry takes over.
    const expired = store(sendingInvoice({ leaseUntil: '2026-12-08T10:00:00.000Z' }));
    const retry = runDeps(
      expired,
      delivered,
      new Date(Date.parse('2026-12-08T10:00:00.000Z') + FORWARD_LEASE_MS).toISOString(),
    );
    expect((await forwardInvoice(retry.deps)(job)).status).toBe('delivered');
  });

  it('records failed when the connector throws; rejected with the platform’s code', async () => {
    const down = store(sendingInvoice());
    await forwardInvoice(
      runDeps(down, () => Promise.reject(new Error('connect ECONNREFUSED'))).deps,
    )(job);
    expect(forwardingOf(down.current, 'sandbox')).toMatchObject({
      status: 'failed',
      error: { code: 'unreachable', message: 'connect ECONNREFUSED' },
    });
    const refused = store(sendingInvoice());
    await forwardInvoice(
      runDeps(refused, async () => ({
        status: 'rejected',
        error: { code: 'NOT_FACTURAE', message: 'no' },
      })).deps,
    )(job);
    expect(forwardingOf(refused.current, 'sandbox')).toMatchObject({
      status: 'rejected',
      error: { code: 'NOT_FACTURAE' },
    });
  });

  it('never moves an entry back: an answer for an attempt settled meanwhile is dropped', async () => {
    const s = store(sendingInvoice());
    const { deps } = runDeps(s, async () => {
      // While the platform answers, the attempt is settled by another run.
      const e = forwardingOf(s.current, 'sandbox')!;
      Object.assign(e, { status: 'delivered', registryNumber: 'FIRST' });
      return { status: 'rejected', error: { code: 'LATE', message: 'late' } };
    });
    expect(await forwardInvoice(deps)(job)).toEqual({ status: 'skipped', reason: 'not-current' });
    expect(forwardingOf(s.current, 'sandbox')).toMatchObject({
      status: 'delivered',
      registryNumber: 'FIRST',
    });
  });
});
