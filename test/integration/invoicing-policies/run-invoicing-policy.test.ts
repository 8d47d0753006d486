import { Dec } from '@sello/core/money';
import { beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../../packages/local/src/apigw.ts';
import { loadHandler } from '../../../packages/local/src/handlers.ts';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { localScheduler, mailsTo, uniqueEmail } from '../tasks/support.ts';

const api = await startApi();
const { store, loop } = localScheduler(api);
let key: string;
let tenantId: string;

// Madrid midnights closing October and November 2026.
const NOV = '2026-10-31T23:00:00.000Z';
const DEC = '2026-11-30T23:00:00.000Z';

beforeAll(async () => {
  ({ key, tenantId } = await createTenant('Recargas Levante SL'));
});

interface DepositView {
  id: string;
  reference: string;
  amount: string;
  date: string;
  status: string;
  invoiceId?: string;
}

const customer = async (name: string) =>
  (await api.call('POST', '/v1/customers', { key, body: aCustomer({ name }) })).json.id as string;

const setPolicy = async (customerId: string, body: Record<string, unknown>) => {
  const res = await api.call('PUT', `/v1/customers/${customerId}/invoicing-policy`, { key, body });
  expect(res.status, res.text).toBe(201);
  return res.json;
};

let refs = 0;
const deposit = (customerId: string, amount: string, date: string) => ({
  customerId,
  amount,
  currency: 'EUR',
  date,
  method: 'card',
  reference: `PAY-${Date.now()}-${++refs}`,
});

const importDeposits = async (deposits: unknown[]) => {
  const res = await api.call('POST', '/v1/deposits', { key, body: { deposits } });
  expect(res.status, res.text).toBe(201);
  return res;
};

const depositsOf = async (customerId: string) =>
  (await api.call('GET', `/v1/deposits?customerId=${customerId}&limit=200`, { key })).json
    .items as DepositView[];

const invoicesOf = async (customerId: string) =>
  (await api.call('GET', `/v1/invoices?customerId=${customerId}&limit=200`, { key })).json
    .items as Array<{
    id: string;
    status: string;
    number?: string;
    lines: Array<{ description: string }>;
    source?: { policy: string; occurrence?: string; depositId?: string };
    totals: { total: string };
  }>;

/** The schedule's delivery, as EventBridge Scheduler invokes the target. */
const deliver = (customerId: string, occurrence: string) =>
  api.invoker.runScheduled('runInvoicingPolicy', { tenantId, customerId, occurrence });

const total = (amounts: string[]) => amounts.reduce((a, b) => a.plus(b), new Dec(0)).toFixed(2);

describe('a monthly policy', () => {
  it('over two occurrences, each delivered twice: exactly one invoice per account per month, billing that month’s deposits', async () => {
    const owner = uniqueEmail('duena');
    const accounts = [await customer('Ana García Pérez'), await customer('Bernat Puig Soler')];
    const months: Record<string, Record<string, string[]>> = {};
    for (const [n, id] of accounts.entries()) {
      await setPolicy(id, {
        kind: 'monthly',
        timezone: 'Europe/Madrid',
        startDate: '2026-10-01',
        reportTo: owner,
      });
      const october = [
        deposit(id, `${10 + n}.00`, '2026-10-01T00:00:00+02:00'),
        deposit(id, '25.50', '2026-10-15T12:00:00+02:00'),
        // 23:59 on 31 October in Madrid: still October.
        deposit(id, '4.99', '2026-10-31T23:59:00+01:00'),
      ];
      const november = [
        deposit(id, '100.00', '2026-11-01T00:00:00+01:00'),
        deposit(id, '0.01', '2026-11-30T23:59:59+01:00'),
      ];
      await importDeposits([...october, ...november]);
      months[id] = {
        [NOV]: october.map((d) => d.reference),
        [DEC]: november.map((d) => d.reference),
      };
    }

    for (const occurrence of [NOV, DEC]) {
      // Each account's occurrence delivered twice, at once.
      await Promise.all(
        accounts.flatMap((id) => [deliver(id, occurrence), deliver(id, occurrence)]),
      );
    }
    await api.settled();

    for (const id of accounts) {
      const invoices = await invoicesOf(id);
      expect(invoices).toHaveLength(2);
      const deposits = await depositsOf(id);
      for (const occurrence of [NOV, DEC]) {
        const monthly = invoices.filter((i) => i.source?.occurrence === occurrence);
        expect(monthly).toHaveLength(1);
        const [invoice] = monthly;
        expect(invoice).toMatchObject({ status: 'issued', source: { policy: id, occurrence } });
        const billed = deposits.filter((d) => d.invoiceId === invoice?.id);
        const expected = months[id]?.[occurrence] ?? [];
        expect(billed.map((d) => d.reference).sort()).toEqual([...expected].sort());
        const month = deposits.filter((d) => expected.includes(d.reference));
        expect(total(billed.map((d) => d.amount))).toBe(total(month.map((d) => d.amount)));
      }
      expect(deposits.every((d) => d.status === 'invoiced')).toBe(true);
      const runs = (await api.call('GET', `/v1/customers/${id}/invoicing-policy/runs`, { key }))
        .json.items as Array<{ occurrence: string; status: string; created: number }>;
      expect(runs.filter((r) => r.created > 0)).toHaveLength(2);
      expect(runs.reduce((n, r) => n + r.created, 0)).toBe(2);
    }
    // One report per account and month that made an invoice.
    const reports = await mailsTo(owner);
    expect(reports).toHaveLength(4);
    expect(reports.map((m) => m.subject)).toContain(
      'Facturación automática de Ana García Pérez: 1 factura',
    );
  });

  it('fired by the local scheduler at its first occurrence, it bills what is uninvoiced before it; again, nothing', async () => {
    const id = await customer('Carla Ruiz Gómez');
    const policy = await setPolicy(id, { kind: 'monthly', timezone: 'Europe/Madrid' });
    await importDeposits([deposit(id, '60.00', new Date(Date.now() - 60_000).toISOString())]);
    const spec = (await store.list()).find((s) => s.name === `policy-${id}`);
    expect(spec?.startDate?.toISOString()).toBe(policy.next[0]);
    const at = new Date(Date.parse(policy.next[0]) + 1000);
    const tick = await loop.tick(at);
    expect(tick.failed).toEqual([]);
    expect(tick.fired.filter((f) => f.name === `policy-${id}`)).toHaveLength(1);
    expect(await loop.tick(at)).toMatchObject({ fired: [] });
    await deliver(id, policy.next[0]);
    const invoices = await invoicesOf(id);
    expect(invoices).toHaveLength(1);
    expect(invoices[0]?.source).toEqual({ policy: id, occurrence: policy.next[0] });
  });

  it('a deposit arriving during a run, or late, is billed in that period or the next: once', async () => {
    const id = await customer('Dolores Vidal Ros');
    await setPolicy(id, { kind: 'monthly', timezone: 'Europe/Madrid', startDate: '2026-10-01' });
    await importDeposits([deposit(id, '10.00', '2026-10-10T10:00:00+02:00')]);
    // A deposit paid in October imported while November's run goes on, and one after it.
    await Promise.all([
      deliver(id, NOV),
      importDeposits([deposit(id, '20.00', '2026-10-20T10:00:00+02:00')]),
    ]);
    await importDeposits([deposit(id, '30.00', '2026-10-30T10:00:00+01:00')]);
    await deliver(id, NOV);
    await deliver(id, DEC);
    const invoices = await invoicesOf(id);
    const deposits = await depositsOf(id);
    expect(deposits.every((d) => d.status === 'invoiced')).toBe(true);
    expect(invoices).toHaveLength(2);
    const ids = new Set(invoices.map((i) => i.id));
    expect(deposits.every((d) => ids.has(d.invoiceId as string))).toBe(true);
    // Each deposit on exactly one invoice's lines (one line per deposit, naming its reference).
    const lines = invoices.flatMap((i) => i.lines.map((l) => l.description));
    expect(lines).toHaveLength(deposits.length);
    for (const d of deposits) {
      expect(lines.filter((l) => l.endsWith(` · ${d.reference}`))).toHaveLength(1);
    }
    const late = deposits.find((d) => d.amount === '30.00');
    expect(invoices.find((i) => i.id === late?.invoiceId)?.source?.occurrence).toBe(DEC);
  });

  it('a run out of time hands over to a continuation, which finishes it; a dead pass is taken over', async () => {
    const id = await customer('Eulàlia Ferrer Mas');
    await setPolicy(id, { kind: 'monthly', timezone: 'Europe/Madrid', startDate: '2026-10-01' });
    await importDeposits([deposit(id, '15.00', '2026-10-10T10:00:00+02:00')]);
    const handler = await loadHandler('functions/invoicing-policies/run-invoicing-policy.ts');
    // The handler is told its time is up (middy, which would abort it, is not): the pass stops
    // before its first invoice.
    const context = {
      ...lambdaContext('runInvoicingPolicy', 900),
      getRemainingTimeInMillis: () =>
        new Error().stack?.includes('run-invoicing-policy.ts') ? 0 : 900_000,
    };
    const first = (await handler({ tenantId, customerId: id, occurrence: NOV }, context)) as {
      run: { id: string; status: string; created: number };
    };
    expect(first.run).toMatchObject({ status: 'continuing', created: 0 });
    const continuation = (await store.list()).find((s) => s.name === `run-${first.run.id}`);
    expect(continuation).toMatchObject({
      target: 'runInvoicingPolicy',
      timezone: 'UTC',
      deleteAfterCompletion: true,
      input: { tenantId, customerId: id, occurrence: NOV, runId: first.run.id },
    });
    await api.invoker.runScheduled('runInvoicingPolicy', continuation?.input);
    expect(await invoicesOf(id)).toHaveLength(1);
    const runs = (await api.call('GET', `/v1/customers/${id}/invoicing-policy/runs`, { key })).json
      .items as Array<{ id: string; status: string; created: number }>;
    expect(runs).toEqual([
      expect.objectContaining({ id: first.run.id, status: 'completed', created: 1 }),
    ]);

    // December: a pass that took the lease and died (its lease ran out) is taken over.
    const { repositories } = await import('@sello/app/platform');
    const past = new Date(Date.now() - 60_000).toISOString();
    await repositories().policyRuns.acquire(tenantId, id, DEC, 'run_dead', past, past);
    await importDeposits([deposit(id, '5.00', '2026-11-10T10:00:00+01:00')]);
    const manual = await api.call('POST', `/v1/customers/${id}/invoicing-policy/run`, {
      key,
      body: { occurrence: '2026-12-01T00:00:00+01:00' },
    });
    expect(manual.status, manual.text).toBe(200);
    expect(manual.json).toMatchObject({ trigger: 'manual', status: 'completed', created: 1 });
    expect(await invoicesOf(id)).toHaveLength(2);
    // Asking again makes nothing; an instant that is no occurrence is refused naming it.
    const again = await api.call('POST', `/v1/customers/${id}/invoicing-policy/run`, {
      key,
      body: { occurrence: DEC },
    });
    expect(again.json).toMatchObject({ status: 'completed', created: 0 });
    const wrong = await api.call('POST', `/v1/customers/${id}/invoicing-policy/run`, {
      key,
      body: { occurrence: '2026-12-01T00:00:00Z' },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.json.errors.map((e: { path: string }) => e.path)).toEqual(['occurrence']);
  });
});

describe('a perDeposit policy', () => {
  it('invoices each deposit when it is imported, in the background, once however often it is imported', async () => {
    const id = await customer('Ferran Soler Puig');
    const other = await customer('Gemma Roig Vila');
    await setPolicy(id, { kind: 'perDeposit', timezone: 'Europe/Madrid' });
    const batch = [
      deposit(id, '12.10', '2026-12-06T10:00:00+01:00'),
      deposit(id, '30.00', '2026-12-06T11:00:00+01:00'),
      deposit(other, '40.00', '2026-12-06T12:00:00+01:00'),
    ];
    await importDeposits(batch);
    await api.settled();
    const invoices = await invoicesOf(id);
    expect(invoices).toHaveLength(2);
    const deposits = await depositsOf(id);
    for (const d of deposits) {
      const invoice = invoices.find((i) => i.id === d.invoiceId);
      expect(invoice).toMatchObject({
        status: 'issued',
        lines: [expect.objectContaining({ description: expect.stringContaining(d.reference) })],
        totals: { total: d.amount },
        source: { policy: id, depositId: d.id },
      });
    }
    expect((await depositsOf(other))[0]?.status).toBe('uninvoiced');
    // The same payments notified again: nothing more.
    const again = await api.call('POST', '/v1/deposits', { key, body: { deposits: batch } });
    expect(again.status).toBe(200);
    await api.settled();
    expect(await invoicesOf(id)).toHaveLength(2);
    expect(await invoicesOf(other)).toHaveLength(0);
  });
});
