import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { s3Client } from '@sello/aws';
import type { Platform } from '../../packages/local/src/platform.ts';
import { createCustomer } from './api.ts';
import type { PdfCase } from './probes/pdf.ts';
import type { IssueLoadInput, IssueLoadOutput, IssueOutcome } from './probes/issue-load.ts';
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
  /** Drafts created beforehand: warm-up plus enough for `maxSeconds` at the expected rate. */
  drafts: number;
  /** Drafts issued (same load, unrecorded) before the measured run. */
  warmup: number;
  /** The measured run stops early if the drafts have not run out by then. */
  maxSeconds: number;
  /** Concurrent POST /v1/invoices while preparing the drafts. */
  createConcurrency: number;
  log: (line: string) => void;
}

export interface IssueResult {
  connections: number;
  drafts: number;
  createSeconds: number;
  warmupIssued: number;
  issued: number;
  seconds: number;
  issuesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** What was checked after the run; the bench fails when a check does not hold. */
  verified: {
    all200: boolean;
    listedIssued: number;
    firstNumber: string;
    lastNumber: string;
    uniqueAndConsecutive: boolean;
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
        throw new Error(`POST /v1/invoices answered ${response.status}: ${JSON.stringify(created)}`);
      }
      ids[slot] = created.id;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ids;
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
  let token: string | undefined;
  do {
    const page = await s3Client().send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: `tenants/${tenantId}/invoices/`,
        ContinuationToken: token,
      }),
    );
    for (const object of page.Contents ?? []) if (object.Key) keys.add(object.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

/**
 * Checks what the issue run handed out: one number per draft, unique, from one series and
 * consecutive with no gap, the same ones the list endpoint shows, and both documents in the
 * bucket under each. Throws on the first violation; returns the figures for the report.
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

  const stored = await storedDocuments(tenantId);
  const missing: string[] = [];
  for (const [id, number] of answered) {
    const base = `tenants/${tenantId}/invoices/${id}/${number.replace(/[^\w.-]/g, '_')}`;
    for (const ext of ['xml', 'pdf']) if (!stored.has(`${base}.${ext}`)) missing.push(`${base}.${ext}`);
  }
  if (missing.length > 0) {
    throw new Error(`${missing.length} document(s) not stored at issue, e.g. ${missing[0]}`);
  }

  return {
    all200: true,
    listedIssued: listed.size,
    firstNumber: parsed[0]?.number ?? '',
    lastNumber: parsed.at(-1)?.number ?? '',
    uniqueAndConsecutive: true,
    documentsStored: stored.size,
  };
}

/** Percentile by nearest rank, as autocannon reports them. */
function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/**
 * POST /v1/invoices/{id}/issue at `connections` concurrent requests, each on its own draft. Every
 * issue takes the series' next number in a DynamoDB transaction, signs the Facturae through the
 * local KMS, renders the PDF and stores both in s3rver.
 */
export async function benchIssue(
  platform: Platform,
  options: IssueBenchOptions,
): Promise<IssueResult> {
  const { apiUrl, apiKey, tenantId } = platform.info;
  const api: Api = { url: apiUrl, headers: { authorization: `Bearer ${apiKey}` } };
  const customerId = await createCustomer(apiUrl, apiKey);

  const createStart = performance.now();
  const ids = await createDrafts(api, customerId, options.drafts, options.createConcurrency);
  const createSeconds = (performance.now() - createStart) / 1000;
  options.log(
    `${ids.length} drafts in ${round(createSeconds)} s (${options.createConcurrency} concurrent)`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'sello-bench-issue-'));
  let output: IssueLoadOutput;
  try {
    const idsFile = join(dir, 'ids.json');
    writeFileSync(idsFile, JSON.stringify(ids));
    const input: IssueLoadInput = {
      url: apiUrl,
      apiKey,
      connections: options.connections,
      warmup: options.warmup,
      maxSeconds: options.maxSeconds,
      idsFile,
    };
    options.log(
      `issue: ${options.warmup} warm-up, then up to ${ids.length - options.warmup} ` +
        `at ${options.connections} connections`,
    );
    output = await probe<IssueLoadOutput>('issue-load.ts', [JSON.stringify(input)]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const verified = await verify(api, tenantId, [...output.warmup, ...output.measured]);
  const latencies = output.measured.map((o) => o.ms).sort((a, b) => a - b);
  if (latencies.length === 0) throw new Error('No issue request was measured');
  const seconds = output.elapsedMs / 1000;
  const result: IssueResult = {
    connections: options.connections,
    drafts: ids.length,
    createSeconds: round(createSeconds, 2),
    warmupIssued: output.warmup.length,
    issued: output.measured.length,
    seconds: round(seconds, 2),
    issuesPerSecond: round(output.measured.length / seconds, 1),
    p50Ms: round(percentile(latencies, 0.5), 1),
    p99Ms: round(percentile(latencies, 0.99), 1),
    maxMs: round(latencies.at(-1)!, 1),
    verified,
  };
  options.log(
    `issue c=${result.connections}: ${result.issuesPerSecond} issues/s over ${result.seconds} s, ` +
      `p50 ${result.p50Ms} ms p99 ${result.p99Ms} ms; ${verified.firstNumber}…${verified.lastNumber} ` +
      `gapless, ${verified.documentsStored} documents stored`,
  );
  return result;
}
