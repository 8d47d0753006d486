import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ApiResult } from './api.ts';
import type { PackageShare } from './bundles.ts';
import type { IssueResult, PdfResult, SigningResult } from './issuing.ts';
import { round } from './stats.ts';

export const TARGETS = {
  bundleBytes: 1024 * 1024,
  initMs: 150,
  /** DESIGN §7: build + XAdES-EPES sign with the local signer, one core. */
  signedFacturaePerSecond: 1100,
  pdfOnePageMs: 5,
  /** The budget test/conformance/pdf/speed.test.ts holds 300 lines to. */
  pdf300LinesMs: 100,
  /** POST /v1/invoices/{id}/issue at 16 connections on the local platform. */
  issueP50Ms: 100,
  /** Issue 12: CFDI 4.0 model → sealed XML (cadena, SHA-256, RSA seal), one core. */
  cfdiSealedPerSecond: 1000,
  /** Issue 12: `POST /v1/tickets` batches of 1,000 through the local API, median batch. */
  ticketsPerSecond: 1000,
  /** Issue 12: the public self-invoicing redemption at 16 connections through the local API. */
  redemptionP50Ms: 150,
} as const;

export interface BundleRow {
  id: string;
  entry: string;
  bytes: number;
  initMs: number;
  initSamplesMs: number[];
  /** The same import under NODE_OPTIONS=--enable-source-maps, which the deployed functions set. */
  initWithSourceMapsMs: number;
  topPackages: PackageShare[];
}

export interface Report {
  generatedAt: string;
  node: string;
  platform: string;
  cpus: number;
  targets: typeof TARGETS;
  api: ApiResult[];
  issuing: IssuingReport;
  verifactu?: import('./verifactu.ts').ChainResult;
  exchange?: { ublPerSecond: number; ciiPerSecond: number; parsePerSecond: number };
  cfdi?: import('./cfdi.ts').CfdiBenchResult;
  tickets?: import('./tickets.ts').TicketBenchResult;
  redemption?: import('./redemption.ts').RedemptionBenchResult;
  tasks?: import('./tasks.ts').TaskBenchResult[];
  depositPolicies?: import('./deposit-policies.ts').DepositPolicyBenchResult;
  claims?: import('./claims.ts').ClaimsBenchResult;
  portal?: import('./portal.ts').PortalBenchResult;
  bundles: BundleRow[];
  biggest: { id: string; bytes: number; topPackages: PackageShare[] };
  missed: string[];
}

export interface IssuingReport {
  signing: SigningResult;
  pdf: PdfResult;
  issue: IssueResult;
}

const kb = (bytes: number) => round(bytes / 1024);

function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  // Text left, numbers right: the first column is the only text one.
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Which targets a bundle misses, in words; empty when it meets them all. */
export function missedTargets(rows: readonly BundleRow[]): string[] {
  const missed: string[] = [];
  for (const row of rows) {
    if (row.bytes > TARGETS.bundleBytes) {
      missed.push(`${row.id}: bundle ${kb(row.bytes)} KB > ${kb(TARGETS.bundleBytes)} KB`);
    }
    if (row.initMs > TARGETS.initMs) {
      missed.push(`${row.id}: init ${round(row.initMs)} ms > ${TARGETS.initMs} ms`);
    }
  }
  return missed;
}

const pdfCase = (issuing: IssuingReport, lines: number) => {
  const found = issuing.pdf.find((c) => c.lines === lines);
  if (!found) throw new Error(`No PDF measurement for ${lines} line(s)`);
  return found;
};

/** Which issuing targets are missed, in words. */
export function missedIssuingTargets(issuing: IssuingReport): string[] {
  const missed: string[] = [];
  const { signing, issue } = issuing;
  if (signing.perSecond < TARGETS.signedFacturaePerSecond) {
    missed.push(
      `signed Facturae: ${round(signing.perSecond)}/s < ${TARGETS.signedFacturaePerSecond}/s`,
    );
  }
  const one = pdfCase(issuing, 1);
  if (one.medianMs > TARGETS.pdfOnePageMs) {
    missed.push(`PDF, 1 line: ${round(one.medianMs, 2)} ms > ${TARGETS.pdfOnePageMs} ms`);
  }
  const long = pdfCase(issuing, 300);
  if (long.medianMs > TARGETS.pdf300LinesMs) {
    missed.push(`PDF, 300 lines: ${round(long.medianMs, 2)} ms > ${TARGETS.pdf300LinesMs} ms`);
  }
  if (issue.p50Ms > TARGETS.issueP50Ms) {
    missed.push(
      `issue at ${issue.connections} connections: p50 ${issue.p50Ms} ms > ${TARGETS.issueP50Ms} ms`,
    );
  }
  return missed;
}

const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

