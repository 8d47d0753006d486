import { renderInvoicePdf } from '@sello/pdf';
import type { Invoice } from '../../../packages/pdf/src/model.ts';
import { longInvoice } from '../../conformance/pdf/fixtures.ts';
import { median } from '../stats.ts';

/**
 * Child process of `npm run bench`: median time of `renderInvoicePdf` for a 1-line and a 300-line
 * invoice, warm (each case renders a few times unrecorded first), printed as JSON on the last line.
 * Run: `node --import tsx test/bench/probes/pdf.ts`.
 */
export interface PdfCase {
  lines: number;
  iterations: number;
  medianMs: number;
  p90Ms: number;
  bytes: number;
}

// A fixed date keeps the output byte-stable, as in the PDF conformance tests.
const now = new Date('2026-11-23T10:15:00Z');

async function measure(invoice: Invoice, warmup: number, iterations: number): Promise<PdfCase> {
  let bytes = 0;
  for (let i = 0; i < warmup; i++) bytes = (await renderInvoicePdf(invoice, { now })).length;
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await renderInvoicePdf(invoice, { now });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return {
    lines: invoice.lines.length,
    iterations,
    medianMs: median(times),
    p90Ms: at(0.9),
    bytes,
  };
}

const cases = [
  await measure(longInvoice(1, 'es'), 50, 200),
  await measure(longInvoice(300, 'es'), 5, 30),
];
console.log(JSON.stringify(cases));
