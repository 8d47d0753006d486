import { beforeAll, describe, expect, it } from 'vitest';
import { QR_SIDE_MM, renderInvoicePdf } from '../../../packages/pdf/src/index.ts';
import { acceptanceInvoice, longInvoice, QR_URL } from './fixtures.ts';
import { blackBox, decodeQr, pageTexts, renderPng, requireTools, save } from './poppler.ts';

/** AEAT QR specification v0.5.0: ECC M, 30–40 mm, top of page 1, legends above and below. */
const now = new Date('2026-11-23T10:15:00Z');
const MM = 72 / 25.4;

beforeAll(requireTools);

describe('the VERI*FACTU QR', () => {
  it('decodes to the URL from a 80 dpi render', async () => {
    const pdf = save(
      await renderInvoicePdf(acceptanceInvoice('es'), { now, verifactu: { qrUrl: QR_URL } }),
    );
    expect(decodeQr(renderPng(pdf, 1, 'verifactu-qr-es'))).toEqual([QR_URL]);
  });

  it('is 30–40 mm square, centred at the top of page 1, with its legends', async () => {
    const pdf = save(
      await renderInvoicePdf(longInvoice(60, 'ca'), { now, verifactu: { qrUrl: QR_URL } }),
    );
    const box = blackBox(pdf, 1);
    expect(box.width / MM).toBeGreaterThanOrEqual(30);
    expect(box.width / MM).toBeLessThanOrEqual(40);
    expect(Math.abs(box.width - QR_SIDE_MM * MM)).toBeLessThan(1.5);
    expect(Math.abs(box.height - box.width)).toBeLessThan(1.5);
    expect(Math.abs(box.left + box.width / 2 - 595.28 / 2)).toBeLessThan(2);
    expect(box.top).toBeLessThan(80);

    const pages = pageTexts(pdf);
    expect(pages.length).toBeGreaterThan(1);
    const head = pages[0]!.slice(0, pages[0]!.indexOf('Client'));
    expect(head).toContain('QR tributario:');
    expect(head).toContain('VERI*FACTU');
    // Shown once: no QR and no legend on later pages.
    for (const [i, page] of pages.slice(1).entries()) {
      expect(page).not.toContain('QR tributario:');
      expect(blackBox(pdf, i + 2).width).toBeLessThanOrEqual(0);
    }
  });

  it('is absent unless asked for', async () => {
    const pdf = save(await renderInvoicePdf(acceptanceInvoice('es'), { now }));
    expect(pageTexts(pdf)[0]).not.toContain('QR tributario:');
    expect(blackBox(pdf, 1).width).toBeLessThanOrEqual(0);
  });
});