function printIssuing(issuing: IssuingReport): void {
  const { signing, issue } = issuing;
  const one = pdfCase(issuing, 1);
  const long = pdfCase(issuing, 300);
  console.log(
    `\nIssuing (signing, PDF: fresh processes before the platform starts; issue: local API, ` +
      `load from a child process)`,
  );
  console.log(
    table(
      ['measure', 'value', 'target', 'result'],
      [
        [
          `signed Facturae/s, 1 core (median of ${signing.runsPerSecond.length} × ${signing.seconds} s)`,
          round(signing.perSecond).toFixed(1),
          `≥${TARGETS.signedFacturaePerSecond}`,
          pass(signing.perSecond >= TARGETS.signedFacturaePerSecond),
        ],
        [
          `PDF render ms, 1 line (median of ${one.iterations})`,
          round(one.medianMs, 2).toFixed(2),
          `≤${TARGETS.pdfOnePageMs}`,
          pass(one.medianMs <= TARGETS.pdfOnePageMs),
        ],
        [
          `PDF render ms, 300 lines (median of ${long.iterations})`,
          round(long.medianMs, 2).toFixed(2),
          `≤${TARGETS.pdf300LinesMs}`,
          pass(long.medianMs <= TARGETS.pdf300LinesMs),
        ],
        [
          `issues/s, ${issue.connections} connections (${issue.issued} in ${issue.seconds} s)`,
          round(issue.issuesPerSecond).toFixed(1),
          '',
          '',
        ],
        [
          'issue p50 ms',
          round(issue.p50Ms).toFixed(1),
          `≤${TARGETS.issueP50Ms}`,
          pass(issue.p50Ms <= TARGETS.issueP50Ms),
        ],
        ['issue p99 ms', round(issue.p99Ms).toFixed(1), '', ''],
      ],
    ),
  );
  const v = issue.verified;
  console.log(
    `\nIssued ${v.firstNumber}…${v.lastNumber} (${v.listedIssued} with the warm-up): every answer ` +
      `200, numbers unique and gapless, ${v.documentsStored} documents (Facturae + PDF) stored ` +
      `after the answers by the post-issue step (the last ${issue.documentsLagMs} ms after the ` +
      `last answer). ${issue.drafts} drafts prepared in ${issue.createSeconds} s.`,
  );
  console.log(
    `\nIssue: AWS SDK calls during the run, the post-issue step's included (wall time, ` +
      `queueing included); event loop of the API process ` +
      `${Math.round(issue.eventLoopUtilization * 100)}% busy`,
  );
  console.log(
    table(
      ['call', 'per issue', 'mean ms'],
      Object.entries(issue.calls).map(([call, t]) => [
        call,
        t.perIssue.toFixed(2),
        t.meanMs.toFixed(1),
      ]),
    ),
  );
}

export function printReport(report: Report): void {
  console.log(
    `\nBundles (esbuild, CDK options; KB = 1024 bytes; init = median of fresh processes)`,
  );
  console.log(
    table(
      ['bundle', 'size KB', 'init ms', 'init ms +maps', `size ≤1 MB`, `init ≤${TARGETS.initMs} ms`],
      report.bundles.map((b) => [
        b.id,
        kb(b.bytes).toFixed(1),
        round(b.initMs).toFixed(1),
        round(b.initWithSourceMapsMs).toFixed(1),
        pass(b.bytes <= TARGETS.bundleBytes),
        pass(b.initMs <= TARGETS.initMs),
      ]),
    ),
  );
  const { biggest } = report;
  const top = biggest.topPackages.map((p) => `${p.name} ${kb(p.bytes)} KB`).join(', ');
  console.log(`\nBiggest bundle: ${biggest.id} (${kb(biggest.bytes)} KB); top inputs: ${top}`);

  console.log(`\nAPI: GET /v1/customers/{id} (median of ${report.api[0]?.runs.length ?? 0} runs)`);
  console.log(
    table(
      ['connections', 'req/s', 'p50 ms', 'p99 ms'],
      report.api.map((a) => [
        String(a.connections),
        round(a.requestsPerSecond).toFixed(1),
        String(a.p50Ms),
        String(a.p99Ms),
      ]),
    ),
  );

  printIssuing(report.issuing);

  if (report.missed.length === 0) console.log('\nAll targets met.');
  else console.log(`\nMissed targets:\n${report.missed.map((m) => `  - ${m}`).join('\n')}`);
}

export function writeReport(path: string, report: Report): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}

/** The ticket import's line of the report, and whether it missed its target. */
export function ticketsSummary(t: import('./tickets.ts').TicketBenchResult) {
  const missed =
    t.ticketsPerSecond < TARGETS.ticketsPerSecond
      ? [`ticket import: ${t.ticketsPerSecond}/s < ${TARGETS.ticketsPerSecond}/s`]
      : [];
  const line =
    `Tickets (POST /v1/tickets, ${t.batches} batches of ${t.batchSize}, local API): ` +
    `${t.ticketsPerSecond} tickets/s (median batch ${t.medianBatchMs} ms; target ≥${TARGETS.ticketsPerSecond}); ` +
    `the same batches again (all already there) ${t.repeatTicketsPerSecond}/s`;
  return { line, missed };
}

/** The public redemption's line of the report, and whether it missed its target. */
export function redemptionSummary(r: import('./redemption.ts').RedemptionBenchResult) {
  const missed = [
    ...(r.p50Ms > TARGETS.redemptionP50Ms
      ? [`public redemption: p50 ${r.p50Ms} ms > ${TARGETS.redemptionP50Ms} ms`]
      : []),
    ...(r.gapless ? [] : ['public redemption: the numbers have gaps or repeats']),
  ];
  const line =
    `Self-invoicing (public redemption, ${r.tickets} tickets at ${r.connections} connections, local API): ` +
    `p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, ${r.perSecond}/s (target p50 ≤${TARGETS.redemptionP50Ms} ms); ` +
    `one invoice per ticket, numbers ${r.gapless ? 'gapless and unique' : 'WITH GAPS OR REPEATS'}`;
  return { line, missed };
}
