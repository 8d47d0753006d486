import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fallbackRoute, routeList, triggeredList } from '@sello/contracts';
import { type Platform, startPlatform } from '../../packages/local/src/platform.ts';
import { ensurePortalBuilt } from '../../packages/local/src/portal.ts';
import { freePort } from '../../packages/local/src/services/ports.ts';
import { benchApi } from './api.ts';
import { bundleAll, measureInit } from './bundles.ts';
import { benchCfdi } from './cfdi.ts';
import { benchClaims, claimsLine } from './claims.ts';
import { benchDepositPolicies, depositPoliciesLine } from './deposit-policies.ts';
import { benchExport } from './exchange-export.ts';
import { benchParse } from './exchange-parse.ts';
import { benchIssue, benchPdf, benchSigning } from './issuing.ts';
import { benchPortal } from './portal.ts';
import { killChildren } from './procs.ts';
import { benchRedemption } from './redemption.ts';
import {
  type BundleRow,
  missedIssuingTargets,
  missedTargets,
  printReport,
  type Report,
  redemptionSummary,
  TARGETS,
  ticketsSummary,
  writeReport,
} from './report.ts';
import { benchTaskRun } from './tasks.ts';
import { benchTickets } from './tickets.ts';
import { benchChain } from './verifactu.ts';

/**
 * `npm run bench`: bundle size and cold-start import time of every function, signing and PDF
 * speed, then API throughput and issuing on the local platform. Measurement, not a test: a missed
 * target is reported and the exit code stays 0; a failed request or a numbering gap fails it.
 */
const repoRoot = resolve(import.meta.dirname, '../..');
const reportPath = join(repoRoot, '.bench', 'report.json');
const INIT_REPEATS = 5;
// Throughput keeps climbing for ~15 s of load (DynamoDB Local's JVM JIT, V8), then plateaus.
const API = { connections: [1, 32], durationSeconds: 10, repeats: 3, warmupSeconds: 15 };
const SIGNING = { runs: 3, seconds: 5 };
// Drafts for the measured run are sized from the warm-up's rate (× headroom) to outlast it.
const ISSUE = {
  connections: 16,
  warmup: 100,
  seconds: 10,
  headroom: 3,
  maxDrafts: 5000,
  createConcurrency: 8,
};

const say = (line: string) => console.log(`[bench] ${line}`);
const workDir = mkdtempSync(join(tmpdir(), 'sello-bench-'));
let platform: Platform | undefined;

async function cleanUp() {
  killChildren();
  const running = platform;
  platform = undefined;
  await running?.stop();
  rmSync(workDir, { recursive: true, force: true });
}

// Ctrl-C: end our load generator / probes and every platform process (DynamoDB Local's JVM too).
let interrupted = false;
const interrupt = (signal: string) => {
  if (interrupted) return;
  interrupted = true;
  say(`${signal}: stopping…`);
  void cleanUp().finally(() => process.exit(130));
};
process.on('SIGINT', () => interrupt('SIGINT'));
process.on('SIGTERM', () => interrupt('SIGTERM'));

