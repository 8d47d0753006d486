import { ConflictError, type FieldError, NotFoundError, ValidationError } from '../errors.ts';
import { minorUnits } from '../money/currencies.ts';
import { Dec, plain } from '../money/decimal.ts';
import type { Clock } from '../ports/clock.ts';
import { canonicalHash } from '../shared/import-by-reference.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import { computeInvoice } from '../taxes/compute.ts';
import type { Computation, Jurisdiction, LineInput } from '../taxes/model.ts';
import { assertValidTaxes } from '../taxes/validate-taxes.ts';
import { getClaim } from './claims.ts';
import type {
  ClaimRepository,
  Valuation,
  ValuationInput,
  ValuationLine,
  ValuationRepository,
  ValuationTotals,
} from './model.ts';
import { diffValuations } from './valuation-diff.ts';

export interface ValuationDeps {
  claims: Pick<ClaimRepository, 'get'>;
  valuations: ValuationRepository;
  /** Whose tax rules the tenant follows. */
  jurisdiction: (tenantId: string) => Promise<Jurisdiction>;
  clock: Clock;
}

/**
 * The most lines one version holds: an appraisal has tens; this keeps a version, with the
 * changes it carries, well inside DynamoDB's 400 KB item.
 */
export const MAX_VALUATION_LINES = 250;

/** Facturae's UnitOfMeasure: hours for labour and paint, units for parts and materials. */
const HOURS = '02';

/**
 * The lines the tax engine (and an invoice billed from the valuation) takes: every line with the
 * valuation's taxes, labour and paint counted in hours.
 */
export function valuationLineInputs(v: Pick<ValuationInput, 'lines' | 'taxes'>): LineInput[] {
  return v.lines.map((line) => ({
    description: line.description,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    ...(line.discountRate ? { discountRate: line.discountRate } : {}),
    ...(line.kind === 'labour' || line.kind === 'paint' ? { unit: HOURS } : {}),
    taxes: v.taxes,
  }));
}

/**
 * The valuation's totals through the tax engine (the same rounding an invoice gets) and the
 * franchise split: a ValidationError naming each bad field (`lines.3.quantity`, `taxes.0.rate`,
 * `franchise` above the total or in more decimals than the currency has).
 */
export function valuationTotals(
  input: Pick<ValuationInput, 'lines' | 'taxes' | 'franchise'>,
  currency: string,
  jurisdiction: Jurisdiction,
): { computation: Computation; totals: ValuationTotals } {
  const errors: FieldError[] = [];
  if (input.lines.length > MAX_VALUATION_LINES) {
    errors.push({ path: 'lines', message: `At most ${MAX_VALUATION_LINES} lines` });
  }
  const units = minorUnits(currency);
  const given = new Dec(input.franchise);
  if (given.isNegative() || given.decimalPlaces() > units) {
    errors.push({ path: 'franchise', message: `Zero or more, in at most ${units} decimals` });
  }
  if (errors.length) throw new ValidationError('Invalid valuation', errors);
  assertValidTaxes(input.taxes, 'taxes', { jurisdiction });
  const computation = computeInvoice(valuationLineInputs(input), { currency, jurisdiction });
  const total = new Dec(computation.totals.total);
  const franchise = new Dec(input.franchise);
  if (franchise.greaterThan(total)) {
    throw new ValidationError('The franchise exceeds the valuation', [
      {
        path: 'franchise',
        message: `At most the valuation's total, ${computation.totals.total}`,
      },
    ]);
  }
  const fixed = (d: Dec) => d.toDecimalPlaces(units).toFixed(units);
  return {
    computation,
    totals: {
      net: computation.totals.net,
      tax: computation.totals.tax,
      total: computation.totals.total,
      franchise: fixed(franchise),
      insurer: fixed(total.minus(franchise)),
    },
  };
}

/** Amounts as numbers say them ("1.50" and "1.5" are one amount), for the content hash. */
const canonicalLine = (l: ValuationLine) => ({
  ...l,
  description: l.description.trim(),
  quantity: plain(new Dec(l.quantity)),
  unitPrice: plain(new Dec(l.unitPrice)),
  ...(l.discountRate !== undefined ? { discountRate: plain(new Dec(l.discountRate)) } : {}),
});

