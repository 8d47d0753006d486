import { statSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderInvoicePdf } from '../../../packages/pdf/src/index.ts';
import {
  acceptanceInvoice,
  correctiveInvoice,
  draftInvoice,
  exoticInvoice,
  longInvoice,
  QR_URL,
} from './fixtures.ts';
import { pageCount, RENDERS_DIR, renderPng, requireTools, save } from './poppler.ts';

/**
 * PNG renders for a person to look at (DESIGN §5: PDFs are looked at). They go to RENDERS_DIR
 * (`$SELLO_PDF_RENDERS` or `<tmp>/sello-pdf-renders`), never into git; the test only checks that
 * poppler could rasterise every page kind.
 */
const now = new Date('2026-11-23T10:15:00Z');
const legalFooter =
  'Talleres García Núñez, S.L. Inscrita en el Registro Mercantil de Madrid, tomo 12.345, folio 67, hoja M-123456. ' +
  'Sus datos se tratan para gestionar la relación comercial; puede ejercer sus derechos en privacidad@talleresgarcia.es.';

beforeAll(requireTools);

describe(`PNG renders in ${RENDERS_DIR}`, () => {
  it('rasterises page 1, a middle page, a draft, a corrective, a QR, fallback characters and a claim', async () => {
    const long = save(
      await renderInvoicePdf(longInvoice(300, 'es'), { now, branding: { legalFooter } }),
    );
    const middle = Math.ceil(pageCount(long) / 2);
    const pngs = [
      renderPng(save(await renderInvoicePdf(acceptanceInvoice('es'), { now })), 1, 'acceptance-es'),
      renderPng(
        save(
          await renderInvoicePdf(acceptanceInvoice('en'), {
            now,
            branding: { legalFooter, accentColor: '#0f766e' },
          }),
        ),
        1,
        'acceptance-en-branded',
      ),
      renderPng(long, middle, 'lines-300-es-middle'),
      renderPng(long, pageCount(long), 'lines-300-es-last'),
      renderPng(save(await renderInvoicePdf(draftInvoice('ca'), { now })), 1, 'draft-ca'),
      renderPng(save(await renderInvoicePdf(correctiveInvoice('es'), { now })), 1, 'corrective-es'),
      renderPng(
        save(
          await renderInvoicePdf(acceptanceInvoice('es'), { now, verifactu: { qrUrl: QR_URL } }),
        ),
        1,
        'verifactu-qr-es',
      ),
      renderPng(save(await renderInvoicePdf(exoticInvoice(), { now })), 1, 'fallback-characters'),
      renderPng(
        save(
          await renderInvoicePdf(
            {
              ...acceptanceInvoice('es'),
              claim: {
                claimId: 'clm_1',
                claimNumber: 'SIN-2026-0042',
                policyNumber: 'POL-778899',
                plate: '1234BCD',
                billedTo: 'insurer',
              },
            },
            { now },
          ),
        ),
        1,
        'claim-insurer-es',
      ),
    ];
    for (const png of pngs) expect(statSync(png).size).toBeGreaterThan(10_000);
  });
});
