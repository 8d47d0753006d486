import { Dec } from '@sello/core/money';
import type { Rgb } from '../canvas.ts';
import { formatDecimal, formatIban, formatMoney } from '../format.ts';
import { BODY, CONTENT_W, INK, LEADING, LEFT, SMALL } from '../layout.ts';
import type { Sheet } from '../sheet.ts';
import { type FontName, wrapText } from '../text.ts';

/**
 * Payment terms and notes, the last things on an invoice. They are prepared as lists of lines so
 * the closing block can measure them before drawing, and so notes longer than a page can flow on.
 */

export interface BlockLine {
  text: string;
  font: FontName;
  size: number;
  color: Rgb;
  height: number;
}

export interface Block {
  kind: 'payment' | 'currency' | 'notes';
  lines: BlockLine[];
  /** Space above the block. */
  lead: number;
  height: number;
}

const block = (kind: Block['kind'], lines: BlockLine[], lead: number): Block => ({
  kind,
  lines,
  lead,
  height: lead + lines.reduce((h, l) => h + l.height, 0),
});

/** The payment block (means, IBAN, terms) if the invoice has payment details, then the notes if any. */
export function paymentAndNotes(sheet: Sheet): Block[] {
  const out: Block[] = [];
  const { l, inv } = sheet;
  const p = inv.payment;
  const line = (
    text: string,
    font: FontName = 'regular',
    size = BODY,
    color: Rgb = INK,
  ): BlockLine => ({
    text,
    font,
    size,
    color,
    height: size * LEADING,
  });
  if (p) {
    const lines: BlockLine[] = [line(l.payment.toUpperCase(), 'bold', SMALL, sheet.accent)];
    lines.push(line(l.paymentMeans[p.means], 'bold'));
    if (p.iban) lines.push(line(`${l.iban}  ${formatIban(p.iban)}`));
    if (p.terms) {
      for (const s of wrapText(p.terms, 'regular', BODY, CONTENT_W)) lines.push(line(s));
    }
    out.push(block('payment', lines, 18));
  }
  // An invoice in another currency states the rate and its tax in the accounting currency
  // (Spain: RD 1619/2012 art. 10.1, the tax quota also in euros).
  const accounting = inv.issuer.address.country === 'MX' ? 'MXN' : 'EUR';
  if (inv.currency !== accounting && inv.exchangeRate) {
    const rate = `1 ${inv.currency} = ${formatDecimal(inv.exchangeRate, sheet.lang)} ${accounting}`;
    const taxIn = new Dec(inv.totals.tax).times(inv.exchangeRate).toFixed(2);
    out.push(
      block(
        'currency',
        [
          line(l.currency.toUpperCase(), 'bold', SMALL, sheet.accent),
          line(l.exchangeRate(rate)),
          line(`${l.taxIn(accounting)}: ${formatMoney(taxIn, sheet.lang, accounting)}`),
        ],
        14,
      ),
    );
  }
  const notes = inv.notes?.trim();
  if (notes) {
    const lines: BlockLine[] = [line(l.notes.toUpperCase(), 'bold', SMALL, sheet.accent)];
    for (const s of wrapText(notes, 'regular', BODY, CONTENT_W)) lines.push(line(s));
    out.push(block('notes', lines, 14));
  }
  return out;
}

/** Draws the blocks from `y`, line by line, starting a continuation page whenever one does not fit. */
export function drawBlocks(sheet: Sheet, blocks: readonly Block[]): void {
  for (const b of blocks) {
    for (const [i, piece] of b.lines.entries()) {
      const h = i === 0 ? piece.height + b.lead : piece.height;
      if (sheet.y - h < sheet.bodyBottom) sheet.continuationPage();
      if (i === 0) sheet.y -= b.lead;
      sheet.pen.text(piece.text, LEFT, sheet.y - piece.size, piece.font, piece.size, piece.color);
      sheet.y -= piece.height;
    }
  }
}
