import { createHash } from 'node:crypto';
import type { CustomerRepository } from '../customers/customer.ts';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../errors.ts';
import type { InvoiceRequest } from '../invoices/create-invoice.ts';
import type { DraftDeletion, InvoiceRepository } from '../invoices/invoice-repository.ts';
import type { Invoice } from '../invoices/model.ts';
import { Dec } from '../money/decimal.ts';
import type { Clock } from '../ports/clock.ts';
import type { Jurisdiction } from '../taxes/model.ts';
import { splitFranchise } from './billing-split.ts';
import { splitTexts } from './billing-texts.ts';
import { getClaim } from './claims.ts';
import type {
  Claim,
  ClaimReference,
  ClaimRepository,
  Valuation,
  ValuationRepository,
} from './model.ts';

export type BilledSide = ClaimReference['billedTo'];
const SIDES: readonly BilledSide[] = ['insurer', 'insured'];

export interface ClaimBillingDeps {
  claims: Pick<ClaimRepository, 'get' | 'update'>;
  valuations: Pick<ValuationRepository, 'get'>;
  customers: Pick<CustomerRepository, 'get'>;
  invoices: Pick<InvoiceRepository, 'get' | 'create'> & DraftDeletion;
  /** Makes a draft as `POST /v1/invoices` does (parties, series, tax engine), without storing it. */
  draft: (tenantId: string, input: InvoiceRequest) => Promise<Invoice>;
  /** Issues a stored draft as `POST /v1/invoices/{id}/issue` does (gapless numbering). */
  issue: (tenantId: string, id: string) => Promise<Invoice>;
  jurisdiction: (tenantId: string) => Promise<Jurisdiction>;
  clock: Clock;
}

/** The two invoices of a claim (the insured's absent when there is no franchise). */
export interface ClaimInvoices {
  insurer: Invoice;
  insured?: Invoice;
}

/**
 * The id of one side's invoice of one valuation version: the same claim, version and side always
 * give the same id, so "write it if absent" makes one pair however many containers race. Shaped
 * like ulidIds' ids: the claim's time part, then 80 bits of SHA-256 of (claim, version, side).
 */
