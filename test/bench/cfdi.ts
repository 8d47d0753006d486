import { createHash, sign } from 'node:crypto';
import { buildCfdi, sealCfdi } from '@sello/formats/cfdi';
import { SoftwareSigner } from '@sello/signing';
import { BENCH_CFDI } from '../conformance/cfdi/fixtures.ts';
import { testCsd } from '../conformance/cfdi/support.ts';
import { median } from './stats.ts';

/**
 * CFDI 4.0 sealing speed on one core: from the comprobante model to its sealed XML, that is
 * `NoCertificado` and `Certificado` from SAT's test CSD, the cadena original, its SHA-256, the
 * RSA-2048 PKCS#1 v1.5 signature through the Signer port (the software signer, as locally), and
 * the XML written. Not included yet: mapping a Sello invoice to the model (Mexican taxes are not
 * in the tax engine) and the PAC. Beside it, the floor: `node:crypto` signing a SHA-256 digest
 * with the same key in a loop. Rates are per second of this process's CPU time, median of runs.
 *
 *   node --import tsx -e "import('./test/bench/cfdi.ts').then(m => m.benchCfdi()).then(console.log)"
 */
export interface CfdiBenchResult {
  sealedPerSecond: number;
  rsaFloorPerSecond: number;
}

export async function benchCfdi({ runs = 3, seconds = 1 } = {}): Promise<CfdiBenchResult> {
  const csd = testCsd();
  const signer = new SoftwareSigner(csd.privateKey, 'csd');
  const sealed = async () =>
    buildCfdi(await sealCfdi(BENCH_CFDI, signer, 'csd', csd.certificate)).length;
  const digest = createHash('sha256').update('x').digest();
  const floor = async () => sign(null, digest, csd.privateKey).length;
  return {
    sealedPerSecond: Math.round(await rate(sealed, runs, seconds)),
    rsaFloorPerSecond: Math.round(await rate(floor, runs, seconds)),
  };
}

async function rate(work: () => Promise<number>, runs: number, seconds: number): Promise<number> {
  let bytes = 0;
  for (let i = 0; i < 200; i++) bytes += await work();
  const rates: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = process.cpuUsage();
    let count = 0;
    let used = 0;
    while (used < seconds * 1e6) {
      for (let i = 0; i < 20; i++) bytes += await work();
      count += 20;
      const { user, system } = process.cpuUsage(started);
      used = user + system;
    }
    rates.push(count / (used / 1e6));
  }
  if (bytes === 0) throw new Error('nothing was written');
  return median(rates);
}
