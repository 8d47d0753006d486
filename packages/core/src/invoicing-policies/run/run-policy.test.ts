import { describe, expect, it } from 'vitest';
import {
  FakeInvoicer,
  InMemoryDeposits,
  InMemoryPolicies,
  InMemoryPolicyRuns,
} from '../../../testing/invoicing-policies.ts';
import {
  aTenant,
  movableClock,
  RecordingMailer,
  RecordingScheduler,
  sequentialIds,
} from '../../../testing/tasks.ts';
import { depositId as dep } from '../../deposits/validate.ts';
import { AppError } from '../../errors.ts';
import type { InvoicingPolicy } from '../model.ts';
import { localMidnight } from '../schedule.ts';
import { periodInvoiceId } from './invoicer.ts';
import { handOverPerDeposit, invoicePolicyDeposits } from './per-deposit.ts';
import { type PolicyRunDeps, runPolicyOccurrence, runScheduledPolicy } from './run-policy.ts';

// Madrid midnights: 1 Nov (CET) and 1 Dec 2026.
const NOV = '2026-10-31T23:00:00.000Z';
const DEC = '2026-11-30T23:00:00.000Z';

function setup(over: Partial<InvoicingPolicy> = {}, perInvoice?: number) {
  const clock = movableClock('2026-12-07T10:00:00Z');
  const policies = new InMemoryPolicies();
  const runs = new InMemoryPolicyRuns();
  const deposits = new InMemoryDeposits();
  const invoicer = new FakeInvoicer(deposits);
  const mailer = new RecordingMailer();
  const scheduler = new RecordingScheduler();
  const base = {
    tenantId: 'ten_1',
    customerId: 'cus_1',
    kind: 'monthly' as const,
    timezone: 'Europe/Madrid',
    startDate: '2026-10-01',
    reportTo: ['duena@levante.example'],
    version: 1,
    createdAt: '2026-10-01T08:00:00.000Z',
    updatedAt: '2026-10-01T08:00:00.000Z',
    ...over,
  };
  policies.items.set('cus_1', {
    ...base,
    startsAt: localMidnight(base.startDate, base.timezone).toISOString(),
  });
  const deps: PolicyRunDeps = {
    policies,
    runs,
    tenants: { get: async () => aTenant() },
    customers: { get: async () => ({ name: 'Ana García Pérez', language: 'es' }) as never },
    deposits,
    invoicer,
    mailer,
    scheduler,
    target: 'runInvoicingPolicy',
    clock,
    ids: sequentialIds(),
    ...(perInvoice ? { perInvoice } : {}),
  };
  const budget = () => ({ deadline: clock.now().getTime() + 600_000, leaseMs: 960_000 });
  const deliver = (occurrence: string, runId?: string) =>
    runScheduledPolicy(deps)(
      {
        tenantId: 'ten_1',
        customerId: 'cus_1',
        occurrence: new Date(occurrence),
        ...(runId ? { runId } : {}),
      },
      budget(),
    );
  const manual = (occurrence: string) =>
    runPolicyOccurrence(deps)('ten_1', 'cus_1', new Date(occurrence), budget());
  return { clock, deps, policies, runs, deposits, invoicer, mailer, scheduler, deliver, manual };
}

const sum = (amounts: string[]) => amounts.reduce((a, b) => a + Number(b), 0).toFixed(2);

