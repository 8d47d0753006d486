import { BODY, CONTENT_W, INK, LEADING, LEFT, MUTED, SMALL } from '../layout.ts';
import type { Language } from '../model.ts';
import type { Sheet } from '../sheet.ts';
import { textWidth, wrapText } from '../text.ts';

const LABELS: Record<
  Language,
  { heading: string; claim: string; policy: string; plate: string; to: Record<string, string> }
> = {
  es: {
    heading: 'SINIESTRO',
    claim: 'Siniestro',
    policy: 'Póliza',
    plate: 'Matrícula',
    to: { insurer: 'Factura a la aseguradora', insured: 'Franquicia a cargo del asegurado' },
  },
  ca: {
    heading: 'SINISTRE',
    claim: 'Sinistre',
    policy: 'Pòlissa',
    plate: 'Matrícula',
    to: { insurer: "Factura a l'asseguradora", insured: "Franquícia a càrrec de l'assegurat" },
  },
  en: {
    heading: 'INSURANCE CLAIM',
    claim: 'Claim',
    policy: 'Policy',
    plate: 'Plate',
    to: { insurer: 'Invoice to the insurer', insured: "The insured's franchise" },
  },
};

/**
 * An invoice billed from a claim file: claim number, policy and plate in three columns under the
 * parties (what the insurer's staff look for first), and which side of the franchise split the
 * invoice is. Nothing for any other invoice.
 */
export function claimBlock(sheet: Sheet): void {
  const claim = sheet.inv.claim;
  if (!claim) return;
  const { pen } = sheet;
  const labels = LABELS[sheet.lang] ?? LABELS.es;
  const gutter = 18;
  const colW = (CONTENT_W - 2 * gutter) / 3;
  const lineH = BODY * LEADING;
  let y = sheet.y;
  pen.text(labels.heading, LEFT, y - SMALL, 'bold', SMALL, sheet.accent);
  const side = labels.to[claim.billedTo] ?? '';
  if (side) {
    const w = textWidth(side, 'regular', SMALL);
    pen.text(side, LEFT + CONTENT_W - w, y - SMALL, 'regular', SMALL, MUTED);
  }
  y -= SMALL * LEADING + 3;
  let bottom = y;
  const cells: [string, string][] = [
    [labels.claim, claim.claimNumber],
    [labels.policy, claim.policyNumber],
    [labels.plate, claim.plate],
  ];
  for (const [col, [label, value]] of cells.entries()) {
    const x = LEFT + col * (colW + gutter);
    const w = pen.text(`${label}:`, x, y - BODY, 'regular', BODY, MUTED) + 4;
    const lines = wrapText(value, 'bold', BODY, colW - w);
    for (const [i, line] of lines.entries()) {
      pen.text(line, x + w, y - BODY - i * lineH, 'bold', BODY, INK);
    }
    bottom = Math.min(bottom, y - lines.length * lineH);
  }
  sheet.y = bottom - 16;
}
