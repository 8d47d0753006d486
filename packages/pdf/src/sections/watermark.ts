import { PAGE_H, PAGE_W, WATERMARK } from '../layout.ts';
import type { Pen } from '../pen.ts';
import { textWidth, toWinAnsi } from '../text.ts';

/**
 * The draft's word across the page: diagonal, translucent and drawn last, so it cannot be hidden
 * by a filled box underneath.
 */
export function watermark(pen: Pen, text: string): void {
  const word = toWinAnsi(text);
  const angle = Math.atan2(PAGE_H, PAGE_W);
  const diag = Math.hypot(PAGE_W, PAGE_H);
  const size = Math.min(140, (diag * 0.62) / textWidth(word, 'bold', 1));
  const w = textWidth(word, 'bold', size);
  const capH = size * 0.72;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const x = PAGE_W / 2 - (w / 2) * cos + (capH / 2) * sin;
  const y = PAGE_H / 2 - (w / 2) * sin - (capH / 2) * cos;
  pen.canvas.rotatedText(word, x, y, angle, 'bold', size, WATERMARK);
}
