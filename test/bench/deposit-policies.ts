import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositories } from '@sello/app/platform';
import type { Customer } from '@sello/core/customers';
import { type Deposit, depositId } from '@sello/core/deposits';
import { localMidnight, type PolicyRun } from '@sello/core/invoicing-policies';
import { systemClock, ulidIds } from '@sello/core/ports';
import { provisionTenant } from '@sello/core/tenants';
import { lambdaContext } from '../../packages/local/src/apigw.ts';
import { loadHandler } from '../../packages/local/src/handlers.ts';
import type { Platform } from '../../packages/local/src/platform.ts';
import { median, round } from './stats.ts';

/**
 * Month-total invoicing policies over many accounts, on the local platform: every account's
 * schedule delivers the same occurrence (1 December 2026, 00:00 in Madrid) to the
 * `runInvoicingPolicy` handler, the function EventBridge Scheduler invokes, `concurrency` at a
 * time (AWS would start them all at once; here they share two cores). Each delivery reads the
 * policy and takes the occurrence's lease, reads the account's uninvoiced deposits from its index,
 * drafts one invoice from them under the default deposit treatment (one line each, IVA 21 %),
 * issues it in the numbering transaction that also marks its deposits invoiced and chains its
 * VERI*FACTU record, writes the run and mails the owner's report. `seconds` ends when every
 * delivery answered; `withDocumentsSeconds` when the post-issue step they handed over (signed
 * Facturae and PDF, stored) has settled too. Then the occurrence is delivered again to every
 * account: it must create nothing. Checked: exactly one invoice per account, every deposit
 * invoiced once, by the invoice that lists it.
 *
 * Standalone: `node --import tsx test/bench/deposit-policies.ts [accounts] [depositsPerAccount]
 * [repeats]` starts its own platform (default 1,000 × 10, 3 repeats).
 */
export interface DepositPolicyRepeat {
  seconds: number;
  invoicesPerSecond: number;
  withDocumentsSeconds: number;
  redeliverySeconds: number;
}

export interface DepositPolicyBenchResult {
  accounts: number;
  deposits: number;
  concurrency: number;
  invoices: number;
  /** Medians over the repeats. */
  seconds: number;
  invoicesPerSecond: number;
  withDocumentsSeconds: number;
  redeliverySeconds: number;
  redeliveryCreated: number;
  repeats: DepositPolicyRepeat[];
}

const RUN = 'functions/invoicing-policies/run-invoicing-policy.ts';
const OCCURRENCE = '2026-11-30T23:00:00.000Z';

async function inBatches<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

