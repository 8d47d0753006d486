import { formatMoney, formatNegatedMoney, formatPercent } from '../format.ts';
import { BODY, CONTENT_W, INK, LEADING, LEFT, MUTED, PAD, RIGHT, RULE, SMALL } from '../layout.ts';
import type { TaxBreakdownRow } from '../model.ts';
import type { Sheet } from '../sheet.ts';
import { wrapText } from '../text.ts';

/**
 * The per-rate tax breakdown (left) and the totals with the tinted grand total (right), side by
 * side from `y`. Returns the height the two take; with `draw` false it only measures (so the
 * closing block can decide where it fits), with `draw` true it draws and moves `y` under them.
 */
export function summary(sheet: Sheet, draw: boolean): number {
  const { pen, inv, l, lang } = sheet;
  const money = (value: string) => formatMoney(value, lang, inv.currency);
  const negated = (value: string) => formatNegatedMoney(value, lang, inv.currency);
  const top = sheet.y;
  const totalsW = 200;
  const breakdownW = CONTENT_W - totalsW - 28;
  // Breakdown columns inside breakdownW.
  const cAmount = { x: LEFT + breakdownW - 72, w: 72 };
  const cRate = { x: cAmount.x - 48, w: 48 };
  const cBase = { x: cRate.x - 76, w: 76 };
  const cTax = { x: LEFT, w: cBase.x - LEFT };
  const rowH = BODY * LEADING + 5;

  let y = top;
  if (draw) pen.text(l.taxBreakdown.toUpperCase(), LEFT, y - SMALL, 'bold', SMALL, sheet.accent);
  y -= SMALL * LEADING + 4;
  if (draw) {
    const base = y - SMALL - 2;
    pen.text(l.tax, cTax.x, base, 'bold', SMALL, MUTED);
    pen.cellRight(l.base, cBase, base, 'bold', SMALL, MUTED);
    pen.cellRight(l.rate, cRate, base, 'bold', SMALL, MUTED);
    pen.cellRight(l.taxAmount, cAmount, base, 'bold', SMALL, MUTED);
    pen.rule(y - SMALL - 6, RULE, 0.5, LEFT, LEFT + breakdownW);
  }
  y -= SMALL + 6;
  for (const b of inv.breakdown) {
    const names = wrapText(breakdownName(sheet, b), 'regular', BODY, cTax.w - PAD);
    const h = (names.length - 1) * BODY * LEADING + rowH;
    if (draw) {
      const base = y - BODY - 3;
      names.forEach((s, i) => {
        pen.text(s, cTax.x, base - i * BODY * LEADING, 'regular', BODY, INK);
      });
      pen.cellRight(money(b.base), cBase, base, 'regular', BODY, INK);
      pen.cellRight(formatPercent(b.rate, lang), cRate, base, 'regular', BODY, INK);
      const amount = b.withheld ? negated(b.amount) : money(b.amount);
      pen.cellRight(amount, cAmount, base, 'regular', BODY, INK);
      pen.rule(y - h, RULE, 0.5, LEFT, LEFT + breakdownW);
    }
    y -= h;
  }
  const leftBottom = y;

  // Totals.
  const x0 = RIGHT - totalsW;
  const col = { x: x0, w: totalsW };
  const totals = inv.totals;
  const taxTypes = distinct(inv.breakdown.filter((b) => !b.withheld).map((b) => b.type));
  const heldTypes = distinct(inv.breakdown.filter((b) => b.withheld).map((b) => b.type));
  const rows: Array<[string, string]> = [
    [l.taxableBase, money(totals.net)],
    [taxTypes.length > 0 ? taxTypes.join(' + ') : l.taxes, money(totals.tax)],
  ];
  if (heldTypes.length > 0) {
    rows.push([l.withholding(heldTypes.join(' + ')), negated(totals.withheld)]);
  }
  y = top;
  for (const [label, value] of rows) {
    if (draw) {
      const base = y - BODY - 3;
      pen.text(label, x0 + 8, base, 'regular', BODY, MUTED, totalsW / 2);
      pen.cellRight(value, col, base, 'regular', BODY, INK);
    }
    y -= rowH;
  }
  const totalH = 26;
  y -= 4;
  if (draw) {
    pen.canvas.rect(x0, y - totalH, totalsW, totalH, sheet.accentTint);
    pen.canvas.rect(x0, y, totalsW, 1.2, sheet.accent);
    const base = y - totalH / 2 - 4;
    pen.text(l.total, x0 + 8, base, 'bold', 12, sheet.accent);
    pen.cellRight(money(totals.total), col, base, 'bold', 12, sheet.accent);
  }
  y -= totalH;
  const bottom = Math.min(leftBottom, y);
  if (draw) sheet.y = bottom;
  return top - bottom;
}

function breakdownName(sheet: Sheet, b: TaxBreakdownRow): string {
  if (b.exemption) return `${b.type} ${sheet.l.exempt} (${b.exemption})`;
  if (b.notSubject) return `${b.type} ${sheet.l.notSubject} (${b.notSubject})`;
  return b.type;
}

const distinct = <T>(xs: T[]): T[] => [...new Set(xs)];
