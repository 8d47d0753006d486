import { describe, expect, it } from 'vitest';
import { colour, drawn } from '../../testing/pages.ts';
import { Canvas } from '../canvas.ts';
import { PAGE_H, PAGE_W, WATERMARK } from '../layout.ts';
import { Pen } from '../pen.ts';
import { textWidth } from '../text.ts';
import { watermark } from './watermark.ts';

describe('watermark', () => {
  it.each(['BORRADOR', 'ESBORRANY', 'DRAFT'])(
    'sets "%s" along the diagonal, centred on the page',
    (word) => {
      const pen = new Pen(new Canvas());
      watermark(pen, word);
      const { texts, rotated } = drawn(pen);
      expect(texts).toEqual([]);
      expect(rotated).toHaveLength(1);
      const [w] = rotated;
      expect(w).toMatchObject({ text: word, font: 'bold', color: colour(WATERMARK) });
      expect(w!.angle).toBeCloseTo(Math.atan2(PAGE_H, PAGE_W), 3);
      expect(w!.size).toBeLessThanOrEqual(140);
      // The middle of the word (half its width along the baseline, half the cap height up).
      const width = textWidth(word, 'bold', w!.size);
      const capH = w!.size * 0.72;
      const cos = Math.cos(w!.angle);
      const sin = Math.sin(w!.angle);
      const cx = w!.x + (width / 2) * cos - (capH / 2) * sin;
      const cy = w!.y + (width / 2) * sin + (capH / 2) * cos;
      expect(cx).toBeCloseTo(PAGE_W / 2, 0);
      expect(cy).toBeCloseTo(PAGE_H / 2, 0);
      // Long enough to cross the page, short enough to stay on it.
      expect(width).toBeLessThanOrEqual(Math.hypot(PAGE_W, PAGE_H) * 0.62 + 0.5);
    },
  );
});
