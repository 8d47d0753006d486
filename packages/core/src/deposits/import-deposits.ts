import type { CustomerRepository } from '../customers/customer.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/ids.ts';
import {
  type Imported,
  type ImportKind,
  importByReference,
} from '../shared/import-by-reference.ts';
import type { Deposit, DepositInput, DepositRepository } from './model.ts';
import { depositHash, depositId, depositProblems } from './validate.ts';

export interface DepositDeps {
  deposits: DepositRepository;
  customers: Pick<CustomerRepository, 'get'>;
  clock: Clock;
  ids: IdGenerator;
}

/** The most deposits one request imports: well inside 30 s and 6 MB. */
export const MAX_DEPOSITS_PER_IMPORT = 1000;

/** Customers read at once while checking an import's. */
const CUSTOMER_READS = 25;

/** The ids among `ids` that are the tenant's live customers. */
async function liveCustomers(
  deps: Pick<DepositDeps, 'customers'>,
  tenantId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const live = new Set<string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += CUSTOMER_READS) {
    const found = await Promise.all(
      unique.slice(i, i + CUSTOMER_READS).map((id) => deps.customers.get(tenantId, id)),
    );
    for (const c of found) if (c && !c.deletedAt) live.add(c.id);
  }
  return live;
}

/**
 * Imports deposits, all or none, idempotent by the payment's reference (see
 * `importByReference`): a payment notified again with the same content is answered as it is; the
 * same reference with other content is a 409 naming its `reference`. Each names a live customer
 * of the tenant. `batch` says whether the request was `{deposits: […]}` or one deposit.
 */
export const importDeposits =
  (deps: DepositDeps) =>
  async (
    tenantId: string,
    inputs: readonly DepositInput[],
    batch: boolean,
  ): Promise<Imported<Deposit>[]> => {
    const now = deps.clock.now();
    const at = now.toISOString();
    const customers = await liveCustomers(
      deps,
      tenantId,
      inputs.map((d) => d.customerId),
    );
    const kind: ImportKind<DepositInput, Deposit> = {
      noun: 'deposit',
      list: 'deposits',
      problems: (input, prefix) => depositProblems(input, now, customers, prefix),
      hash: depositHash,
      build: (input, hash, importId) => ({
        ...input,
        id: depositId(input.reference),
        tenantId,
        status: 'uninvoiced',
        paidAt: new Date(input.date).toISOString(),
        contentHash: hash,
        importId,
        createdAt: at,
        updatedAt: at,
      }),
    };
    return importByReference(deps.deposits, kind, {
      tenantId,
      inputs,
      batch,
      importId: deps.ids.next('imp'),
    });
  };
