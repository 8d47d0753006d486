import type { Deposit } from '../deposits/model.ts';
import { type DepositTotals, depositTotals } from '../deposits/totals.ts';
import { referenceOfDepositId } from '../deposits/validate.ts';
import { type FieldError, NotFoundError, ValidationError } from '../errors.ts';
import { jurisdictionOf } from '../taxes/rules.ts';
import { customerAt } from './customer-at.ts';
import type {
  CustomerAt,
  CustomerPortalDeps,
  PortalCaller,
  PortalDepositPage,
  PortalDepositQuery,
} from './model.ts';

type Deps = Pick<CustomerPortalDeps, 'customers' | 'tenants' | 'deposits' | 'treatmentOf'>;

/** A deposit of this customer; another's (or none) is not found, alike. */
async function ownDeposit(deps: Deps, at: CustomerAt, id: string): Promise<Deposit> {
  const reference = referenceOfDepositId(id);
  const deposit =
    reference === undefined ? undefined : await deps.deposits.get(at.tenant.id, reference);
  if (!deposit || deposit.customerId !== at.customer.id) throw new NotFoundError('Deposit', id);
  return deposit;
}

/**
 * Several of this customer's deposits, in the order given (each id once), read together by the
 * repository's `getMany` (one BatchGetItem per 100) rather than one read per id. An id that is
 * none of the customer's is the caller's mistake in its selection: a 400 naming `depositIds.N`,
 * the same for another customer's deposit as for none (ids say nothing of others).
 */
export async function ownDeposits(
  deps: Deps,
  at: CustomerAt,
  ids: readonly string[],
): Promise<Deposit[]> {
  const unique = [...new Set(ids)];
  const references = unique.flatMap((id) => referenceOfDepositId(id) ?? []);
  const found = references.length ? await deps.deposits.getMany(at.tenant.id, references) : [];
  const byId = new Map(found.map((d) => [d.id, d]));
  const errors: FieldError[] = [];
  const deposits = unique.flatMap((id) => {
    const deposit = byId.get(id);
    if (deposit?.customerId === at.customer.id) return [deposit];
    errors.push({ path: `depositIds.${ids.indexOf(id)}`, message: `You have no deposit ${id}` });
    return [];
  });
  if (errors.length) throw new ValidationError('Unknown deposits in the selection', errors);
  return deposits;
}

/**
 * The recipient's deposits at a supplier, newest payment first, with the treatment and the
 * jurisdiction their invoice is computed with: a client adds up a selection with `depositTotals`
 * and shows what the invoice will say without asking.
 */
export const listPortalDeposits =
  (deps: Deps) =>
  async (
    caller: PortalCaller,
    tenantId: string,
    query: PortalDepositQuery,
  ): Promise<PortalDepositPage> => {
    const at = await customerAt(deps)(caller, tenantId);
    const [page, treatment] = await Promise.all([
      deps.deposits.list(tenantId, { ...query, customerId: at.customer.id }),
      deps.treatmentOf(at.tenant, at.customer),
    ]);
    return { ...page, treatment, jurisdiction: jurisdictionOf(at.tenant.address.country) };
  };

/** One of the recipient's deposits at a supplier. */
export const getPortalDeposit =
  (deps: Deps) =>
  async (caller: PortalCaller, tenantId: string, id: string): Promise<Deposit> =>
    ownDeposit(deps, await customerAt(deps)(caller, tenantId), id);

/** The figures an invoice of these deposits will show (the card's, computed by the API). */
export const portalDepositTotals =
  (deps: Deps) =>
  async (
    caller: PortalCaller,
    tenantId: string,
    ids: readonly string[],
  ): Promise<DepositTotals> => {
    const at = await customerAt(deps)(caller, tenantId);
    const [deposits, treatment] = await Promise.all([
      ownDeposits(deps, at, ids),
      deps.treatmentOf(at.tenant, at.customer),
    ]);
    return depositTotals(deposits, treatment, jurisdictionOf(at.tenant.address.country));
  };