/**
 * The hash of a version's content in one canonical form (keys sorted, amounts as numbers, the
 * currency resolved), whatever the form it came in: the same appraisal sent as JSON or CSV, or
 * sent again, hashes alike.
 */
export function valuationHash(input: ValuationInput, currency: string): string {
  return canonicalHash({
    version: input.version,
    lines: input.lines.map(canonicalLine),
    franchise: plain(new Dec(input.franchise)),
    taxes: input.taxes.map((t) => ({ ...t, rate: plain(new Dec(t.rate)) })),
    currency,
    appraiser: input.appraiser,
    date: input.date,
  });
}

const versionConflict = (message: string) =>
  new ConflictError(message, [{ path: 'version', message }]);

/**
 * Imports one version of a claim's valuation, idempotent per claim and version: the same
 * version with the same content answers the stored one (`created` false); with other content it
 * is a ConflictError naming `version`, as is a version that is not the next one. A new version
 * carries what changed since the one before, and moves the claim to `valued` at it.
 */
export const importValuation =
  (deps: ValuationDeps) =>
  async (
    tenantId: string,
    claimId: string,
    input: ValuationInput,
    source: Valuation['source'],
  ): Promise<{ valuation: Valuation; created: boolean }> => {
    const claim = await getClaim(deps)(tenantId, claimId);
    const currency = input.currency ?? 'EUR';
    const { totals } = valuationTotals(input, currency, await deps.jurisdiction(tenantId));
    const contentHash = valuationHash(input, currency);
    const stored = async () => {
      const existing = await deps.valuations.get(tenantId, claimId, input.version);
      if (!existing) return undefined;
      if (existing.contentHash !== contentHash) {
        throw versionConflict(
          `Version ${input.version} was imported with other content: send it as version ${
            (claim.valuationVersion ?? input.version) + 1
          }`,
        );
      }
      return { valuation: existing, created: false };
    };
    const again = await stored();
    if (again) return again;
    if (claim.status === 'closed') throw new ConflictError(`Claim ${claim.claimNumber} is closed`);
    const latest = claim.valuationVersion ?? 0;
    if (input.version !== latest + 1) {
      throw versionConflict(`The next version of this valuation is ${latest + 1}`);
    }
    const previous = latest ? await deps.valuations.get(tenantId, claimId, latest) : undefined;
    const valuation: Valuation = {
      ...input,
      claimId,
      tenantId,
      currency,
      source,
      contentHash,
      totals,
      ...(previous
        ? {
            changes: diffValuations(previous, {
              lines: input.lines,
              totals,
              franchise: input.franchise,
            }),
          }
        : {}),
      importedAt: deps.clock.now().toISOString(),
    };
    try {
      await deps.valuations.record(valuation);
    } catch (error) {
      // Lost a race: the same content sent twice at once is one import; anything else stands.
      if (!(error instanceof ConflictError)) throw error;
      const raced = await stored();
      if (raced) return raced;
      throw error;
    }
    return { valuation, created: true };
  };

/** The claim's valuation versions, oldest first, a page at a time. */
export const listValuations =
  (deps: Pick<ValuationDeps, 'claims' | 'valuations'>) =>
  async (tenantId: string, claimId: string, page: PageRequest): Promise<Page<Valuation>> => {
    await getClaim(deps)(tenantId, claimId);
    return deps.valuations.listPage(tenantId, claimId, page);
  };

export const getValuation =
  (deps: Pick<ValuationDeps, 'claims' | 'valuations'>) =>
  async (tenantId: string, claimId: string, version: number): Promise<Valuation> => {
    await getClaim(deps)(tenantId, claimId);
    const valuation = await deps.valuations.get(tenantId, claimId, version);
    if (!valuation) throw new NotFoundError('Valuation', `${claimId} v${version}`);
    return valuation;
  };

/** The shape clients see: internal fields stay inside. */
export const valuationView = (v: Valuation) => ({
  claimId: v.claimId,
  version: v.version,
  source: v.source,
  currency: v.currency,
  ...(v.appraiser ? { appraiser: v.appraiser } : {}),
  ...(v.date ? { date: v.date } : {}),
  lines: v.lines,
  taxes: v.taxes,
  franchise: v.franchise,
  totals: v.totals,
  ...(v.changes ? { changes: v.changes } : {}),
  contentHash: v.contentHash,
  importedAt: v.importedAt,
});