describe('a monthly policy run', () => {
  it('over two occurrences, each delivered twice (one of them at once): one invoice per month billing that month’s deposits', async () => {
    const t = setup();
    t.deposits.add('cus_1', 'OCT-1', '50.00', '2026-10-02T10:00:00+02:00');
    t.deposits.add('cus_1', 'OCT-2', '25.50', '2026-10-20T18:00:00+02:00');
    // 23:30 on 31 October in Madrid is still October.
    t.deposits.add('cus_1', 'OCT-3', '10.00', '2026-10-31T23:30:00+01:00');
    t.deposits.add('cus_1', 'NOV-1', '100.00', '2026-11-01T00:00:00+01:00');
    t.deposits.add('cus_1', 'NOV-2', '30.00', '2026-11-30T23:59:59+01:00');
    t.deposits.add('cus_2', 'OTHER', '99.00', '2026-10-05T10:00:00+02:00');

    const [a, b] = await Promise.all([t.deliver(NOV), t.deliver(NOV)]);
    expect([a.run?.status, b.run?.status].sort()).toEqual(['completed', 'duplicate']);
    const again = await t.deliver(NOV);
    expect(again.run).toMatchObject({ status: 'completed', created: 0 });
    await t.deliver(DEC);
    await t.deliver(DEC);

    const invoices = t.invoicer.ofCustomer('cus_1');
    expect(invoices).toHaveLength(2);
    const byMonth = (occurrence: string) =>
      invoices.filter((i) => (i.source as { occurrence: string }).occurrence === occurrence);
    for (const [occurrence, refs] of [
      [NOV, ['OCT-1', 'OCT-2', 'OCT-3']],
      [DEC, ['NOV-1', 'NOV-2']],
    ] as const) {
      const [invoice] = byMonth(occurrence);
      expect(invoice?.depositIds.sort()).toEqual(refs.map((r) => dep(r)));
      expect(invoice?.totals.total).toBe(
        sum(refs.map((r) => t.deposits.items.get(dep(r))?.amount as string)),
      );
    }
    expect(byMonth(NOV)[0]?.notes).toBe(
      'Depósitos del 1 de octubre de 2026 al 31 de octubre de 2026',
    );
    expect(t.deposits.items.get(dep('OTHER'))?.status).toBe('uninvoiced');
    // One report per month that made something, to the policy's address.
    expect(t.mailer.sent.map((m) => m.to)).toEqual([
      ['duena@levante.example'],
      ['duena@levante.example'],
    ]);
    expect(t.mailer.sent[0]?.subject).toBe('Facturación automática de Ana García Pérez: 1 factura');
    expect(t.mailer.sent[0]?.text).toMatch(/- F-1: 85,50\s€ \(3 depósitos\)/);
    expect(t.invoicer.handedOver).toHaveLength(2);
  });

  it('a deposit arriving while a run goes on is billed by that period or the next, never both, never neither', async () => {
    const t = setup();
    t.deposits.add('cus_1', 'OCT-1', '50.00', '2026-10-02T10:00:00+02:00');
    let lists = 0;
    t.deposits.onList = () => {
      // Paid in October, imported after the run read the customer's deposits.
      if (++lists === 2) t.deposits.add('cus_1', 'LATE', '7.00', '2026-10-30T12:00:00+01:00');
    };
    await t.deliver(NOV);
    expect(t.deposits.items.get(dep('LATE'))?.status).toBe('uninvoiced');
    await t.deliver(NOV);
    expect(t.deposits.items.get(dep('LATE'))?.status).toBe('uninvoiced');
    await t.deliver(DEC);
    const late = t.deposits.items.get(dep('LATE'));
    expect(late?.status).toBe('invoiced');
    const [dec] = t.invoicer.ofCustomer('cus_1').filter((i) => i.id === late?.invoiceId);
    expect(dec?.source).toEqual({ policy: 'cus_1', occurrence: DEC });
    expect(t.invoicer.invoices.size).toBe(2);
  });

  it('drops a deposit another invoice took meanwhile and bills the rest', async () => {
    const t = setup();
    t.deposits.add('cus_1', 'A', '10.00', '2026-10-02T10:00:00+02:00');
    t.deposits.add('cus_1', 'B', '20.00', '2026-10-03T10:00:00+02:00');
    t.deposits.add('cus_1', 'C', '30.00', '2026-10-04T10:00:00+02:00');
    let first = true;
    t.invoicer.beforeIssue = () => {
      if (!first) return;
      first = false;
      // A person invoiced B by hand between the run's read and its issue.
      const b = t.deposits.items.get(dep('B'));
      if (b) Object.assign(b, { status: 'invoiced', invoiceId: 'inv_hand' });
    };
    const { run } = await t.deliver(NOV);
    expect(run).toMatchObject({ status: 'completed', created: 1, deposits: 2, failed: 0 });
    expect(t.deposits.ofInvoice(run?.invoices[0]?.id as string).map((d) => d.reference)).toEqual([
      'A',
      'C',
    ]);
  });

  it('splits a period past the deposits one invoice carries, and a redelivery makes no part again', async () => {
    const t = setup({}, 2);
    for (let i = 1; i <= 5; i++)
      t.deposits.add('cus_1', `D${i}`, '10.00', `2026-10-0${i}T10:00:00+02:00`);
    const { run } = await t.deliver(NOV);
    expect(run?.invoices.map((i) => i.deposits)).toEqual([2, 2, 1]);
    expect((await t.manual(NOV)).created).toBe(0);
    expect(t.invoicer.invoices.size).toBe(3);
  });

  it('a resumed run (its pass died) finishes what is missing but adds no second invoice for a late deposit', async () => {
    const t = setup();
    t.deposits.add('cus_1', 'A', '10.00', '2026-10-02T10:00:00+02:00');
    // A pass that issued the period's invoice and died before finishing.
    await t.runs.acquire(
      'ten_1',
      'cus_1',
      NOV,
      'run_dead',
      '2026-12-07T09:00:00Z',
      '2026-12-07T09:10:00Z',
    );
    await t.runs.put({
      id: 'run_dead',
      tenantId: 'ten_1',
      customerId: 'cus_1',
      occurrence: NOV,
      period: { from: '2026-09-30T22:00:00.000Z', to: NOV },
      trigger: 'schedule',
      status: 'running',
      created: 0,
      skipped: 0,
      failed: 0,
      failures: [],
      invoices: [],
      deposits: 0,
      startedAt: '2026-12-07T09:00:00Z',
      updatedAt: '2026-12-07T09:00:00Z',
    });
    await t.invoicer.issue('ten_1', {
      id: periodInvoiceId('cus_1', new Date(NOV), 'EUR', 0),
      customerId: 'cus_1',
      depositIds: [dep('A')],
      source: { policy: 'cus_1', occurrence: NOV },
    });
    t.deposits.add('cus_1', 'LATE', '5.00', '2026-10-31T12:00:00+01:00');
    const { run } = await t.deliver(NOV);
    expect(run).toMatchObject({ status: 'completed', created: 0, skipped: 1 });
    expect(t.runs.runs.get(`cus_1#${NOV}#run_dead`)?.status).toBe('interrupted');
    expect(t.invoicer.invoices.size).toBe(1);
    expect(t.deposits.items.get(dep('LATE'))?.status).toBe('uninvoiced');
  });

  it('past its deadline a run hands over to a continuation of itself, which finishes it', async () => {
    const t = setup({}, 1);
    t.deposits.add('cus_1', 'A', '10.00', '2026-10-02T10:00:00+02:00');
    t.deposits.add('cus_1', 'B', '20.00', '2026-10-03T10:00:00+02:00');
    const realIssue = t.invoicer.issue.bind(t.invoicer);
    let slow = true;
    t.invoicer.issue = async (tenant, bill) => {
      const out = await realIssue(tenant, bill);
      // The first invoice takes the pass past its deadline.
      if (slow) t.clock.at = new Date(t.clock.at.getTime() + 700_000);
      slow = false;
      return out;
    };
    const first = await t.deliver(NOV);
    expect(first.run).toMatchObject({ status: 'continuing', created: 1 });
    const spec = t.scheduler.specs.get(`run-${first.run?.id}`);
    expect(spec).toMatchObject({
      target: 'runInvoicingPolicy',
      deleteAfterCompletion: true,
      input: { tenantId: 'ten_1', customerId: 'cus_1', occurrence: NOV, runId: first.run?.id },
    });
    expect(spec?.expression).toMatch(/^at\(2026-12-07T/);
    const next = await t.deliver(NOV, first.run?.id);
    expect(next.run).toMatchObject({
      id: first.run?.id,
      status: 'completed',
      created: 2,
      deposits: 2,
    });
    expect(await t.deliver(NOV, first.run?.id)).toEqual({
      ignored: `run ${first.run?.id} is completed`,
    });
  });

  it('a failure is reported and leaves the occurrence open: running it again once fixed bills it', async () => {
    const t = setup();
    t.deposits.add('cus_1', 'A', '10.00', '2026-10-02T10:00:00+02:00');
    t.invoicer.failFor.add('cus_1');
    const { run } = await t.deliver(NOV);
    expect(run).toMatchObject({ status: 'completed', created: 0, failed: 1 });
    expect(run?.failures[0]).toEqual({
      message: 'The customer has no address (customer.address: Required to issue)',
      depositIds: [dep('A')],
    });
    expect(t.mailer.sent[0]?.subject).toBe(
      'Facturación automática de Ana García Pérez: 0 facturas, 1 con errores',
    );
    t.invoicer.failFor.clear();
    expect(await t.manual(NOV)).toMatchObject({ created: 1, failed: 0, trigger: 'manual' });
  });

  it('runs on demand only past occurrences of a scheduled policy (422 naming `occurrence`)', async () => {
    const t = setup();
    const refused = async (occurrence: string) => {
      const err = await t.manual(occurrence).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).errors.map((e) => e.path)).toEqual(['occurrence']);
      return (err as AppError).message;
    };
    expect(await refused('2026-11-01T00:00:00Z')).toMatch(/Not an occurrence/);
    expect(await refused('2026-12-31T23:00:00Z')).toBe('The period is not over yet');
    t.policies.items.set('cus_1', {
      ...(t.policies.items.get('cus_1') as InvoicingPolicy),
      kind: 'perDeposit',
    });
    expect(await refused(NOV)).toMatch(/perDeposit/);
  });

  it('an everyDays schedule fires daily: deliveries that are not occurrences do nothing', async () => {
    const t = setup({ kind: 'everyDays', days: 15 });
    t.deposits.add('cus_1', 'A', '10.00', '2026-10-02T10:00:00+02:00');
    expect(await t.deliver('2026-10-29T23:00:00.000Z')).toEqual({
      ignored: 'the policy does not bill at 2026-10-29T23:00:00.000Z',
    });
    expect((await t.deliver('2026-10-15T22:00:00.000Z')).run).toMatchObject({
      created: 1,
      period: { from: '2026-09-30T22:00:00.000Z', to: '2026-10-15T22:00:00.000Z' },
    });
  });
});

