import { beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../../packages/pdf/src/format.ts';
import { LABELS, renderInvoicePdf } from '../../../packages/pdf/src/index.ts';
import type { Invoice, Language } from '../../../packages/pdf/src/model.ts';
import {
  acceptanceInvoice,
  correctiveInvoice,
  draftInvoice,
  exoticInvoice,
  longInvoice,
} from './fixtures.ts';
import { pageCount, pageTexts, requireTools, save } from './poppler.ts';

/**
 * What a reader of the PDF gets: text extracted by poppler (so accents, € and the layout survive
 * a real PDF parser, not just our own writer) and page counts from pdfinfo.
 */
const now = new Date('2026-11-23T10:15:00Z');
const LANGS: Language[] = ['es', 'ca', 'en'];

beforeAll(requireTools);

async function extract(invoice: Invoice, options = {}) {
  const pdf = save(await renderInvoicePdf(invoice, { now, ...options }), invoice.language);
  const pages = pageTexts(pdf);
  return { pdf, pages, text: pages.join('\n'), count: pageCount(pdf) };
}

describe('the acceptance invoice (2 × 150 IVA 21 + IRPF 15; 3 × 20 −10 %; 1 × 25 IVA 4)', () => {
  it('prints number, amounts, accents and page numbers in Spanish', async () => {
    const { text, count } = await extract(acceptanceInvoice('es'));
    expect(count).toBe(1);
    for (const s of [
      'Factura',
      'A-2026-0042',
      'Talleres García Núñez, S.L.',
      "Col·legi Oficial d'Enginyers Tècnics de Girona",
      'Diagnóstico y reparación',
      'IVA 21 %',
      'IRPF 15 %',
      'IVA 4 %',
      '10 %',
      '150,00 €',
      'Base imponible',
      '379,00 €',
      '75,34 €',
      'Retención IRPF',
      '-45,00 €',
      '409,34 €',
      '23/11/2026',
      '23/12/2026',
      'Transferencia bancaria',
      'ES91 2100 0418 4502 0005 1332',
      'Observaciones'.toUpperCase(),
      'Página 1 de 1',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('speaks Catalan', async () => {
    const { text } = await extract(acceptanceInvoice('ca'));
    for (const s of [
      'Sèrie',
      "Data d'emissió",
      'Descripció',
      'Base imposable',
      'Retenció IRPF',
      '409,34 €',
      'Transferència bancària',
      'Pàgina 1 de 1',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('speaks English', async () => {
    const { text } = await extract(acceptanceInvoice('en'));
    for (const s of [
      'Invoice',
      'Issue date',
      '23 Nov 2026',
      'Taxable base',
      'IRPF withholding',
      '€379.00',
      '-€45.00',
      '€409.34',
      'IVA 21%',
      'Bank transfer',
      'Page 1 of 1',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('carries the legal footer', async () => {
    const legalFooter = 'Inscrita en el Registro Mercantil de Madrid, tomo 12.345, hoja M-123456.';
    const { text } = await extract(acceptanceInvoice('es'), { branding: { legalFooter } });
    expect(text).toContain(legalFooter);
  });
});

describe.each(LANGS)('long invoices in %s', (lang) => {
  const l = LABELS[lang];

  it.each([40, 300])(
    '%i lines: header on every page, rows whole, totals on the last page',
    async (n) => {
      const invoice = longInvoice(n, lang);
      const { pages, count } = await extract(invoice);
      expect(pages).toHaveLength(count);
      expect(count).toBeGreaterThanOrEqual(n === 40 ? 2 : 8);

      const rowPage = new Map<number, number>();
      pages.forEach((page, p) => {
        expect(page).toContain(l.page(p + 1, count));
        for (const m of page.matchAll(/(?<![\d.,])(\d{1,3})\. \p{L}/gu)) {
          const i = Number(m[1]);
          expect(rowPage.has(i), `line ${i} printed twice`).toBe(false);
          rowPage.set(i, p);
        }
      });
      expect([...rowPage.keys()].sort((a, b) => a - b)).toEqual(
        Array.from({ length: n }, (_, i) => i + 1),
      );

      pages.forEach((page, p) => {
        const rowsHere = [...rowPage].filter(([, at]) => at === p).map(([i]) => i);
        // Every page with rows repeats the table header.
        if (rowsHere.length > 0) expect(page).toContain(l.description);
        // A long description ends on the page where its row starts.
        const longRows = rowsHere.filter((i) => i % 7 === 0).length;
        expect(page.match(/conformidad\./g)?.length ?? 0).toBe(longRows);
        // Each row's amount is on the same page as its description.
        for (const i of rowsHere)
          expect(page).toContain(formatMoney(invoice.lines[i - 1]!.net, lang));
      });

      const total = formatMoney(invoice.totals.total, lang);
      expect(pages.at(-1)).toContain(total);
      expect(pages.at(-1)).toContain(l.taxableBase);
      for (const page of pages.slice(0, -1)) expect(page).not.toContain(total);
    },
  );
});

describe('drafts', () => {
  /** The diagonal word comes out one letter per line; read in stream order it is whole again. */
  const watermark = (pdf: string) => pageTexts(pdf, 'raw').map((page) => page.replace(/\s+/g, ''));

  it.each(LANGS)('are watermarked and unnumbered in %s', async (lang) => {
    const { pdf, text, count } = await extract(draftInvoice(lang));
    expect(count).toBe(1);
    expect(watermark(pdf)[0]).toContain(LABELS[lang].draft);
    expect(text).toContain(LABELS[lang].noNumber);
    expect(text).not.toContain('A-2026-0042');
  });

  it('mark every page of a long draft', async () => {
    const invoice = { ...longInvoice(40, 'es'), status: 'draft' as const };
    const { pdf, count } = await extract(invoice);
    expect(count).toBeGreaterThan(1);
    for (const page of watermark(pdf)) expect(page).toContain('BORRADOR');
  });

  it('can be forced for an issued invoice (preview), and issued ones carry no watermark', async () => {
    const forced = await extract(acceptanceInvoice('es'), { draft: true });
    expect(watermark(forced.pdf)[0]).toContain('BORRADOR');
    expect(forced.text).toContain('sin número');
    const issued = await extract(acceptanceInvoice('es'));
    expect(watermark(issued.pdf)[0]).not.toContain('BORRADOR');
  });
});

describe('corrective invoices', () => {
  it('name the original, its date, the reason and the method', async () => {
    const { text } = await extract(correctiveInvoice('es'));
    for (const s of [
      'Factura rectificativa',
      'R-2026-0003',
      'Rectifica la factura A-2026-0042',
      'Fecha de emisión: 23/11/2026',
      'Motivo: 16 – Base imponible',
      'Método: por diferencias',
      'Periodo: 01/11/2026 – 30/11/2026',
      '-300,00 €',
      '-318,00 €',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('are titled in English too', async () => {
    const { text } = await extract(correctiveInvoice('en'));
    expect(text).toContain('Corrective invoice');
    expect(text).toContain('Corrects invoice A-2026-0042');
    expect(text).toContain('by differences');
  });
});

describe('characters outside WinAnsi', () => {
  it('are replaced, not fatal', async () => {
    const { text, count } = await extract(exoticInvoice());
    expect(count).toBe(1);
    expect(text).toContain('Sakura');
    expect(text).toContain('Niño');
    expect(text).toContain('Lódz Gyor');
    expect(text).toContain('??????? ? Sakura');
    expect(text).toContain('col·legi');
    expect(text).toContain('409,34 €');
  });
});

describe('units of measure', () => {
  /** The acceptance invoice with hours on the labour line, a box of filters and a litre of oil. */
  const withUnits = (lang: Language): Invoice => {
    const inv = acceptanceInvoice(lang);
    const [labour, filters, manual] = inv.lines;
    return {
      ...inv,
      lines: [
        { ...labour!, unit: '02' },
        { ...filters!, unit: '06' },
        { ...manual!, quantity: '1.5', unit: 'litros', description: 'Aceite 5W30' },
        { ...manual!, quantity: '1', unit: '06', description: 'Caja de tornillería' },
        { ...manual!, quantity: '4', unit: 'ud', description: 'Bujías' },
        { ...manual!, quantity: '12', unit: 'm²', description: 'Lámina protectora' },
      ],
    };
  };

  // Raw (stream order) text: poppler's reading order glues two one-letter words ("2 h" reads
  // "2h"), though the page shows, and the stream holds, "2 h".
  it.each([
    [
      'es',
      ['2 h 150,00 €', '3 cajas 20,00 €', '1,5 l 25,00 €', '1 caja 25,00 €', '12 m² 25,00 €'],
      '25,00 €',
    ],
    [
      'ca',
      ['2 h 150,00 €', '3 caixes 20,00 €', '1,5 l 25,00 €', '1 caixa 25,00 €', '12 m² 25,00 €'],
      '25,00 €',
    ],
    [
      'en',
      ['2 h €150.00', '3 boxes €20.00', '1.5 l €25.00', '1 box €25.00', '12 m² €25.00'],
      '€25.00',
    ],
  ] as const)('print the unit with the quantity in %s', async (lang, expected, price) => {
    const { pdf } = await extract(withUnits(lang));
    const lines = pageTexts(pdf, 'raw')[0]!.split('\n');
    for (const s of expected)
      expect(
        lines.some((l) => l.startsWith(s)),
        s,
      ).toBe(true);
    // Plain units print the bare number: "4", not "4 ud".
    expect(lines).toContain(`4 ${price} ${price}`);
  });
});

describe('an invoice billed from a claim', () => {
  const claim = {
    claimId: 'clm_1',
    claimNumber: 'SIN-2026-0042',
    policyNumber: 'POL-778899',
    plate: '1234BCD',
    billedTo: 'insured' as const,
  };
  const expected: Record<Language, string[]> = {
    es: ['SINIESTRO', 'Siniestro: SIN-2026-0042', 'Póliza: POL-778899', 'Matrícula: 1234BCD'],
    ca: ['SINISTRE', 'Sinistre: SIN-2026-0042', 'Pòlissa: POL-778899', 'Matrícula: 1234BCD'],
    en: ['INSURANCE CLAIM', 'Claim: SIN-2026-0042', 'Policy: POL-778899', 'Plate: 1234BCD'],
  };

  it.each(LANGS)('prints the claim, policy and plate block (%s)', async (language) => {
    const { pages } = await extract({ ...acceptanceInvoice(language), claim });
    const text = pages[0]!.replace(/ {2,}/g, '  ');
    for (const s of expected[language]) expect(text).toContain(s);
  });

  it('prints no claim block on other invoices', async () => {
    const { text } = await extract(acceptanceInvoice('es'));
    expect(text).not.toContain('SINIESTRO');
  });
});
