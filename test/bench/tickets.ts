import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositories } from '@sello/app/platform';
import { systemClock, ulidIds } from '@sello/core/ports';
import { provisionTenant } from '@sello/core/tenants';
import type { Platform } from '../../packages/local/src/platform.ts';
import { median, round } from './stats.ts';

/**
 * Ticket import through the local API: batches of 1,000 tickets (`POST /v1/tickets`, the
 * request limit), one after another, each timed from request to answer; the rate is tickets per
 * second of the median batch. Half the tickets carry a tax breakdown, half two lines, as tills
 * send them. Then the same batches again: the idempotent repeat (reads only, nothing written)
 * is timed as well, and every batch must answer as wholly created, then wholly existing.
 *
 * Standalone: `node --import tsx test/bench/tickets.ts [batches]` starts its own platform.
 */
export interface TicketBenchResult {
  batches: number;
  batchSize: number;
  /** Tickets per second of the median batch. */
  ticketsPerSecond: number;
  batchMs: number[];
  medianBatchMs: number;
  /** The same batches imported again (all already there). */
  repeatTicketsPerSecond: number;
}

const BATCH = 1000;

function batchOf(run: string, n: number) {
  return Array.from({ length: n }, (_, i) => {
    const reference = `${run}-${String(i).padStart(6, '0')}`;
    const date = new Date(Date.UTC(2026, 10, 1 + (i % 28), 8 + (i % 12), i % 60)).toISOString();
    return i % 2 === 0
      ? {
          reference,
          date: date.replace('Z', '+00:00'),
          total: '12.10',
          currency: 'EUR',
          taxes: [{ type: 'IVA', rate: '21', base: '10.00', amount: '2.10' }],
          store: `Tienda ${i % 7}`,
        }
      : {
          reference,
          date,
          total: '16.50',
          currency: 'EUR',
          lines: [
            {
              description: 'Café con leche',
              quantity: '2',
              unitPrice: '1.50',
              taxes: [{ type: 'IVA', rate: '10' }],
            },
            {
              description: 'Tostada',
              quantity: '3',
              unitPrice: '4.00',
              taxes: [{ type: 'IVA', rate: '10' }],
            },
          ],
          store: `Tienda ${i % 7}`,
        };
  });
}

async function post(apiUrl: string, key: string, body: unknown) {
  const started = performance.now();
  const res = await fetch(`${apiUrl}/v1/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await res.json()) as { created?: number; existing?: number };
  return { ms: performance.now() - started, status: res.status, answer };
}

export async function benchTickets(
  platform: Platform,
  options: { batches: number; log: (line: string) => void },
): Promise<TicketBenchResult> {
  const { secret } = await provisionTenant({
    tenants: repositories().tenants,
    clock: systemClock,
    ids: ulidIds,
  })({
    name: 'Bench Tickets, S.L.',
    taxId: 'B12345674',
    email: 'owner@bench.example',
    language: 'es',
    timezone: 'Europe/Madrid',
    address: { line1: 'Gran Vía 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
  });
  const apiUrl = platform.info.apiUrl;
  // Warm-up (JIT, DynamoDB Local's JVM), not measured.
  await post(apiUrl, secret, { tickets: batchOf('WARM', BATCH) });
  const batches = Array.from({ length: options.batches }, (_, b) => batchOf(`B${b}`, BATCH));
  const batchMs: number[] = [];
  for (const [b, tickets] of batches.entries()) {
    const { ms, status, answer } = await post(apiUrl, secret, { tickets });
    if (status !== 201 || answer.created !== BATCH) {
      throw new Error(`Batch ${b} answered ${status}: ${JSON.stringify(answer).slice(0, 300)}`);
    }
    batchMs.push(ms);
    options.log(`tickets: batch ${b + 1}/${options.batches}, ${Math.round(ms)} ms`);
  }
  const repeatMs: number[] = [];
  for (const tickets of batches) {
    const { ms, status, answer } = await post(apiUrl, secret, { tickets });
    if (status !== 200 || answer.existing !== BATCH) {
      throw new Error(
        `A repeated batch answered ${status}: ${JSON.stringify(answer).slice(0, 300)}`,
      );
    }
    repeatMs.push(ms);
  }
  const medianBatchMs = median(batchMs);
  return {
    batches: options.batches,
    batchSize: BATCH,
    ticketsPerSecond: round(BATCH / (medianBatchMs / 1000)),
    batchMs: batchMs.map((ms) => round(ms)),
    medianBatchMs: round(medianBatchMs),
    repeatTicketsPerSecond: round(BATCH / (median(repeatMs) / 1000)),
  };
}

// Standalone run: its own platform in a temporary folder, removed afterwards.
if (import.meta.url === `file://${process.argv[1]}`) {
  const batches = Number(process.argv[2] ?? 5);
  const { startPlatform } = await import('../../packages/local/src/platform.ts');
  const { freePort } = await import('../../packages/local/src/services/ports.ts');
  const dir = mkdtempSync(join(tmpdir(), 'sello-bench-tickets-'));
  const say = (line: string) => console.log(`[bench] ${line}`);
  const platform = await startPlatform({
    dataDir: join(dir, 'data'),
    port: await freePort(),
    mailPort: await freePort(),
    schedulerIntervalMs: 0,
    log: say,
  });
  try {
    console.log(JSON.stringify(await benchTickets(platform, { batches, log: say })));
  } finally {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
