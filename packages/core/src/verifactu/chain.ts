import { computeHuella } from './huella.ts';
import { type BillingRecord, type ChainLink, linkOf } from './record.ts';

export interface ChainCheck {
  valid: boolean;
  /** Records examined: all of them when valid, up to and including the broken one otherwise. */
  checked: number;
  firstBroken?: { index: number; reason: string };
}

const LINK_FIELDS: ReadonlyArray<keyof ChainLink> = [
  'IDEmisorFactura',
  'NumSerieFactura',
  'FechaExpedicionFactura',
  'Huella',
];

function describe(record: BillingRecord): string {
  const l = linkOf(record);
  return `${record.kind} of ${l.IDEmisorFactura} ${l.NumSerieFactura} (${l.FechaExpedicionFactura})`;
}

/**
 * Checks a run of records in generation order, as AEAT asks a SIF to do on its own chain
 * (developer FAQ v1.3 §15): every huella is recomputed from the record's own strings, and every
 * record after the first must carry, as RegistroAnterior, the link of the record before it. The
 * first record's link is not checked, so a slice from the middle of a chain can be verified.
 */
export function verifyChain(records: readonly BillingRecord[]): ChainCheck {
  for (const [index, record] of records.entries()) {
    const broken = (reason: string): ChainCheck => ({
      valid: false,
      checked: index + 1,
      firstBroken: { index, reason },
    });
    if (index > 0) {
      const expected = linkOf(records[index - 1]!);
      const actual = record.RegistroAnterior;
      if (!actual) return broken(`${describe(record)} has no RegistroAnterior`);
      const differing = LINK_FIELDS.filter((f) => actual[f] !== expected[f]);
      if (differing.length) {
        return broken(
          `${describe(record)} does not chain to the record before it: its RegistroAnterior has ` +
            differing
              .map((f) => `${f} ${actual[f]} where that record has ${expected[f]}`)
              .join(', '),
        );
      }
    }
    const recomputed = computeHuella(record);
    if (recomputed !== record.Huella) {
      return broken(
        `${describe(record)}: its huella ${record.Huella} does not match its content ` +
          `(recomputed ${recomputed})`,
      );
    }
  }
  return { valid: true, checked: records.length };
}