async function oneRepeat(
  platform: Platform,
  options: { accounts: number; perAccount: number; concurrency: number; log: (l: string) => void },
): Promise<DepositPolicyRepeat & { invoices: number; redeliveryCreated: number }> {
  const r = repositories();
  const { tenant } = await provisionTenant({
    tenants: r.tenants,
    clock: systemClock,
    ids: ulidIds,
  })({
    name: 'Bench Recargas, S.L.',
    taxId: 'B12345674',
    email: 'owner@bench.example',
    language: 'es',
    timezone: 'Europe/Madrid',
    address: { line1: 'Gran Vía 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
  });
  const now = new Date().toISOString();
  const ids = Array.from({ length: options.accounts }, () => ulidIds.next('cus'));
  // Written straight to the store: the runs are what is measured, not the API that makes these.
  await inBatches(ids, 32, async (id) => {
    const customer: Customer = {
      id,
      tenantId: tenant.id,
      taxId: '12345678Z',
      taxIdKind: 'NIF' as Customer['taxIdKind'],
      personType: 'F' as Customer['personType'],
      name: `Cliente ${id.slice(-6)}`,
      email: `${id}@bench.example`,
      language: 'es',
      address: { line1: 'Calle Mayor 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await r.customers.create(customer);
    await r.invoicingPolicies.put({
      tenantId: tenant.id,
      customerId: id,
      kind: 'monthly',
      timezone: 'Europe/Madrid',
      startDate: '2026-11-01',
      startsAt: localMidnight('2026-11-01', 'Europe/Madrid').toISOString(),
      reportTo: ['owner@bench.example'],
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
  });
  const deposits: Deposit[] = ids.flatMap((customerId, a) =>
    Array.from({ length: options.perAccount }, (_, k) => {
      const reference = `B-${customerId.slice(-10)}-${k}`;
      const date = new Date(Date.UTC(2026, 10, 1 + ((a + k) % 29), 9, k)).toISOString();
      return {
        id: depositId(reference),
        tenantId: tenant.id,
        customerId,
        amount: `${10 + ((a * 7 + k * 13) % 90)}.${String((a + k * 31) % 100).padStart(2, '0')}`,
        currency: 'EUR',
        date,
        method: 'card' as const,
        reference,
        status: 'uninvoiced' as const,
        paidAt: date,
        contentHash: reference,
        importId: 'imp_bench',
        createdAt: now,
        updatedAt: now,
      };
    }),
  );
  const chunks = Array.from({ length: Math.ceil(deposits.length / 100) }, (_, i) =>
    deposits.slice(i * 100, i * 100 + 100),
  );
  await inBatches(chunks, 8, async (chunk) => {
    await r.deposits.createNew(chunk);
  });
  options.log(`deposit policies: ${ids.length} accounts, ${deposits.length} deposits written`);

  const handler = await loadHandler(RUN);
  const deliverAll = async () => {
    const runs: PolicyRun[] = [];
    await inBatches(ids, options.concurrency, async (customerId) => {
      const out = (await handler(
        { tenantId: tenant.id, customerId, occurrence: OCCURRENCE },
        lambdaContext('runInvoicingPolicy', 900),
      )) as { run?: PolicyRun };
      if (!out.run) throw new Error(`delivery ignored for ${customerId}: ${JSON.stringify(out)}`);
      runs.push(out.run);
    });
    return runs;
  };

  await platform.settled();
  const started = performance.now();
  const runs = await deliverAll();
  const seconds = (performance.now() - started) / 1000;
  const failures = await platform.settled();
  const withDocumentsSeconds = (performance.now() - started) / 1000;
  if (failures.length) throw new Error(`post-issue work failed: ${String(failures[0]?.error)}`);

  // Exactly one invoice per account, and every deposit on exactly the invoice that took it.
  const invoiceIds = runs.flatMap((run) => run.invoices.map((i) => i.id));
  const bad = runs.find((run) => run.status !== 'completed' || run.created !== 1 || run.failed);
  if (bad || new Set(invoiceIds).size !== ids.length) {
    throw new Error(`not one invoice per account: ${JSON.stringify(bad ?? invoiceIds.length)}`);
  }
  const owner = new Map<string, string>();
  await inBatches(invoiceIds, 16, async (id) => {
    const invoice = await r.invoices.get(tenant.id, id);
    if (invoice?.status !== 'issued') throw new Error(`${id} is not issued`);
    for (const d of invoice.deposits ?? []) {
      if (owner.has(d)) throw new Error(`deposit ${d} is on two invoices`);
      owner.set(d, id);
    }
  });
  const stored = await r.deposits.getMany(
    tenant.id,
    deposits.map((d) => d.reference),
  );
  const wrong = stored.filter((d) => d.status !== 'invoiced' || owner.get(d.id) !== d.invoiceId);
  if (owner.size !== deposits.length || stored.length !== deposits.length || wrong.length) {
    throw new Error(
      `deposits not invoiced once: ${owner.size} billed, ${wrong.length} wrong of ${deposits.length}`,
    );
  }
  options.log(
    `deposit policies: ${invoiceIds.length} invoices in ${round(seconds)} s (${round(withDocumentsSeconds)} s with documents)`,
  );

  const again = performance.now();
  const repeat = await deliverAll();
  const redeliverySeconds = (performance.now() - again) / 1000;
  const redeliveryCreated = repeat.reduce((n, run) => n + run.created, 0);
  if (redeliveryCreated !== 0) throw new Error(`redelivery created ${redeliveryCreated} invoices`);
  return {
    seconds: round(seconds),
    invoicesPerSecond: round(invoiceIds.length / seconds),
    withDocumentsSeconds: round(withDocumentsSeconds),
    redeliverySeconds: round(redeliverySeconds),
    invoices: invoiceIds.length,
    redeliveryCreated,
  };
}

export async function benchDepositPolicies(
  platform: Platform,
  options: {
    accounts: number;
    depositsPerAccount: number;
    repeats: number;
    concurrency?: number;
    log: (line: string) => void;
  },
): Promise<DepositPolicyBenchResult> {
  const concurrency = options.concurrency ?? 16;
  const repeats: Array<DepositPolicyRepeat & { invoices: number; redeliveryCreated: number }> = [];
  for (let i = 0; i < options.repeats; i++) {
    repeats.push(
      await oneRepeat(platform, {
        accounts: options.accounts,
        perAccount: options.depositsPerAccount,
        concurrency,
        log: options.log,
      }),
    );
  }
  const med = (pick: (r: DepositPolicyRepeat) => number) => round(median(repeats.map(pick)));
  return {
    accounts: options.accounts,
    deposits: options.accounts * options.depositsPerAccount,
    concurrency,
    invoices: repeats[0]?.invoices ?? 0,
    seconds: med((r) => r.seconds),
    invoicesPerSecond: med((r) => r.invoicesPerSecond),
    withDocumentsSeconds: med((r) => r.withDocumentsSeconds),
    redeliverySeconds: med((r) => r.redeliverySeconds),
    redeliveryCreated: repeats.reduce((n, r) => n + r.redeliveryCreated, 0),
    repeats: repeats.map(
      ({ seconds, invoicesPerSecond, withDocumentsSeconds, redeliverySeconds }) => ({
        seconds,
        invoicesPerSecond,
        withDocumentsSeconds,
        redeliverySeconds,
      }),
    ),
  };
}

/** The line `npm run bench` prints. */
export const depositPoliciesLine = (b: DepositPolicyBenchResult): string =>
  `Deposit policies (month total, ${b.accounts} accounts, ${b.deposits} deposits, ${b.concurrency} ` +
  `deliveries at a time; each: lease, deposits from the account's index, draft, issue marking its ` +
  `deposits, run record, owner's report): ${b.invoices} invoices in ${b.seconds} s, ` +
  `${b.invoicesPerSecond} invoices/s; with the post-issue documents (Facturae, PDF) ${b.withDocumentsSeconds} s; ` +
  `every deposit invoiced once; redelivery ${b.redeliverySeconds} s, ${b.redeliveryCreated} created ` +
  `(medians of ${b.repeats.length})`;

// Standalone run: its own platform (tables in memory, as `npm run bench`) in a temporary folder.
if (import.meta.url === `file://${process.argv[1]}`) {
  const accounts = Number(process.argv[2] ?? 1000);
  const depositsPerAccount = Number(process.argv[3] ?? 10);
  const repeats = Number(process.argv[4] ?? 3);
  const { startPlatform } = await import('../../packages/local/src/platform.ts');
  const { freePort } = await import('../../packages/local/src/services/ports.ts');
  const dir = mkdtempSync(join(tmpdir(), 'sello-bench-policies-'));
  const say = (line: string) => console.log(`[bench] ${line}`);
  const platform = await startPlatform({
    dataDir: join(dir, 'data'),
    port: await freePort(),
    mailPort: await freePort(),
    schedulerIntervalMs: 0,
    dynamoInMemory: true,
    log: say,
  });
  try {
    const result = await benchDepositPolicies(platform, {
      accounts,
      depositsPerAccount,
      repeats,
      log: say,
    });
    console.log(depositPoliciesLine(result));
    console.log(JSON.stringify(result));
  } finally {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
