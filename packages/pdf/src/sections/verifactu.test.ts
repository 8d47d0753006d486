import { describe, expect, it } from 'vitest';
import { QR_URL } from '../../../../test/conformance/pdf/fixtures.ts';
import { colour, drawn, rightEdge } from '../../testing/pages.ts';
import { Canvas } from '../canvas.ts';
import { QR_LEGEND, QR_TITLE } from '../labels.ts';
import { BLACK, BODY, INK, MM, PAGE_W } from '../layout.ts';
import { Pen } from '../pen.ts';
import { qrSymbol } from '../qr.ts';
import { QR_SIDE_MM, qrBlock } from './verifactu.ts';

describe('qrBlock', () => {
  const pen = new Pen(new Canvas());
  const top = 800;
  const bottom = qrBlock(pen, top, QR_URL);
  const { texts, rects } = drawn(pen);
  const symbol = qrSymbol(QR_URL);
  const left = Math.min(...rects.map((r) => r.x));
  const right = Math.max(...rects.map((r) => r.x + r.w));
  const symbolTop = Math.max(...rects.map((r) => r.y + r.h));
  const symbolBottom = Math.min(...rects.map((r) => r.y));
  const module = (QR_SIDE_MM * MM) / symbol.size;

  it('prints AEAT legends above and below, at body size and centred', () => {
    expect(texts.map((t) => [t.text, t.font, t.size, t.color])).toEqual([
      [QR_TITLE, 'regular', BODY, colour(INK)],
      [QR_LEGEND, 'bold', BODY, colour(INK)],
    ]);
    for (const t of texts) expect((t.x + rightEdge(t)) / 2).toBeCloseTo(PAGE_W / 2, 1);
  });

  it('draws the symbol as one black path of runs, 34 mm wide, centred on the page', () => {
    expect(QR_SIDE_MM).toBeGreaterThanOrEqual(30);
    expect(QR_SIDE_MM).toBeLessThanOrEqual(40);
    expect(rects).toHaveLength(symbol.runs.length);
    expect(new Set(rects.map((r) => r.path))).toEqual(new Set([symbol.runs.length]));
    expect(new Set(rects.map((r) => r.color))).toEqual(new Set([colour(BLACK)]));
    expect(right - left).toBeCloseTo(QR_SIDE_MM * MM, 1);
    expect(symbolTop - symbolBottom).toBeCloseTo(QR_SIDE_MM * MM, 1);
    expect((left + right) / 2).toBeCloseTo(PAGE_W / 2, 1);
  });

  it('keeps a four-module quiet zone clear of the legends and returns the y under them', () => {
    const [title, legend] = texts;
    // Text baselines: the title's descenders and the legend's cap height stay outside the zone.
    expect(title!.y - BODY * 0.25 - symbolTop).toBeGreaterThanOrEqual(4 * module - 0.05);
    expect(symbolBottom - (legend!.y + BODY * 0.75)).toBeGreaterThanOrEqual(4 * module - 0.05);
    expect(title!.y).toBeCloseTo(top - BODY, 1);
    expect(bottom).toBeLessThan(legend!.y);
  });
});