describe('a perDeposit policy', () => {
  it('invoices each deposit handed over once, whatever is handed over again', async () => {
    const t = setup({ kind: 'perDeposit' });
    const a = t.deposits.add('cus_1', 'A', '10.00', '2026-12-07T10:00:00+01:00');
    const b = t.deposits.add('cus_1', 'B', '20.00', '2026-12-07T10:05:00+01:00');
    const other = t.deposits.add('cus_2', 'X', '30.00', '2026-12-07T10:05:00+01:00');
    const handed: unknown[] = [];
    const hand = handOverPerDeposit({
      policies: t.policies,
      handOver: async (e) => {
        handed.push(e);
      },
    });
    expect(await hand('ten_1', [a, b, other])).toBe(2);
    expect(handed).toEqual([{ tenantId: 'ten_1', depositIds: [dep('A'), dep('B')] }]);
    const invoice = invoicePolicyDeposits({
      ...t.deps,
      policies: t.policies,
      deposits: t.deposits,
    });
    const first = await invoice({ tenantId: 'ten_1', depositIds: [dep('A'), dep('B'), dep('X')] });
    expect(first).toMatchObject({ skipped: 1, failures: [] });
    expect(first.created).toHaveLength(2);
    const again = await invoice({ tenantId: 'ten_1', depositIds: [dep('A'), dep('B')] });
    expect(again).toEqual({ created: [], skipped: 2, failures: [] });
    expect(t.deposits.items.get(dep('A'))?.invoiceId).toBe(first.created[0]);
    expect(t.invoicer.invoices.get(first.created[0] as string)?.source).toEqual({
      policy: 'cus_1',
      depositId: dep('A'),
    });
    expect(t.deposits.items.get(dep('X'))?.status).toBe('uninvoiced');
  });
});
