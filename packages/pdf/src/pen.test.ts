import { describe, expect, it } from 'vitest';
import { colour, drawn, rightEdge } from '../testing/pages.ts';
import { Canvas } from './canvas.ts';
import { INK, LEADING, LEFT, PAD, RIGHT } from './layout.ts';
import { Pen } from './pen.ts';
import { textWidth } from './text.ts';

const pen = () => new Pen(new Canvas());

describe('Pen', () => {
  it('draws text as WinAnsi at the given point and returns its width', () => {
    const p = pen();
    const w = p.text('株式 Niño 12,50 €', 100, 700, 'regular', 9, INK);
    const [t] = drawn(p).texts;
    expect(t).toEqual({
      text: '?? Niño 12,50 €',
      x: 100,
      y: 700,
      font: 'regular',
      size: 9,
      color: colour(INK),
    });
    expect(w).toBeCloseTo(textWidth('?? Niño 12,50 €', 'regular', 9), 6);
  });

  it('shrinks text to a maximum width, never below 5 pt, and draws nothing for an empty string', () => {
    const p = pen();
    const s = 'Col·legi Oficial d’Enginyers Tècnics de Girona';
    p.text(s, 0, 0, 'bold', 12, INK, 200);
    p.text(s, 0, 0, 'bold', 12, INK, 10);
    expect(p.text('', 0, 0, 'bold', 12, INK)).toBe(0);
    const [fitted, tiny, ...rest] = drawn(p).texts;
    expect(textWidth(s, 'bold', fitted!.size)).toBeCloseTo(200, 0);
    expect(fitted!.size).toBeLessThan(12);
    expect(tiny!.size).toBe(5);
    expect(rest).toEqual([]);
  });

  it('right-aligns and centres', () => {
    const p = pen();
    p.textRight('409,34 €', RIGHT, 100, 'bold', 12, INK);
    p.textCentered('VERI*FACTU', 300, 100, 'bold', 9, INK);
    const [right, centred] = drawn(p).texts;
    expect(rightEdge(right!)).toBeCloseTo(RIGHT, 1);
    expect((centred!.x + rightEdge(centred!)) / 2).toBeCloseTo(300, 1);
  });

  it('right-aligns a cell inside its padding and skips an empty one', () => {
    const p = pen();
    const col = { x: 200, w: 40 };
    p.cellRight('12.345,67 €', col, 50, 'regular', 8.5, INK);
    p.cellRight('', col, 50, 'regular', 8.5, INK);
    const texts = drawn(p).texts;
    expect(texts).toHaveLength(1);
    expect(rightEdge(texts[0]!)).toBeCloseTo(col.x + col.w - PAD, 1);
    expect(texts[0]!.x).toBeGreaterThanOrEqual(col.x + PAD - 0.01);
  });

  it('wraps a paragraph line by line and returns the y under it', () => {
    const p = pen();
    const y = p.paragraph('uno dos tres cuatro', LEFT, 500, 40, 'regular', 10, INK);
    const texts = drawn(p).texts;
    expect(texts.length).toBeGreaterThan(1);
    texts.forEach((t, i) => {
      expect(t.y).toBeCloseTo(500 - 10 - i * 10 * LEADING, 6);
    });
    expect(y).toBeCloseTo(500 - texts.length * 10 * LEADING, 6);
  });

  it('draws rules across the content width by default', () => {
    const p = pen();
    p.rule(300, INK, 0.5);
    p.rule(200, INK, 1, 100, 150);
    const [full, short] = drawn(p).rules;
    expect(full!.x0).toBeCloseTo(LEFT, 1);
    expect(full!.x1).toBeCloseTo(RIGHT, 1);
    expect(full).toMatchObject({ y: 300, thickness: 0.5, color: colour(INK) });
    expect(short).toEqual({ x0: 100, x1: 150, y: 200, thickness: 1, color: colour(INK) });
  });
});
