import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ApiResult } from './api.ts';
import type { PackageShare } from './bundles.ts';
import { round } from './stats.ts';

export const TARGETS = { bundleBytes: 1024 * 1024, initMs: 150 } as const;

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
  bundles: BundleRow[];
  biggest: { id: string; bytes: number; topPackages: PackageShare[] };
  missed: string[];
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

export function printReport(report: Report): void {
  const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
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

  if (report.missed.length === 0) console.log('\nAll targets met.');
  else console.log(`\nMissed targets:\n${report.missed.map((m) => `  - ${m}`).join('\n')}`);
}

export function writeReport(path: string, report: Report): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
