import { describe, expect, it } from 'vitest';
import { renderInvoicePdf } from '../../../packages/pdf/src/index.ts';
import type { Invoice } from '../../../packages/pdf/src/model.ts';
import { acceptanceInvoice, longInvoice } from './fixtures.ts';

/**
 * Budget: a one-page invoice in at most 5 ms (median, warm). Measured on the 2-core dev box:
 * ~0.5 ms for one page, ~1.8 ms with the QR, ~8 ms for 300 lines over 15 pages. The bounds here
 * are the budget, not the measurement, so a busy CI machine does not make the test flaky.
 */
const now = new Date('2026-11-23T10:15:00Z');

async function median(invoice: Invoice, runs: number): Promise<number> {
  for (let i = 0; i < 5; i++) await renderInvoicePdf(invoice, { now });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await renderInvoicePdf(invoice, { now });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)]!;
}

describe('render speed', () => {
  it('renders a one-page invoice within 5 ms (median)', async () => {
    expect(await median(acceptanceInvoice('es'), 51)).toBeLessThan(5);
  });

  it('renders 300 lines within 100 ms (median)', async () => {
    expect(await median(longInvoice(300, 'es'), 11)).toBeLessThan(100);
  });
});
