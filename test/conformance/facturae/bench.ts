import { resolve } from 'node:path';
import { buildFacturae } from '@sello/formats';
import { type SignFacturaeOptions, signFacturae } from '@sello/signing';
import { BENCH_INVOICE } from './fixtures.ts';
import { goldenIdentity } from './support.ts';

/**
 * Signed Facturae per second on one core: build + XAdES-EPES sign of the 3-line DESIGN invoice
 * with the local software signer (RSA-2048, SHA-512), one document after another. DESIGN §7
 * targets at least 1,100/s. Run: `node --import tsx test/conformance/facturae/bench.ts [seconds]`.
 */
export async function benchSignedFacturae(seconds: number): Promise<number> {
  const identity = await goldenIdentity();
  const options: SignFacturaeOptions = {
    signer: identity.signer,
    keyId: identity.keyId,
    certificateDer: identity.certificateDer,
    algorithm: 'RSASSA_PKCS1_V1_5_SHA_512',
    signingTime: new Date(),
  };
  // Warm-up, so the JIT and the certificate cache are in their steady state.
  for (let i = 0; i < 200; i++) await signFacturae(buildFacturae(BENCH_INVOICE), options);

  let count = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  let now = start;
  while (now < end) {
    await signFacturae(buildFacturae(BENCH_INVOICE), options);
    count++;
    now = performance.now();
  }
  return count / ((now - start) / 1000);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const seconds = Number(process.argv[2] ?? 5);
  const rate = await benchSignedFacturae(seconds);
  console.log(`signed Facturae/s (1 core, ${seconds} s): ${Math.round(rate)}`);
}
