import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderInvoicePdf } from '../../../packages/pdf/src/index.ts';
import { acceptanceInvoice } from './fixtures.ts';
import { pageTexts, requireTools, save } from './poppler.ts';

/**
 * The 3-line invoice as `pdftotext -layout` lays it out, kept in git so a change of layout shows up
 * in review as a text diff. `UPDATE_GOLDEN=1` rewrites it after an intended change.
 */
const GOLDEN = join(import.meta.dirname, '../../fixtures/golden/pdf/acceptance-es.layout.txt');
const now = new Date('2026-11-23T10:15:00Z');

beforeAll(requireTools);

describe('golden text', () => {
  it('matches the stored layout of the acceptance invoice', async () => {
    const pdf = save(await renderInvoicePdf(acceptanceInvoice('es'), { now }));
    const text = pageTexts(pdf, 'layout').join('\f');
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(GOLDEN)) writeFileSync(GOLDEN, text);
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  });
});
