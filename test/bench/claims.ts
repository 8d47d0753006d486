import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositories } from '@sello/app/platform';
import { Dec } from '@sello/core/money';
import { systemClock, ulidIds } from '@sello/core/ports';
import { provisionTenant } from '@sello/core/tenants';
import type { Platform } from '../../packages/local/src/platform.ts';
import { median, round } from './stats.ts';

/**
 * Billing claims through the local API (issue 14's measure). Per claim, the three requests a
 * workshop makes, one after another: the appraiser's valuation imported (`POST
 * /v1/claims/{id}/valuations`, JSON, 12 lines: parts, labour and paint hours, materials, IVA 21,
 * franchise 300.00), the two drafts of the franchise split (`POST /v1/claims/{id}/invoices`:
 * tax engine, split, both drafts written, the claim updated), and both issued (`POST
 * /v1/claims/{id}/invoices/issue`: two numbering transactions with their VERI*FACTU records,
 * the claim `invoiced`). `concurrency` claims at a time; claims and customers are made through
 * the API beforehand, not measured. `claimsPerSecond` counts to the last issue's answer;
 * `withDocumentsPerSecond` to when the post-issue step it handed over (two signed Facturae and
 * two PDFs, stored in S3) has settled. Checked: every pair adds up to the valuation total, both
 * issued. Medians of `repeats`.
 *
 * Standalone: `node --import tsx test/bench/claims.ts [claims] [repeats]` starts its own platform.
 */
export interface ClaimsBenchResult {
  claims: number;
  concurrency: number;
  claimsPerSecond: number;
  withDocumentsPerSecond: number;
  /** Median milliseconds of one claim's three requests, and of each. */
  claimMs: number;
  stepMs: { valuation: number; drafts: number; issue: number };
  repeats: { claimsPerSecond: number; withDocumentsPerSecond: number }[];
}

const LINES = [
  ['part', 'Paragolpes delantero', '1', '245.50'],
  ['part', 'Faro antiniebla izquierdo', '1', '88.73'],
  ['part', 'Rejilla central', '1', '61.20'],
  ['part', 'Soporte paragolpes', '2', '14.35'],
  ['part', 'Clips de fijación', '12', '0.42'],
  ['labour', 'Desmontar y montar paragolpes', '1.5', '42.00'],
  ['labour', 'Reparar aleta delantera', '2.3', '42.00'],
  ['labour', 'Alinear faro', '0.4', '38.00'],
  ['paint', 'Pintar paragolpes, dos capas', '2.2', '45.00'],
  ['paint', 'Pintar aleta', '1.6', '45.00'],
  ['material', 'Materiales de pintura', '1', '86.40'],
  ['material', 'Masilla y lijas', '1', '12.15'],
] as const;