export function claimInvoiceId(claimId: string, version: number, side: BilledSide): string {
  const time = /^clm_([0-9a-z]{10})/.exec(claimId)?.[1] ?? '0000000000';
  const digest = createHash('sha256').update(`${claimId}\n${version}\n${side}`).digest();
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
  let rest = '';
  let bits = 0;
  let value = 0;
  for (const byte of digest.subarray(0, 10)) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      rest += alphabet[(value >> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  return `inv_${time}${rest}`;
}

async function latestValuation(deps: ClaimBillingDeps, claim: Claim): Promise<Valuation> {
  if (!claim.valuationVersion) {
    throw new ConflictError(`Claim ${claim.claimNumber} has no valuation to bill yet`);
  }
  const valuation = await deps.valuations.get(claim.tenantId, claim.id, claim.valuationVersion);
  if (!valuation) throw new NotFoundError('Valuation', `${claim.id} v${claim.valuationVersion}`);
  return valuation;
}

/** Reads the claim's recorded invoices (those that still exist). */
async function recorded(deps: ClaimBillingDeps, claim: Claim) {
  const ids = claim.invoices;
  if (!ids) return undefined;
  const [insurer, insured] = await Promise.all([
    deps.invoices.get(claim.tenantId, ids.insurer),
    ids.insured ? deps.invoices.get(claim.tenantId, ids.insured) : undefined,
  ]);
  return { version: ids.valuationVersion, insurer, insured };
}

/**
 * "Accept to import the valuation": the drafts of the claim's latest valuation, the insurer's and
 * (with a franchise) the insured's, split as `splitFranchise` says, each naming the claim and
 * carrying the claim's centre (its series, unless the tenant's default). Idempotent: asked again
 * for the same version it answers the drafts it made (as staff may have corrected them); a newer
 * version deletes the older drafts and makes its own, and is a ConflictError once any of the
 * older ones is issued (correct those by rectification). `created`: whether drafts were made now.
 */
export const billClaim =
  (deps: ClaimBillingDeps) =>
  async (
    tenantId: string,
    claimId: string,
  ): Promise<ClaimInvoices & { claim: Claim; created: boolean }> => {
    let claim = await getClaim(deps)(tenantId, claimId);
    if (claim.status === 'closed') throw new ConflictError(`Claim ${claim.claimNumber} is closed`);
    const valuation = await latestValuation(deps, claim);
    const previous = await recorded(deps, claim);
    if (previous && previous.version !== valuation.version) {
      const issued = [previous.insurer, previous.insured].filter(
        (i): i is Invoice => !!i && i.status !== 'draft',
      );
      if (issued.length) {
        throw new ConflictError(
          `Valuation ${previous.version} is already invoiced (${issued.map((i) => i.number).join(', ')}): ` +
            'correct those invoices by rectification',
          issued.map((i) => ({
            path: i.claim?.billedTo ?? 'insurer',
            message: `Issued as ${i.number}`,
          })),
        );
      }
      // Drafts of an older version give way to the new one's.
      for (const draft of [previous.insurer, previous.insured]) {
        if (draft) await deps.invoices.deleteDraft(draft).catch(ignoreGone);
      }
    }
    const made = await makeDrafts(deps, claim, valuation);
    const ids = {
      insurer: made.invoices.insurer.id,
      ...(made.invoices.insured ? { insured: made.invoices.insured.id } : {}),
      valuationVersion: valuation.version,
    };
    // Records the drafts on the claim; a concurrent write (another request, an import) is read
    // again and the record tried once more on what it left.
    for (let attempt = 0; ; attempt++) {
      if (sameIds(claim.invoices, ids)) break;
      const next: Claim = {
        ...claim,
        invoices: ids,
        version: claim.version + 1,
        updatedAt: deps.clock.now().toISOString(),
      };
      try {
        await deps.claims.update(next);
        claim = next;
        break;
      } catch (error) {
        if (!(error instanceof PreconditionFailedError) || attempt >= 2) throw error;
        claim = await getClaim(deps)(tenantId, claimId);
        if (claim.valuationVersion !== valuation.version) {
          throw new ConflictError('A newer valuation was imported meanwhile: ask again');
        }
      }
    }
    return { ...made.invoices, claim, created: made.created };
  };

const sameIds = (a: Claim['invoices'], b: NonNullable<Claim['invoices']>) =>
  !!a &&
  a.insurer === b.insurer &&
  a.insured === b.insured &&
  a.valuationVersion === b.valuationVersion;

/** A draft deleted (or issued) meanwhile by someone else is no reason to fail. */
const ignoreGone = (error: unknown) => {
  if (error instanceof PreconditionFailedError || error instanceof NotFoundError) return;
  throw error;
};

async function makeDrafts(deps: ClaimBillingDeps, claim: Claim, valuation: Valuation) {
  const { tenantId } = claim;
  const [insurerParty, insuredParty, jurisdiction] = await Promise.all([
    deps.customers.get(tenantId, claim.insurerId),
    deps.customers.get(tenantId, claim.insuredId),
    deps.jurisdiction(tenantId),
  ]);
  const split = splitFranchise(
    valuation,
    splitTexts(claim, insurerParty?.language ?? 'es', insuredParty?.language ?? 'es'),
    jurisdiction,
  );
  let created = false;
  const one = async (side: BilledSide, customerId: string, lines: InvoiceRequest['lines']) => {
    const id = claimInvoiceId(claim.id, valuation.version, side);
    const found = await deps.invoices.get(tenantId, id);
    if (found) return found;
    const draft: Invoice = {
      ...(await deps.draft(tenantId, {
        id,
        customerId,
        lines: lines ?? [],
        ...(valuation.currency ? { currency: valuation.currency } : {}),
        // The claim's centre: printed, and its series numbers the drafts.
        ...(claim.centreId ? { centreId: claim.centreId } : {}),
      })),
      claim: {
        claimId: claim.id,
        claimNumber: claim.claimNumber,
        policyNumber: claim.policyNumber,
        plate: claim.vehicle.plate,
        billedTo: side,
      },
    };
    try {
      await deps.invoices.create(draft);
      created = true;
      return draft;
    } catch (error) {
      // Another container wrote this id first: its draft is the one.
      const raced = await deps.invoices.get(tenantId, id);
      if (raced) return raced;
      throw error;
    }
  };
  const [insurer, insured] = await Promise.all([
    one('insurer', claim.insurerId, split.insurer.lines),
    split.insured ? one('insured', claim.insuredId, split.insured.lines) : undefined,
  ]);
  return { invoices: { insurer, ...(insured ? { insured } : {}) } as ClaimInvoices, created };
}

/**
 * Issues the claim's two drafts together, each through the gapless numbering, the insurer's
 * first; resumable: one already issued is left as it is and the other issued, so asking again
 * after a failure issues what is left. Both must be of the claim's latest valuation, and their
 * totals must still add up to its total: a draft corrected so they do not is refused with a
 * ConflictError naming it (`insurer`, `insured`), nothing issued. Then the claim is `invoiced`.
 * `issued`: the invoices numbered by this call (for the post-issue step).
 */
export const issueClaimInvoices =
  (deps: ClaimBillingDeps) =>
  async (
    tenantId: string,
    claimId: string,
  ): Promise<ClaimInvoices & { claim: Claim; issued: Invoice[] }> => {
    let claim = await getClaim(deps)(tenantId, claimId);
    const valuation = await latestValuation(deps, claim);
    const current = await recorded(deps, claim);
    if (!current || current.version !== valuation.version) {
      throw new ConflictError(
        `Claim ${claim.claimNumber} has no drafts of valuation ${valuation.version}: ` +
          `make them with POST /v1/claims/${claimId}/invoices`,
      );
    }
    const sides = SIDES.flatMap((side) => {
      const invoice = current[side];
      const id = claim.invoices?.[side];
      if (id && !invoice) {
        throw new ConflictError(
          `The ${side}'s draft ${id} was deleted: make the drafts again with POST /v1/claims/${claimId}/invoices`,
          [{ path: side, message: `Draft ${id} was deleted` }],
        );
      }
      return invoice ? [{ side, invoice }] : [];
    });
    assertAddsUp(valuation, sides);
    const issued: Invoice[] = [];
    const done: Partial<Record<BilledSide, Invoice>> = {};
    for (const { side, invoice } of sides) {
      done[side] = invoice.status === 'draft' ? await issueOnce(deps, invoice, issued) : invoice;
    }
    for (let attempt = 0; claim.status !== 'invoiced' && claim.status !== 'closed'; attempt++) {
      const next: Claim = {
        ...claim,
        status: 'invoiced',
        version: claim.version + 1,
        updatedAt: deps.clock.now().toISOString(),
      };
      try {
        await deps.claims.update(next);
        claim = next;
      } catch (error) {
        if (!(error instanceof PreconditionFailedError) || attempt >= 2) throw error;
        claim = await getClaim(deps)(tenantId, claimId);
      }
    }
    return {
      insurer: done.insurer!,
      ...(done.insured ? { insured: done.insured } : {}),
      claim,
      issued,
    };
  };

/** Issues a draft; one issued meanwhile by a concurrent request is taken as it is. */
async function issueOnce(deps: ClaimBillingDeps, draft: Invoice, issued: Invoice[]) {
  try {
    const invoice = await deps.issue(draft.tenantId, draft.id);
    issued.push(invoice);
    return invoice;
  } catch (error) {
    if (!(error instanceof ConflictError || error instanceof PreconditionFailedError)) throw error;
    const now = await deps.invoices.get(draft.tenantId, draft.id);
    if (now && now.status !== 'draft') return now;
    throw error;
  }
}

/**
 * The totals of the two invoices must add up to the valuation's: the split makes them so, and a
 * correction that breaks it (a price, a line, the franchise's) is named so staff fix that one.
 */
function assertAddsUp(valuation: Valuation, sides: { side: BilledSide; invoice: Invoice }[]) {
  const sum = sides.reduce((a, { invoice }) => a.plus(invoice.totals.total), new Dec(0));
  if (sum.equals(valuation.totals.total)) return;
  const expected = splitFranchise(valuation, { deduction: '-', franchise: '-' });
  const wanted: Record<BilledSide, string | undefined> = {
    insurer: expected.insurer.total,
    insured: expected.insured?.total,
  };
  const off = sides.filter(
    ({ side, invoice }) => !new Dec(invoice.totals.total).equals(wanted[side] ?? '0'),
  );
  throw new ConflictError(
    `The invoices add up to ${sum.toFixed(2)}, not the valuation's ${valuation.totals.total}`,
    (off.length ? off : sides).map(({ side, invoice }) => ({
      path: side,
      message: `Totals ${invoice.totals.total}; the split gives ${wanted[side] ?? '0'}`,
    })),
  );
}
