import { Dec } from '../money/decimal.ts';
import type { Valuation, ValuationChanges, ValuationLine } from './model.ts';

type Compared = Pick<Valuation, 'version' | 'lines' | 'totals' | 'franchise'>;

/**
 * Which line of the version before a line is: the same kind and manufacturer or operation
 * reference when it has one, else the same kind and description (compared without case or runs of
 * blanks). Appraisers keep references across versions and rewrite descriptions, hence the order.
 */
export function lineIdentity(line: ValuationLine): string {
  const reference = line.reference?.trim().toUpperCase();
  return reference
    ? `${line.kind}|ref|${reference}`
    : `${line.kind}|desc|${line.description.trim().replace(/\s+/g, ' ').toLowerCase()}`;
}

const sameAmount = (a: string | undefined, b: string | undefined) =>
  new Dec(a ?? 0).equals(new Dec(b ?? 0));

/** Whether two matched lines say the same (amounts compared as numbers: "1.50" is "1.5"). */
export function sameLine(a: ValuationLine, b: ValuationLine): boolean {
  return (
    a.description.trim() === b.description.trim() &&
    sameAmount(a.quantity, b.quantity) &&
    sameAmount(a.unitPrice, b.unitPrice) &&
    sameAmount(a.discountRate, b.discountRate) &&
    (a.category ?? '') === (b.category ?? '') &&
    (a.reference?.trim() ?? '') === (b.reference?.trim() ?? '')
  );
}

/**
 * What changed from `before` to `after`: lines added, removed and changed (matched by
 * `lineIdentity`; lines of the same identity are paired in their order), the totals before and
 * after, and the franchise when it moved.
 */
export function diffValuations(
  before: Compared,
  after: Omit<Compared, 'version'>,
): ValuationChanges {
  const unmatched = new Map<string, ValuationLine[]>();
  for (const line of before.lines) {
    const key = lineIdentity(line);
    unmatched.set(key, [...(unmatched.get(key) ?? []), line]);
  }
  const added: ValuationLine[] = [];
  const changed: ValuationChanges['changed'] = [];
  for (const line of after.lines) {
    const earlier = unmatched.get(lineIdentity(line))?.shift();
    if (!earlier) added.push(line);
    else if (!sameLine(earlier, line)) changed.push({ before: earlier, after: line });
  }
  // What no line of `after` took, in the order of `before`.
  const left = new Set([...unmatched.values()].flat());
  const removed = before.lines.filter((l) => left.has(l));
  return {
    previousVersion: before.version,
    added,
    removed,
    changed,
    totals: { before: before.totals, after: after.totals },
    ...(sameAmount(before.franchise, after.franchise)
      ? {}
      : { franchise: { before: before.franchise, after: after.franchise } }),
  };
}
