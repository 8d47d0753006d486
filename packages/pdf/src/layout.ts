import type { Rgb } from './canvas.ts';

/** The page geometry, colours and type scale every section shares. */

// A4 portrait in points, 15 mm side margins.
export const MM = 72 / 25.4;
export const PAGE_W = 595.28;
export const PAGE_H = 841.89;
const MARGIN_X = 15 * MM;
export const MARGIN_TOP = 14 * MM;
export const MARGIN_BOTTOM = 12 * MM;
export const LEFT = MARGIN_X;
export const RIGHT = PAGE_W - MARGIN_X;
export const CONTENT_W = RIGHT - LEFT;

export const INK: Rgb = [0.13, 0.15, 0.18];
export const MUTED: Rgb = [0.4, 0.44, 0.5];
export const RULE: Rgb = [0.84, 0.86, 0.89];
export const WHITE: Rgb = [1, 1, 1];
export const BLACK: Rgb = [0, 0, 0];
export const WATERMARK: Rgb = [0.8, 0.1, 0.1];
export const DEFAULT_ACCENT = '#1f4e79';

// Type scale: body 9 pt, table 8.5 pt; the QR legends use the body size as AEAT requires.
export const BODY = 9;
export const SMALL = 7.5;
export const TABLE = 8.5;
export const LEADING = 1.3;

/** Inner padding of a table cell. */
export const PAD = 4;
/** Height of the issuer/number line that heads every page after the first. */
export const RUNNING_HEAD_H = BODY + 18;
