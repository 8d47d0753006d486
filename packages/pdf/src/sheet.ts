import { Canvas, type Rgb } from './canvas.ts';
import { LABELS, type Labels } from './labels.ts';
import { DEFAULT_ACCENT, MARGIN_TOP, PAGE_H } from './layout.ts';
import type { Invoice, Language } from './model.ts';
import type { RenderOptions } from './options.ts';
import { Pen } from './pen.ts';
import { bodyBottom, legalFooterLines } from './sections/footer.ts';

/** The size the issuer block reserves for the logo (an embedded pdf-lib image has it). */
export interface LogoSize {
  readonly width: number;
  readonly height: number;
}

/**
 * The document being laid out, top-down: what every section reads (the invoice, its language and
 * labels, the branding, the title and number as printed) and the cursor it moves (the current
 * page's pen and `y`). Sections draw from `y` downwards and leave `y` under what they drew; when
 * something does not fit above `bodyBottom` they call `continuationPage`.
 */
export class Sheet {
  readonly lang: Language;
  readonly l: Labels;
  readonly accent: Rgb;
  /** The accent blended towards white: behind the total and the corrective reference. */
  readonly accentTint: Rgb;
  readonly draft: boolean;
  readonly title: string;
  readonly number: string;
  /** The legal footer, wrapped; the same on every page. */
  readonly footerLines: string[];
  /** The lowest y body content may reach: the footer lives below it. */
  readonly bodyBottom: number;
  /** One pen per page, in order. */
  readonly pages: Pen[] = [];
  pen!: Pen;
  y = 0;

  constructor(
    readonly inv: Invoice,
    readonly opts: RenderOptions,
    readonly logo: LogoSize | undefined,
    /** Draws the head of a page after the first and leaves `y` under it. */
    private readonly runningHead: (sheet: Sheet) => void,
  ) {
    this.lang = inv.language in LABELS ? inv.language : 'es';
    this.l = LABELS[this.lang];
    const [ar, ag, ab] = parseHex(opts.branding?.accentColor) ?? parseHex(DEFAULT_ACCENT)!;
    this.accent = [ar, ag, ab];
    this.accentTint = [mix(ar, 0.9), mix(ag, 0.9), mix(ab, 0.9)];
    this.draft = opts.draft ?? inv.status === 'draft';
    this.title = inv.kind === 'corrective' ? this.l.correctiveInvoice : this.l.invoice;
    this.number = this.draft || !inv.number ? this.l.noNumber : inv.number;
    this.footerLines = legalFooterLines(opts.branding?.legalFooter);
    this.bodyBottom = bodyBottom(this.footerLines);
  }

  newPage(): void {
    this.pen = new Pen(new Canvas());
    this.pages.push(this.pen);
    this.y = PAGE_H - MARGIN_TOP;
  }

  /** A page after the first, with its running head so a loose sheet still says whose it is. */
  continuationPage(): void {
    this.newPage();
    this.runningHead(this);
  }
}

function parseHex(value?: string): [number, number, number] | undefined {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value?.trim() ?? '');
  if (!m) return undefined;
  let hex = m[1]!;
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  const n = Number.parseInt(hex, 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

/** Blends a channel towards white. */
const mix = (c: number, white: number): number => c + (1 - c) * white;
