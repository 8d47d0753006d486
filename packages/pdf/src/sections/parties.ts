import { formatDate } from '../format.ts';
import { BODY, CONTENT_W, INK, LEADING, LEFT, RIGHT, SMALL } from '../layout.ts';
import type { Address, Language, PartySnapshot } from '../model.ts';
import type { Sheet } from '../sheet.ts';
import { type FontName, wrapText } from '../text.ts';

/** The customer on the left; for a corrective invoice, what it corrects in a tinted box on the right. */
export function parties(sheet: Sheet): void {
  const { pen, inv, l } = sheet;
  const top = sheet.y;
  const half = (CONTENT_W - 24) / 2;
  let y = top;
  pen.text(l.customer.toUpperCase(), LEFT, y - SMALL, 'bold', SMALL, sheet.accent);
  y -= SMALL * LEADING + 3;
  const c = inv.customer;
  y = pen.paragraph(c.name, LEFT, y, half, 'bold', 10.5, INK);
  y -= 1;
  for (const line of partyLines(sheet, c, inv.issuer)) {
    y = pen.paragraph(line, LEFT, y, half, 'regular', BODY, INK);
  }
  const rightBottom = correctiveBox(sheet, top, RIGHT - half, half);
  sheet.y = Math.min(y, rightBottom) - 18;
}

function correctiveBox(sheet: Sheet, top: number, x: number, width: number): number {
  const { pen, inv, l, lang } = sheet;
  const cd = inv.corrective;
  if (inv.kind !== 'corrective' || !cd) return top;
  const inner = width - 20;
  const lines: Array<[string, FontName]> = [
    [`${l.corrects} ${cd.originalNumber}`, 'bold'],
    [
      `${cd.originalSeries ? `${l.series}: ${cd.originalSeries} · ` : ''}${l.issueDate}: ${formatDate(cd.originalIssueDate, lang)}`,
      'regular',
    ],
    [`${l.reason}: ${cd.reasonCode} – ${cd.reasonDescription}`, 'regular'],
    [`${l.method}: ${l.methods[cd.method]}`, 'regular'],
    [
      `${l.period}: ${formatDate(cd.period.start, lang)} – ${formatDate(cd.period.end, lang)}`,
      'regular',
    ],
  ];
  const wrapped = lines.flatMap(([t, f]) =>
    wrapText(t, f, BODY, inner).map((s) => [s, f] as const),
  );
  const h = wrapped.length * BODY * LEADING + 16;
  pen.canvas.rect(x, top - h, width, h, sheet.accentTint);
  pen.canvas.rect(x, top - h, 2.5, h, sheet.accent);
  let y = top - 8;
  for (const [s, f] of wrapped) {
    pen.text(s, x + 12, y - BODY, f, BODY, INK);
    y -= BODY * LEADING;
  }
  return top - h;
}

/** Tax id, address, country when the other party is elsewhere, e-mail: for issuer and customer alike. */
export function partyLines(sheet: Sheet, p: PartySnapshot, other: PartySnapshot): string[] {
  // A Mexican tax id is an RFC, and is called so.
  const label = p.taxIdKind === 'MX_RFC' ? 'RFC' : sheet.l.taxId;
  const lines = [`${label} ${p.taxId}`, ...addressLines(p.address)];
  if (p.address.country !== other.address.country)
    lines.push(countryName(p.address.country, sheet.lang));
  if (p.email) lines.push(p.email);
  return lines;
}

/** An address as printed: street lines, then postal code and city (and province). */
export function addressLines(a: Address): string[] {
  const lines = [a.line1];
  if (a.line2) lines.push(a.line2);
  const city = [a.postalCode, a.city].filter(Boolean).join(' ');
  const withProvince =
    a.province && a.province.toLowerCase() !== a.city.toLowerCase()
      ? `${city} (${a.province})`
      : city;
  lines.push(withProvince);
  return lines;
}

const regionNames = new Map<Language, Intl.DisplayNames>();

/** Country name in the invoice language, from the runtime's ICU data (no table to maintain). */
function countryName(code: string, lang: Language): string {
  let names = regionNames.get(lang);
  if (!names) {
    names = new Intl.DisplayNames([lang], { type: 'region' });
    regionNames.set(lang, names);
  }
  try {
    return names.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
