import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositories } from '@sello/app/platform';
import { systemClock, ulidIds } from '@sello/core/ports';
import { provisionTenant } from '@sello/core/tenants';
import type { Platform } from '../../packages/local/src/platform.ts';
import { median, round } from './stats.ts';

/**
 * The public self-invoicing redemption through the local API, as buyers do it: 16 connections,
 * each redeeming tickets one after another (`POST /v1/public/self-invoicing/{n}/invoices`), each
 * request timed from send to answer. It includes what the real path does in the request: the
 * company lookup, the guess budgets, the ticket's conditional claim, the buyer's customer, the
 * invoice drafted in memory with the tax engine and written issued by the numbering transaction
 * with the VERI*FACTU record, and the document links; the signed Facturae, the PDF and the buyer's
 * mail follow after the answer, as in AWS. Checked after: one invoice per ticket, and the series'
 * numbers gapless and unique.
 *
 * What a local run is not (see `CONDITIONS`, printed with the result): everything shares this
 * machine's cores, so the load generator, the API, the post-issue work (handed over, it runs
 * beside the requests in this process, not in containers of its own) and DynamoDB Local's JVM
 * compete for the CPU, and a closed loop of 16 connections answers in 16 / throughput on average:
 * the p50 follows the CPU each redemption costs (DynamoDB Local spends more per call than the API
 * itself). One process is one container: its concurrent issues of a series share one numbering
 * transaction, where AWS containers would each race for the counter.
 *
 * Standalone: `node --import tsx test/bench/redemption.ts [tickets]` starts its own platform,
 * with DynamoDB Local in memory as `npm run bench` runs it.
 */
export interface RedemptionBenchResult {
  tickets: number;
  connections: number;
  p50Ms: number;
  p99Ms: number;
  perSecond: number;
  /** Numbers given: as many as tickets, none twice, no gap in the sequence. */
  gapless: boolean;
  /** Seconds the post-issue work handed over during the run (documents, mail) went on after it. */
  backgroundAfterSeconds: number;
}

/** What the figures include and what they do not. */
export const CONDITIONS =
  'one process: load generator, API and post-issue work (documents, mail) share the CPU with ' +
  "DynamoDB Local's JVM (in memory for the bench); the post-issue work runs after each answer, " +
  'not inside it; concurrent issues of the series share numbering transactions as in one container';

const CONNECTIONS = 16;

export async function benchRedemption(
  platform: Platform,
  options: {
    tickets: number;
    log: (line: string) => void;
    /** Called as the measured run starts and ends (probes read counters around it). */
    onMeasure?: (phase: 'start' | 'end') => void;
  },
): Promise<RedemptionBenchResult> {
  const { secret } = await provisionTenant({
    tenants: repositories().tenants,
    clock: systemClock,
    ids: ulidIds,
  })({
    name: 'Bench Cafetería, S.L.',
    taxId: 'B12345674',
    email: 'owner@bench.example',
    language: 'es',
    timezone: 'Europe/Madrid',
    address: { line1: 'Gran Vía 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
  });
  const api = platform.info.apiUrl;
  const call = async (method: string, path: string, body: unknown, key?: string) => {
    const res = await fetch(`${api}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      body: JSON.stringify(body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: answers read field by field
    return { status: res.status, json: (await res.json()) as any };
  };
  const companyNumber = `BENCH-${Date.now().toString(36).toUpperCase()}`;
  const settings = await call(
    'PATCH',
    '/v1/settings',
    {
      selfInvoicing: {
        enabled: true,
        companyNumber,
        limit: { kind: 'none' },
        concept: { description: 'Consumiciones' },
      },
    },
    secret,
  );
  if (settings.status !== 200) throw new Error(`settings: ${JSON.stringify(settings.json)}`);
  const warm = 20;
  const references = Array.from({ length: options.tickets + warm }, (_, i) => `R${i}`);
  const date = new Date(Date.now() - 3600_000).toISOString();
  for (let i = 0; i < references.length; i += 1000) {
    const tickets = references.slice(i, i + 1000).map((reference) => ({
      reference,
      date,
      total: '12.10',
      currency: 'EUR',
      taxes: [{ type: 'IVA', rate: '21', base: '10.00', amount: '2.10' }],
    }));
    const imported = await call('POST', '/v1/tickets', { tickets }, secret);
    if (imported.status !== 201) throw new Error(`tickets: ${JSON.stringify(imported.json)}`);
  }
  const redeem = async (reference: string) => {
    const started = performance.now();
    const res = await call('POST', `/v1/public/self-invoicing/${companyNumber}/invoices`, {
      reference,
      total: '12.10',
      buyer: {
        taxId: 'A58818501',
        name: 'Distribuciones Mediterráneo, S.A.',
        postalCode: '08006',
        address: { line1: 'Carrer de Balmes 200', city: 'Barcelona' },
      },
      email: 'facturas@mediterraneo.example',
    });
    if (res.status !== 201)
      throw new Error(`${reference}: ${res.status} ${JSON.stringify(res.json)}`);
    return { ms: performance.now() - started, number: res.json.number as string };
  };
  // Warm-up (JIT, DynamoDB Local's JVM), not measured.
  for (const reference of references.slice(0, warm)) await redeem(reference);

  const queue = references.slice(warm);
  const results: { ms: number; number: string }[] = [];
  options.onMeasure?.('start');
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) results.push(await redeem(next));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  options.onMeasure?.('end');
  options.log(
    `redemption: ${results.length} tickets at ${CONNECTIONS} connections in ${seconds.toFixed(1)} s`,
  );
  const drained = performance.now();
  const failures = await platform.settled();
  if (failures.length) {
    throw new Error(
      `${failures.length} post-issue step(s) failed, e.g. ${failures[0]!.id}: ${failures[0]!.error}`,
    );
  }
  const backgroundAfterSeconds = round((performance.now() - drained) / 1000);
  options.log(
    `redemption: the post-issue work went on ${backgroundAfterSeconds} s after the run; ${CONDITIONS}`,
  );

  const sequences = results.map((r) => Number(/(\d+)$/.exec(r.number)![1])).sort((a, b) => a - b);
  const first = sequences[0]!;
  const gapless = sequences.every((s, i) => s === first + i) && first === warm + 1;
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  return {
    tickets: results.length,
    connections: CONNECTIONS,
    p50Ms: round(median(ms)),
    p99Ms: round(ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.99))]!),
    perSecond: round(results.length / seconds),
    gapless,
    backgroundAfterSeconds,
  };
}

// Standalone run: its own platform in a temporary folder, removed afterwards.
if (import.meta.url === `file://${process.argv[1]}`) {
  const tickets = Number(process.argv[2] ?? 400);
  const { startPlatform } = await import('../../packages/local/src/platform.ts');
  const { freePort } = await import('../../packages/local/src/services/ports.ts');
  const dir = mkdtempSync(join(tmpdir(), 'sello-bench-redemption-'));
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
    console.log(JSON.stringify(await benchRedemption(platform, { tickets, log: say })));
  } finally {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
