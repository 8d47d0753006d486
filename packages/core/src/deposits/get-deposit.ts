import { NotFoundError } from '../errors.ts';
import type { Page } from '../shared/page.ts';
import type { Deposit, DepositListQuery, DepositRepository } from './model.ts';
import { referenceOfDepositId } from './validate.ts';

/** One deposit by its id (`dep_…`); a NotFoundError for an unknown one. */
export const getDeposit =
  (deps: { deposits: DepositRepository }) =>
  async (tenantId: string, id: string): Promise<Deposit> => {
    const reference = referenceOfDepositId(id);
    const deposit =
      reference === undefined ? undefined : await deps.deposits.get(tenantId, reference);
    if (!deposit) throw new NotFoundError('Deposit', id);
    return deposit;
  };

/** The tenant's deposits, newest payment first, by customer, status and payment days. */
export const listDeposits =
  (deps: { deposits: DepositRepository }) =>
  (tenantId: string, query: DepositListQuery): Promise<Page<Deposit>> =>
    deps.deposits.list(tenantId, query);
