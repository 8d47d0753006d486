import { buildCii, buildUbl } from '@sello/formats';
import { BENCH_INVOICE } from '../conformance/ubl/fixtures.ts';
import { median } from './stats.ts';

/**
 * UBL and CII export speed: a 20-line issued invoice built over and over in this process, after a
 * warm-up for the JIT. Each format runs `runs` times for `seconds` each; the result is the median
 * rate in documents per second of CPU time of this (single-threaded) process, i.e. per core: on a
 * machine shared with other work, wall-clock rates measure the neighbours as much as the builder.
 * Defaults: 3 runs of 1 s, about 3 s per format.
 *
 *   node --import tsx -e "import('./test/bench/exchange-export.ts').then(m => m.benchExport()).then(console.log)"
 */
export interface ExportBenchOptions {
  runs?: number;
  seconds?: number;
}

export async function benchExport(
  options: ExportBenchOptions = {},
): Promise<{ ublPerSecond: number; ciiPerSecond: number }> {
  const { runs = 3, seconds = 1 } = options;
  const ubl = rate(() => buildUbl(BENCH_INVOICE), runs, seconds);
  const cii = rate(() => buildCii(BENCH_INVOICE), runs, seconds);
  return { ublPerSecond: Math.round(ubl), ciiPerSecond: Math.round(cii) };
}

function rate(build: () => string, runs: number, seconds: number): number {
  let bytes = 0;
  for (let i = 0; i < 500; i++) bytes += build().length;
  const rates: number[] = [];
  for (let run = 0; run < runs; run++) {
    const budget = seconds * 1e6;
    const started = process.cpuUsage();
    let count = 0;
    let used = 0;
    while (used < budget) {
      // Read the clock every 50 builds: reading it costs more than it should weigh here.
      for (let i = 0; i < 50; i++) bytes += build().length;
      count += 50;
      const { user, system } = process.cpuUsage(started);
      used = user + system;
    }
    rates.push(count / (used / 1e6));
  }
  // Use the output, so no engine can decide the builds are dead code.
  if (bytes === 0) throw new Error('the builders wrote nothing');
  return median(rates);
}
