import type { Labels } from '../labels.ts';
import { CONTENT_W, LEADING, LEFT, MARGIN_BOTTOM, MUTED, RIGHT, RULE, SMALL } from '../layout.ts';
import type { Pen } from '../pen.ts';
import { wrapText } from '../text.ts';

/**
 * The foot of every page: a rule, the page number on the right and, if the issuer gave one, the
 * legal small print on the left. It is drawn once all pages exist, when their count is known.
 */

/** The legal footer wrapped to the width it is printed at; none when blank. */
export function legalFooterLines(text: string | undefined): string[] {
  const footer = text?.trim();
  return footer ? wrapText(footer, 'regular', SMALL, CONTENT_W - 90) : [];
}

/** The lowest y body content may reach: legal text (if any) and the page-number line, above the bottom margin. */
export function bodyBottom(footerLines: readonly string[]): number {
  const footerH = Math.max(1, footerLines.length) * SMALL * LEADING;
  return MARGIN_BOTTOM + footerH + 14;
}

/** What the foot reads of the sheet (its own type, so the sheet can import this file). */
interface FootedSheet {
  readonly footerLines: readonly string[];
  readonly l: Labels;
}

/** Draws the foot of page `index` (0-based) of `total` on its pen. */
export function pageFooter(sheet: FootedSheet, pen: Pen, index: number, total: number): void {
  const lines = sheet.footerLines;
  const numberLine = MARGIN_BOTTOM;
  pen.rule(numberLine + Math.max(1, lines.length) * SMALL * LEADING + 2, RULE, 0.5);
  pen.textRight(sheet.l.page(index + 1, total), RIGHT, numberLine, 'regular', SMALL, MUTED);
  // Legal text grows upwards from the page-number line so it always ends at the margin.
  const n = lines.length;
  lines.forEach((line, j) => {
    pen.text(line, LEFT, numberLine + (n - 1 - j) * SMALL * LEADING, 'regular', SMALL, MUTED);
  });
}
