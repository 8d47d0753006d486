import { cfdiPrint, readCfdi, satVerificationUrl } from '@sello/formats/cfdi';
import { beforeAll, describe, expect, it } from 'vitest';
import { CFDI_QR_SIDE_MM, renderInvoicePdf } from '../../../packages/pdf/src/index.ts';
import { acceptanceInvoice, longInvoice } from '../pdf/fixtures.ts';
import {
  blackBox,
  decodeQr,
  pageCount,
  pageTexts,
  renderPng,
  requireTools,
  save,
} from '../pdf/poppler.ts';
import { sampleCfdi, satCadena, scratch } from './support.ts';

/**
 * The printed representation of a stamped CFDI, read back by third-party tools (pdftotext,
 * zbarimg): it must carry what Anexo 20 asks for, readable and exact.
 */
const now = new Date('2026-12-07T10:00:00Z');
const MM = 72 / 25.4;
const files = scratch();
const cfdi = readCfdi(sampleCfdi());
const print = cfdiPrint(cfdi);
/** pdftotext's text with every whitespace removed: seals are cut across lines. */
const squeezed = (text: string) => text.replace(/\s+/g, '');

beforeAll(requireTools);

describe('a stamped CFDI’s printed representation', () => {
  it('has the stamp’s data read from the document itself', () => {
    expect(print.uuid).toBe(cfdi.timbre!.uuid);
    expect(print.qrUrl).toBe(satVerificationUrl(cfdi));
    // The stamp's cadena as SAT's own XSLT makes it from the stamp element.
    const element = /<tfd:TimbreFiscalDigital[^>]*\/>/
      .exec(sampleCfdi())![0]
      .replace('xmlns:tfd=', 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:tfd=');
    expect(print.stampChain).toBe(satCadena(files.file(element), true));
    expect(print.details).toContainEqual(['Tipo de comprobante', 'I - Ingreso']);
  });

  it('prints UUID, certificate numbers, both seals, the stamp’s cadena and SAT’s legend', async () => {
    const pdf = save(await renderInvoicePdf(acceptanceInvoice('es'), { now, cfdi: print }));
    const text = pageTexts(pdf).join('\n');
    for (const fact of [
      print.uuid,
      print.certificateNumber,
      print.satCertificateNumber,
      print.stampedAt,
      print.pacRfc,
      'Este documento es una representación impresa de un CFDI.',
      'DATOS FISCALES DEL CFDI',
    ]) {
      expect(text).toContain(fact);
    }
    for (const long of [print.cfdiSeal, print.satSeal, print.stampChain]) {
      expect(squeezed(text)).toContain(squeezed(long));
    }
    for (const [label, value] of print.details) {
      expect(text).toContain(label);
      expect(text).toContain(value.slice(0, 20));
    }
  });

  it('has SAT’s verification QR, at least 2.75 cm, decoding to the URL', async () => {
    const pdf = save(await renderInvoicePdf(acceptanceInvoice('es'), { now, cfdi: print }));
    const last = pageCount(pdf);
    expect(decodeQr(renderPng(pdf, last, 'cfdi-printed', 150))).toEqual([print.qrUrl]);
    const box = blackBox(pdf, last);
    expect(box.width / MM).toBeGreaterThanOrEqual(27.5);
    expect(Math.abs(box.width - CFDI_QR_SIDE_MM * MM)).toBeLessThan(1.5);
  });

  it('keeps the stamp whole on the last page of a long invoice', async () => {
    const pdf = save(await renderInvoicePdf(longInvoice(60, 'es'), { now, cfdi: print }));
    const pages = pageTexts(pdf);
    expect(pageCount(pdf)).toBe(pages.length);
    const last = pages.at(-1)!;
    expect(last).toContain('TIMBRE FISCAL DIGITAL');
    expect(squeezed(last)).toContain(squeezed(print.stampChain));
    expect(last).toContain('representación impresa de un CFDI');
    for (const page of pages.slice(0, -1)) expect(page).not.toContain('TIMBRE FISCAL DIGITAL');
  });
});
