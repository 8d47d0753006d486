import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ListObjectsCommand } from '@aws-sdk/client-s3';
import { dynamoClient, kmsClient, s3Client } from '@sello/app/platform';
import type { MiddlewareStack } from '@smithy/types';
import type { Platform } from '../../packages/local/src/platform.ts';
import { createCustomer } from './api.ts';
import type { IssueLoadInput, IssueLoadOutput, IssueOutcome } from './probes/issue-load.ts';
import type { PdfCase } from './probes/pdf.ts';
import { run } from './procs.ts';
import { median, round } from './stats.ts';

/**
 * The issuing capability: signed Facturae per second and PDF render time, each in a `node` child
 * of its own (no platform running yet, so it has a core to itself), then issuing through the local
 * API under concurrent load, with the numbers it hands out checked for gaps and duplicates.
 */

const probes = resolve(import.meta.dirname, 'probes');

/** Runs a probe under tsx and parses the JSON on the last line of its output. */
async function probe<T>(file: string, args: readonly string[]): Promise<T> {
  const done = await run(process.execPath, ['--import', 'tsx', join(probes, file), ...args]);
  const last = done.stdout.trim().split('\n').at(-1) ?? '';
  if (done.code !== 0 || !/^[[{]/.test(last)) {
    throw new Error(`${file} failed (${done.code ?? done.signal}):\n${done.stderr.slice(-2000)}`);
  }
  return JSON.parse(last) as T;
}

// ---------------------------------------------------------------- signing

export interface SigningResult {
  /** Seconds of signing per run, after the benchmark's own warm-up. */
  seconds: number;
  runsPerSecond: number[];
  perSecond: number;
}

/** `test/conformance/facturae/bench.ts` in a fresh process per run; the median of the runs. */
export async function benchSigning(
  runs: number,
  seconds: number,
  log: (line: string) => void,
): Promise<SigningResult> {
  const rates: number[] = [];
  for (let i = 1; i <= runs; i++) {
    const { perSecond } = await probe<{ perSecond: number }>('signing.ts', [String(seconds)]);
    log(`signing run ${i}/${runs}: ${Math.round(perSecond)} signed Facturae/s`);
    rates.push(perSecond);
  }
  return { seconds, runsPerSecond: rates, perSecond: median(rates) };
}

// ---------------------------------------------------------------- PDF

export type PdfResult = PdfCase[];

/** `renderInvoicePdf` at 1 and 300 lines, warm, in one fresh process. */
export async function benchPdf(log: (line: string) => void): Promise<PdfResult> {
  const cases = await probe<PdfCase[]>('pdf.ts', []);
  for (const c of cases) {
    log(`PDF ${c.lines} line(s): median ${round(c.medianMs, 2)} ms over ${c.iterations} renders`);
  }
  return cases;
}

// ---------------------------------------------------------------- issue through the API

export interface IssueBenchOptions {
  connections: number;
  /** Drafts issued first at the same load, unrecorded: the handler's cold start, the JIT. */
  warmup: number;
  /** Length of the measured run; it stops taking drafts then. */
  seconds: number;
  /** Drafts prepared: the warm-up's rate × `seconds` × this, so they outlast the run. */
  headroom: number;
  maxDrafts: number;
  /** Concurrent POST /v1/invoices while preparing the drafts. */
  createConcurrency: number;
  log: (line: string) => void;
}

export interface CallTiming {
  calls: number;
  perIssue: number;
  meanMs: number;
}

export interface IssueResult {
  connections: number;
  /** The warm-up's rate over its second half sizes the drafts for the measured run. */
  warmup: { issued: number; steadyPerSecond: number };
  drafts: number;
  createSeconds: number;
  issued: number;
  seconds: number;
  /** `drafts` when they ran out before `seconds`: then prepare more. */
  stoppedBy: 'time' | 'drafts';
  issuesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /**
   * Where an issue's time goes: the AWS SDK calls the handlers made during the measured run
   * (wall time, queueing included), e.g. more than one TransactWriteItems per issue is the
   * series counter's optimistic retries.
   */
  calls: Record<string, CallTiming>;
  /** Busy share of this process's event loop, which hosts the API and the post-issue step. */
  eventLoopUtilization: number;
  /**
   * How long after the last answer the post-issue step (signing, PDF, storing; in the background
   * of the API process, as Lambda would run it beside) still took to store every document.
   */
  documentsLagMs: number;
  /** What was checked after the run; the bench fails when a check does not hold. */
  verified: {
    all200: true;
    listedIssued: number;
    firstNumber: string;
    lastNumber: string;
    gapless: true;
    documentsStored: number;
  };
}

const DRAFT_LINES = [
  {
    description: 'Servicio',
    quantity: '1',
    unitPrice: '100.00',
    taxes: [{ type: 'IVA', rate: '21' }],
  },
];

interface Api {
  url: string;
  apiKey: string;
  headers: Record<string, string>;
}

async function createDrafts(
  api: Api,
  customerId: string,
  count: number,
  concurrency: number,
): Promise<string[]> {
  const ids: string[] = new Array(count);
  let next = 0;
  const body = JSON.stringify({ customerId, lines: DRAFT_LINES });
  const worker = async () => {
    while (next < count) {
      const slot = next++;
      const response = await fetch(`${api.url}/v1/invoices`, {
        method: 'POST',
        headers: { ...api.headers, 'content-type': 'application/json' },
        body,
      });
      const created = (await response.json()) as { id?: string; status?: string };
      if (response.status !== 201 || !created.id || created.status !== 'draft') {
        throw new Error(
          `POST /v1/invoices answered ${response.status}: ${JSON.stringify(created)}`,
        );
      }
      ids[slot] = created.id;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ids;
}

/** One run of the load child over `ids`. */
async function issueLoad(
  api: Api,
  ids: readonly string[],
  connections: number,
  maxSeconds: number,
): Promise<IssueLoadOutput> {
  const dir = mkdtempSync(join(tmpdir(), 'sello-bench-issue-'));
  try {
    const idsFile = join(dir, 'ids.json');
    writeFileSync(idsFile, JSON.stringify(ids));
    const input: IssueLoadInput = {
      url: api.url,
      apiKey: api.apiKey,
      connections,
      maxSeconds,
      idsFile,
    };
    return await probe<IssueLoadOutput>('issue-load.ts', [JSON.stringify(input)]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const TIMING_MIDDLEWARE = 'selloBenchTiming';

function timeOn<I extends object, O extends object>(
  stack: MiddlewareStack<I, O>,
  service: string,
  totals: Map<string, { calls: number; ms: number }>,
) {
  stack.add(
    (next, context) => async (args) => {
      const start = performance.now();
      try {
        return await next(args);
      } finally {
        const key = `${service} ${(context.commandName ?? '?').replace(/Command$/, '')}`;
        const total = totals.get(key) ?? { calls: 0, ms: 0 };
        total.calls++;
        total.ms += performance.now() - start;
        totals.set(key, total);
      }
    },
    { step: 'initialize', name: TIMING_MIDDLEWARE, override: true },
  );
  return () => stack.remove(TIMING_MIDDLEWARE);
}

/**
 * Times every DynamoDB, S3 and KMS call made in this process until `stop()`. The handlers run
 * here (the local API imports them), sharing these SDK clients.
 */
function timeSdkCalls() {
  const totals = new Map<string, { calls: number; ms: number }>();
  const removers = [
    timeOn(dynamoClient().middlewareStack, 'DynamoDB', totals),
    timeOn(s3Client().middlewareStack, 'S3', totals),
    timeOn(kmsClient().middlewareStack, 'KMS', totals),
  ];
  return {
    stop(): void {
      for (const remove of removers) remove();
    },
    /** Per command, the slowest in total first. */
    summary(issued: number): Record<string, CallTiming> {
      const sorted = [...totals].sort((a, b) => b[1].ms - a[1].ms);
      return Object.fromEntries(
        sorted.map(([key, { calls, ms }]) => [
          key,
          {
            calls,
            perIssue: round(calls / Math.max(1, issued), 2),
            meanMs: round(ms / calls, 1),
          },
        ]),
      );
    },
  };
}

/** Every issued invoice of the tenant, through GET /v1/invoices?status=issued, page by page. */
async function listIssued(api: Api): Promise<Map<string, string>> {
  const numbers = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ status: 'issued', limit: '200' });
    if (cursor) query.set('cursor', cursor);
    const response = await fetch(`${api.url}/v1/invoices?${query}`, { headers: api.headers });
    const page = (await response.json()) as {
      items?: Array<{ id: string; number?: string }>;
      nextCursor?: string;
    };
    if (response.status !== 200 || !page.items) {
      throw new Error(`GET /v1/invoices answered ${response.status}: ${JSON.stringify(page)}`);
    }
    for (const item of page.items) numbers.set(item.id, item.number ?? '');
    cursor = page.nextCursor;
  } while (cursor);
  return numbers;
}

/** Keys of every stored document of the tenant's invoices, straight from the bucket. */
async function storedDocuments(tenantId: string): Promise<Set<string>> {
  const bucket = process.env.SELLO_ARTIFACT_BUCKET;
  if (!bucket) throw new Error('SELLO_ARTIFACT_BUCKET is not set; is the platform running?');
  const keys = new Set<string>();
  // ListObjects (v1) paged by Marker: s3rver makes a v2 page's continuation token with DES, which
  // OpenSSL 3 no longer has, so any truncated v2 listing (over 1,000 keys) fails with a 500.
  let after: string | undefined;
  for (;;) {
    const page = await s3Client().send(
      new ListObjectsCommand({
        Bucket: bucket,
        Prefix: `tenants/${tenantId}/invoices/`,
        ...(after ? { Marker: after } : {}),
      }),
    );
    const found = (page.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : []));
    for (const key of found) keys.add(key);
    if (!page.IsTruncated || found.length === 0) return keys;
    after = found.at(-1);
  }
}

/**
 * Checks what the issue requests handed out: a 200 and a number for every one, the same numbers
 * the list endpoint shows, one series, sequences 1..n each exactly once (no gap, no duplicate),
 * and both documents in the bucket for each. Throws on the first violation.
 */
async function verify(
  api: Api,
  tenantId: string,
  outcomes: readonly IssueOutcome[],
): Promise<IssueResult['verified']> {
  const failed = outcomes.filter((o) => o.status !== 200 || !o.number);
  if (failed.length > 0) {
    const sample = failed.slice(0, 3).map((o) => `${o.id}: ${o.status} ${o.error ?? 'no number'}`);
    throw new Error(`${failed.length} issue request(s) failed, e.g.\n  ${sample.join('\n  ')}`);
  }
  const answered = new Map(outcomes.map((o) => [o.id, o.number!]));
  if (answered.size !== outcomes.length) throw new Error('A draft was issued twice');
  const listed = await listIssued(api);
  if (listed.size !== answered.size) {
    throw new Error(`${answered.size} invoices issued but GET /v1/invoices lists ${listed.size}`);
  }
  for (const [id, number] of answered) {
    if (listed.get(id) !== number) {
      throw new Error(`${id} was answered ${number} but is listed as ${listed.get(id)}`);
    }
  }
  // `F2026-000042`: one prefix for all, and the sequences 1..n exactly once each.
  const parsed = [...listed.values()].map((number) => {
    const match = /^(.*?)(\d+)$/.exec(number);
    if (!match) throw new Error(`Unexpected invoice number ${JSON.stringify(number)}`);
    return { number, prefix: match[1]!, sequence: Number(match[2]) };
  });
  const prefixes = new Set(parsed.map((p) => p.prefix));
  if (prefixes.size !== 1) throw new Error(`Numbers from several series: ${[...prefixes]}`);
  parsed.sort((a, b) => a.sequence - b.sequence);
  parsed.forEach((p, i) => {
    if (p.sequence !== i + 1) {
      const before = parsed[i - 1]?.number ?? '(none)';
      throw new Error(`Numbering gap or duplicate: ${before} is followed by ${p.number}`);
    }
  });

  // Documents are stored after the answer (processIssuedInvoices), so a 200 alone does not prove it.
  const stored = await storedDocuments(tenantId);
  const missing: string[] = [];
  for (const [id, number] of answered) {
    const base = `tenants/${tenantId}/invoices/${id}/${number.replace(/[^\w.-]/g, '_')}`;
    for (const ext of ['xml', 'pdf']) {
      if (!stored.has(`${base}.${ext}`)) missing.push(`${base}.${ext}`);
    }
  }
  if (missing.length > 0) {
    throw new Error(`${missing.length} document(s) not stored after issue, e.g. ${missing[0]}`);
  }

  return {
    all200: true,
    listedIssued: listed.size,
    firstNumber: parsed[0]?.number ?? '',
    lastNumber: parsed.at(-1)?.number ?? '',
    gapless: true,
    documentsStored: stored.size,
  };
}

/**
 * Issues per second over the second half of a run's answers: the first ones pay the handler's cold
 * start and the JIT, and would make the drafts too few for the measured run.
 */
function steadyRate(outcomes: readonly IssueOutcome[]): number {
  const at = outcomes.map((o) => o.atMs).sort((a, b) => a - b);
  const half = Math.floor(at.length / 2);
  const span = (at.at(-1)! - (at[half - 1] ?? 0)) / 1000;
  return span > 0 ? (at.length - half) / span : 0;
}

/** Percentile by nearest rank of a sorted sample. */
function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/**
 * POST /v1/invoices/{id}/issue at `connections` concurrent requests, each on its own draft. Every
 * issue takes the series' next number in a DynamoDB transaction and answers; the post-issue step
 * then signs the Facturae through the local KMS, renders the PDF and stores both in s3rver, in
 * the background of the API process. The load comes from a child process; the drafts are created
 * beforehand, as many as the warm-up's rate says the run will need.
 */
export async function benchIssue(
  platform: Platform,
  options: IssueBenchOptions,
): Promise<IssueResult> {
  const { apiUrl, apiKey, tenantId } = platform.info;
  const api: Api = { url: apiUrl, apiKey, headers: { authorization: `Bearer ${apiKey}` } };
  const { connections, log } = options;
  const customerId = await createCustomer(apiUrl, apiKey);

  const warmIds = await createDrafts(api, customerId, options.warmup, options.createConcurrency);
  log(`issue warm-up: ${warmIds.length} drafts at ${connections} connections`);
  const warm = await issueLoad(api, warmIds, connections, 0);
  const warmRate = steadyRate(warm.outcomes);
  await settled(platform);

  const count = Math.min(
    options.maxDrafts,
    Math.max(100, Math.ceil(warmRate * options.seconds * options.headroom)),
  );
  const createStart = performance.now();
  const ids = await createDrafts(api, customerId, count, options.createConcurrency);
  const createSeconds = (performance.now() - createStart) / 1000;
  log(
    `${count} drafts in ${round(createSeconds)} s (${options.createConcurrency} concurrent; ` +
      `warm-up steady at ${round(warmRate)} issues/s)`,
  );

  const timing = timeSdkCalls();
  const elu = performance.eventLoopUtilization();
  let run: IssueLoadOutput;
  try {
    run = await issueLoad(api, ids, connections, options.seconds);
  } finally {
    timing.stop();
  }
  const utilization = performance.eventLoopUtilization(elu).utilization;
  const lagStart = performance.now();
  await settled(platform);
  const documentsLagMs = performance.now() - lagStart;
  const calls = timing.summary(run.outcomes.length);

  const verified = await verify(api, tenantId, [...warm.outcomes, ...run.outcomes]);
  const latencies = run.outcomes.map((o) => o.ms).sort((a, b) => a - b);
  if (latencies.length === 0) throw new Error('No issue request was measured');
  const seconds = run.elapsedMs / 1000;
  const result: IssueResult = {
    connections,
    warmup: { issued: warm.outcomes.length, steadyPerSecond: round(warmRate) },
    drafts: count,
    createSeconds: round(createSeconds, 2),
    issued: run.outcomes.length,
    seconds: round(seconds, 2),
    stoppedBy: run.timedOut ? 'time' : 'drafts',
    issuesPerSecond: round(run.outcomes.length / seconds),
    p50Ms: round(percentile(latencies, 0.5)),
    p99Ms: round(percentile(latencies, 0.99)),
    maxMs: round(latencies.at(-1)!),
    calls,
    eventLoopUtilization: round(utilization, 2),
    documentsLagMs: round(documentsLagMs),
    verified,
  };
  log(
    `issue c=${connections}: ${result.issuesPerSecond} issues/s over ${result.seconds} s ` +
      `(stopped by ${result.stoppedBy}), p50 ${result.p50Ms} ms p99 ${result.p99Ms} ms; ` +
      `${verified.firstNumber}…${verified.lastNumber} gapless, ` +
      `${verified.documentsStored} documents stored (the last ${round(documentsLagMs)} ms after the last answer)`,
  );
  return result;
}

/** Waits for the post-issue step of every issue so far; any failure fails the bench. */
async function settled(platform: Platform): Promise<void> {
  const failures = await platform.settled();
  if (failures.length > 0) {
    const first = failures[0]!;
    throw new Error(
      `${failures.length} post-issue step(s) failed, e.g. ${first.id}: ${first.error}`,
    );
  }
}