const valuation = {
  version: 1,
  lines: LINES.map(([kind, description, quantity, unitPrice]) => ({
    kind,
    description,
    quantity,
    unitPrice,
  })),
  franchise: '300.00',
  taxes: [{ type: 'IVA', rate: '21' }],
};

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
  options: { claims: number; concurrency: number; log: (l: string) => void; run: number },
) {
  const { secret } = await provisionTenant({
    tenants: repositories().tenants,
    clock: systemClock,
    ids: ulidIds,
  })({
    name: 'Bench Talleres, S.L.',
    taxId: 'B12345674',
    email: 'owner@bench.example',
    language: 'es',
    timezone: 'Europe/Madrid',
    address: { line1: 'Gran Vía 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
  });
  const api = platform.info.apiUrl;
  const call = async (path: string, body?: unknown) => {
    const res = await fetch(`${api}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    // biome-ignore lint/suspicious/noExplicitAny: the bench reads arbitrary JSON answers
    const json: any = await res.json();
    if (res.status >= 300)
      throw new Error(`${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };
  const customer = (taxId: string, name: string) =>
    call('/v1/customers', {
      taxId,
      name,
      address: { line1: 'Calle Mayor 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
    }).then((c) => c.id as string);
  const insurerId = await customer('A58818501', 'Seguros Bench, S.A.');
  const insuredId = await customer('12345678Z', 'Ana García Pérez');
  const claimIds: string[] = [];
  await inBatches(
    Array.from({ length: options.claims }, (_, i) => i),
    8,
    async (i) => {
      const claim = await call('/v1/claims', {
        claimNumber: `B${options.run}-${String(i).padStart(6, '0')}`,
        insurerId,
        insuredId,
        policyNumber: 'POL-BENCH',
        vehicle: { plate: `${String(1000 + (i % 9000))}BCD` },
      });
      claimIds.push(claim.id);
    },
  );
  await platform.settled();

  const claimMs: number[] = [];
  const steps = { valuation: [] as number[], drafts: [] as number[], issue: [] as number[] };
  const timed = async <T>(into: number[], work: () => Promise<T>): Promise<T> => {
    const at = performance.now();
    const out = await work();
    into.push(performance.now() - at);
    return out;
  };
  const started = performance.now();
  await inBatches(claimIds, options.concurrency, async (id) => {
    const begun = performance.now();
    const valued = await timed(steps.valuation, () =>
      call(`/v1/claims/${id}/valuations`, valuation),
    );
    await timed(steps.drafts, () => call(`/v1/claims/${id}/invoices`));
    const issued = await timed(steps.issue, () => call(`/v1/claims/${id}/invoices/issue`));
    claimMs.push(performance.now() - begun);
    const sum = new Dec(issued.insurer.totals.total).plus(issued.insured.totals.total);
    if (
      issued.insurer.status !== 'issued' ||
      issued.insured.status !== 'issued' ||
      !sum.equals(valued.totals.total)
    ) {
      throw new Error(`claim ${id}: ${JSON.stringify(issued).slice(0, 300)}`);
    }
  });
  const seconds = (performance.now() - started) / 1000;
  const failures = await platform.settled();
  const withDocuments = (performance.now() - started) / 1000;
  if (failures.length) throw new Error(`post-issue work failed: ${String(failures[0]?.error)}`);
  options.log(
    `claims: ${claimIds.length} billed in ${round(seconds)} s (${round(withDocuments)} s with documents)`,
  );
  return {
    claimsPerSecond: round(claimIds.length / seconds),
    withDocumentsPerSecond: round(claimIds.length / withDocuments),
    claimMs,
    steps,
  };
}

export async function benchClaims(
  platform: Platform,
  options: { claims: number; repeats: number; concurrency?: number; log: (line: string) => void },
): Promise<ClaimsBenchResult> {
  const concurrency = options.concurrency ?? 8;
  // Warm-up (JIT, DynamoDB Local's JVM, the handlers' first imports), not measured.
  await oneRepeat(platform, { claims: 20, concurrency, log: options.log, run: 0 });
  const repeats = [];
  for (let run = 1; run <= options.repeats; run++) {
    repeats.push(await oneRepeat(platform, { ...options, concurrency, run }));
  }
  return {
    claims: options.claims,
    concurrency,
    claimsPerSecond: round(median(repeats.map((r) => r.claimsPerSecond))),
    withDocumentsPerSecond: round(median(repeats.map((r) => r.withDocumentsPerSecond))),
    claimMs: round(median(repeats.flatMap((r) => r.claimMs))),
    stepMs: {
      valuation: round(median(repeats.flatMap((r) => r.steps.valuation))),
      drafts: round(median(repeats.flatMap((r) => r.steps.drafts))),
      issue: round(median(repeats.flatMap((r) => r.steps.issue))),
    },
    repeats: repeats.map(({ claimsPerSecond, withDocumentsPerSecond }) => ({
      claimsPerSecond,
      withDocumentsPerSecond,
    })),
  };
}

/** The line `npm run bench` prints. */
export const claimsLine = (b: ClaimsBenchResult): string =>
  `Claims (${b.claims} claims, ${b.concurrency} at a time; each: a 12-line valuation imported, the ` +
  `franchise split's two drafts, both issued with VERI*FACTU records, through the local API): ` +
  `${b.claimsPerSecond} claims/s (${b.claimMs} ms a claim: valuation ${b.stepMs.valuation}, drafts ` +
  `${b.stepMs.drafts}, issue ${b.stepMs.issue}); with the post-issue documents ` +
  `(two signed Facturae and two PDFs stored) ${b.withDocumentsPerSecond} claims/s ` +
  `(medians of ${b.repeats.length})`;

// Standalone run: its own platform (tables in memory, as `npm run bench`) in a temporary folder.
if (import.meta.url === `file://${process.argv[1]}`) {
  const claims = Number(process.argv[2] ?? 200);
  const repeats = Number(process.argv[3] ?? 3);
  const { startPlatform } = await import('../../packages/local/src/platform.ts');
  const { freePort } = await import('../../packages/local/src/services/ports.ts');
  const dir = mkdtempSync(join(tmpdir(), 'sello-bench-claims-'));
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
    const result = await benchClaims(platform, { claims, repeats, log: say });
    console.log(claimsLine(result));
    console.log(JSON.stringify(result));
  } finally {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