try {
  const started = Date.now();
  // Bundles first, before the platform exists, so nothing else competes for the 2 cores.
  const entries = [...routeList, fallbackRoute, ...triggeredList].map(({ id, entry }) => ({
    id,
    entry,
  }));
  say(`bundling ${entries.length} entries`);
  const bundles = await bundleAll(entries, repoRoot, join(workDir, 'bundles'));
  // Kept for https://esbuild.github.io/analyze/ when a bundle needs a closer look.
  mkdirSync(join(repoRoot, '.bench', 'meta'), { recursive: true });
  for (const b of bundles) {
    writeFileSync(join(repoRoot, '.bench', 'meta', `${b.id}.json`), JSON.stringify(b.metafile));
  }
  say(`init time: ${INIT_REPEATS} fresh processes per bundle, without and with source maps`);
  const init = await measureInit(bundles, INIT_REPEATS);
  const initMaps = await measureInit(bundles, INIT_REPEATS, ['--enable-source-maps']);

  const rows: BundleRow[] = bundles.map((b) => ({
    id: b.id,
    entry: b.entry,
    bytes: b.bytes,
    initMs: init.get(b.id)!.median,
    initSamplesMs: init.get(b.id)!.samples,
    initWithSourceMapsMs: initMaps.get(b.id)!.median,
    topPackages: b.packages.slice(0, 3),
  }));
  const biggest = rows.reduce((a, b) => (b.bytes > a.bytes ? b : a));

  // CPU-bound and single-threaded: measured before the platform exists, each in its own process.
  say(`signing: ${SIGNING.runs} fresh processes × ${SIGNING.seconds} s`);
  const signing = await benchSigning(SIGNING.runs, SIGNING.seconds, say);
  say('PDF render time');
  const pdf = await benchPdf(say);
  say('UBL/CII export and parse+validate of a 20-line invoice');
  const exchange = { ...(await benchExport()), ...(await benchParse()) };
  say("CFDI 4.0: model to sealed XML with SAT's test CSD");
  const cfdi = await benchCfdi();

  say('building the portal when stale');
  await ensurePortalBuilt(say);
  say('starting the platform');
  const port = await freePort();
  platform = await startPlatform({
    dataDir: join(workDir, 'data'),
    port,
    mailPort: await freePort(),
    // The scheduler's ticks are not what is measured; keep them off the server's event loop.
    schedulerIntervalMs: 0,
    // On disk, DynamoDB Local commits every write to SQLite with a sync to the disk, one at a
    // time: on a shared disk that is ~30 ms a write and the measure of the disk, not of Sello.
    dynamoInMemory: true,
    log: (line) => say(line),
  });
  const api = await benchApi(platform, { ...API, log: say });
  const issue = await benchIssue(platform, { ...ISSUE, log: say });
  const chain = await benchChain(platform, { records: 10_000, runs: 3, log: say });
  const tickets = await benchTickets(platform, { batches: 5, log: say });
  const ticketsLine = ticketsSummary(tickets);
  const redemption = await benchRedemption(platform, { tickets: 400, log: say });
  const redemptionLine = redemptionSummary(redemption);
  // Sized to finish in about a minute; `node --import tsx test/bench/tasks.ts 10000 issue` runs the
  // full 10,000-customer task.
  const tasks = [
    await benchTaskRun(platform, { customers: 1000, mode: 'create', log: say }),
    await benchTaskRun(platform, { customers: 200, mode: 'send', log: say }),
  ];
  // Issue 13's measure: a month-total run over 1,000 accounts with 10,000 deposits, three times.
  const depositPolicies = await benchDepositPolicies(platform, {
    accounts: 1000,
    depositsPerAccount: 10,
    repeats: 3,
    log: say,
  });
  // Issue 14's measure: a claim billed (valuation, the split's two drafts, both issued), 8 at a time.
  const claims = await benchClaims(platform, { claims: 100, repeats: 3, log: say });
  // Last, on the data the runs above left (thousands of invoices, topped up to 1,000 if fewer).
  const portal = await benchPortal(platform, { invoices: 1000, log: say });
  await cleanUp();
  const issuing = { signing, pdf, issue };

  const report: Report = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: availableParallelism(),
    targets: TARGETS,
    api,
    issuing,
    verifactu: chain,
    exchange,
    cfdi,
    tickets,
    redemption,
    tasks,
    depositPolicies,
    claims,
    bundles: rows,
    biggest: { id: biggest.id, bytes: biggest.bytes, topPackages: biggest.topPackages },
    portal,
    missed: [
      ...missedTargets(rows),
      ...missedIssuingTargets(issuing),
      ...portal.missed,
      ...(cfdi.sealedPerSecond < TARGETS.cfdiSealedPerSecond
        ? [`CFDI sealed: ${cfdi.sealedPerSecond}/s < ${TARGETS.cfdiSealedPerSecond}/s`]
        : []),
      ...ticketsLine.missed,
      ...redemptionLine.missed,
    ],
  };
  printReport(report);
  console.log(
    `\nVERI*FACTU: the issue run chained ${chain.issuedChain.records} records under 16 concurrent issuers ` +
      `(verify: ${chain.issuedChain.valid ? 'one linear chain, valid' : 'BROKEN'}); ` +
      `verifying ${chain.verify.records} records end to end: median ${chain.verify.medianMs.toFixed(0)} ms ` +
      `(${chain.verify.recordsPerSecond} records/s)`,
  );
  console.log(
    `Exchange (one core, 20 lines): UBL ${exchange.ublPerSecond}/s, CII ${exchange.ciiPerSecond}/s, ` +
      `parse+validate ${exchange.parsePerSecond}/s`,
  );
  console.log(
    `CFDI 4.0 (one core, 2 lines, SAT's test CSD): model to sealed XML ${cfdi.sealedPerSecond}/s ` +
      `(target ≥${TARGETS.cfdiSealedPerSecond}); RSA-2048 floor ${cfdi.rsaFloorPerSecond}/s`,
  );
  console.log(ticketsLine.line);
  console.log(redemptionLine.line);
  for (const t of tasks) {
    console.log(
      `Task run (${t.mode}, ${t.customers} customers): ${t.documentsPerSecond} documents/s, ` +
        `peak RSS ${t.peakRssMb} MB (+${t.rssGrowthMb}); redelivery ${t.redelivery.customersPerSecond} customers/s, ${t.redelivery.created} created`,
    );
  }
  console.log(depositPoliciesLine(depositPolicies));
  console.log(claimsLine(claims));
  console.log("\nPortal (Lighthouse 12 in Debian's Chromium, local platform):");
  for (const r of portal.lighthouse) {
    console.log(
      `  ${r.page.padEnd(13)} ${r.formFactor.padEnd(7)} performance ${r.performance}, accessibility ${r.accessibility}, ` +
        `best practices ${r.bestPractices}; LCP ${r.lcpMs} ms, TBT ${r.tbtMs} ms; JS ${r.firstLoadKb} KB gzipped`,
    );
  }
  console.log(
    `  opening an invoice from a list of ${portal.invoices}: median ${portal.openInvoice.medianMs} ms to its title`,
  );
  writeReport(reportPath, report);
  say(`report: ${reportPath} (${Math.round((Date.now() - started) / 1000)} s)`);
} catch (error) {
  if (!interrupted) {
    console.error('[bench] FAILED:', error instanceof Error ? error.message : error);
    await cleanUp().catch(() => {});
    process.exitCode = 1;
  }
}
