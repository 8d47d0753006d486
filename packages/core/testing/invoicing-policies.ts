import type { Deposit } from '../src/deposits/model.ts';
import { depositId } from '../src/deposits/validate.ts';
import { ConflictError, ValidationError } from '../src/errors.ts';
import type { Invoice } from '../src/invoices/model.ts';
import type {
  InvoicingPolicy,
  InvoicingPolicyRepository,
  PolicyLease,
  PolicyRun,
  PolicyRunRepository,
} from '../src/invoicing-policies/model.ts';
import type {
  DepositBill,
  DepositInvoicer,
  FoundBill,
} from '../src/invoicing-policies/run/invoicer.ts';
import type { Page } from '../src/shared/page.ts';

/**
 * In-memory ports for the invoicing policies' unit tests (not exported from the package), with
 * the guarantees the real ones give: an invoice id is issued once, and a deposit is invoiced by
 * one invoice only (the numbering transaction's condition), refused with `depositIds.N`.
 */
export class InMemoryPolicies implements InvoicingPolicyRepository {
  readonly items = new Map<string, InvoicingPolicy>();
  async get(_t: string, customerId: string) {
    return this.items.get(customerId);
  }
  async getMany(_t: string, ids: readonly string[]) {
    return ids.flatMap((id) => (this.items.has(id) ? [this.items.get(id) as InvoicingPolicy] : []));
  }
  async put(p: InvoicingPolicy) {
    this.items.set(p.customerId, structuredClone(p));
  }
  async delete(_t: string, customerId: string) {
    return this.items.delete(customerId);
  }
}

interface LeaseState {
  owner?: string;
  leaseUntil?: string;
  finishedAt?: string;
}

export class InMemoryPolicyRuns implements PolicyRunRepository {
  readonly runs = new Map<string, PolicyRun>();
  readonly leases = new Map<string, LeaseState>();

  async acquire(
    _t: string,
    customerId: string,
    occurrence: string,
    runId: string,
    now: string,
    until: string,
  ): Promise<PolicyLease> {
    const key = `${customerId}#${occurrence}`;
    const previous = this.leases.get(key);
    const state = previous ?? {};
    if (state.owner && state.owner !== runId && (state.leaseUntil ?? '') >= now) {
      return { acquired: false, owner: state.owner };
    }
    const expired = state.owner && state.owner !== runId ? state.owner : undefined;
    this.leases.set(key, { ...state, owner: runId, leaseUntil: until });
    return {
      acquired: true,
      ...(expired ? { expiredOwner: expired } : {}),
      ...(previous ? {} : { fresh: true }),
      ...(state.finishedAt ? { finishedAt: state.finishedAt } : {}),
    };
  }
  async release(_t: string, customerId: string, occurrence: string, runId: string, fin?: string) {
    const key = `${customerId}#${occurrence}`;
    const state = this.leases.get(key);
    if (state?.owner !== runId) return;
    this.leases.set(key, {
      ...(state.finishedAt ? { finishedAt: state.finishedAt } : {}),
      ...(fin ? { finishedAt: fin } : {}),
    });
  }
  async put(run: PolicyRun) {
    this.runs.set(`${run.customerId}#${run.occurrence}#${run.id}`, structuredClone(run));
  }
  async get(_t: string, customerId: string, occurrence: string, runId: string) {
    return this.runs.get(`${customerId}#${occurrence}#${runId}`);
  }
  async list(): Promise<Page<PolicyRun>> {
    return { items: [...this.runs.values()].reverse() };
  }
  of(occurrence: string) {
    return [...this.runs.values()].filter((r) => r.occurrence === occurrence);
  }
}

/** Deposits in memory; `uninvoicedBefore` as the customer's index answers it. */
export class InMemoryDeposits {
  readonly items = new Map<string, Deposit>();
  /** Called on each listing (to import a deposit "during" a run). */
  onList?: () => void;
  add(customerId: string, reference: string, amount: string, date: string, currency = 'EUR') {
    const d: Deposit = {
      id: depositId(reference),
      tenantId: 'ten_1',
      customerId,
      reference,
      amount,
      currency,
      date,
      method: 'card',
      status: 'uninvoiced',
      paidAt: new Date(date).toISOString(),
      contentHash: reference,
      importId: 'imp_1',
      createdAt: date,
      updatedAt: date,
    };
    this.items.set(d.id, d);
    return d;
  }
  async uninvoicedBefore(_t: string, customerId: string, before: string) {
    this.onList?.();
    return [...this.items.values()]
      .filter((d) => d.customerId === customerId && d.status === 'uninvoiced' && d.paidAt < before)
      .sort((a, b) => a.paidAt.localeCompare(b.paidAt))
      .map((d) => structuredClone(d));
  }
  async getMany(_t: string, references: readonly string[]) {
    return references.flatMap((r) => {
      const d = this.items.get(depositId(r));
      return d ? [structuredClone(d)] : [];
    });
  }
  ofInvoice(invoiceId: string) {
    return [...this.items.values()].filter((d) => d.invoiceId === invoiceId);
  }
}

/** Issues invoices over InMemoryDeposits: an id once, a deposit once. */
export class FakeInvoicer implements DepositInvoicer {
  readonly invoices = new Map<string, Invoice & { depositIds: string[] }>();
  readonly handedOver: string[] = [];
  /** Customers whose invoices fail (e.g. no fiscal data). */
  failFor = new Set<string>();
  /** Called before each issue (to let a concurrent invoice take a deposit). */
  beforeIssue?: (bill: DepositBill) => void;
  constructor(private readonly deposits: InMemoryDeposits) {}

  async issue(tenantId: string, bill: DepositBill): Promise<Invoice> {
    this.beforeIssue?.(bill);
    if (this.failFor.has(bill.customerId)) {
      throw new ValidationError('The customer has no address', [
        { path: 'customer.address', message: 'Required to issue' },
      ]);
    }
    if (this.invoices.has(bill.id)) throw new ConflictError(`Invoice ${bill.id} exists`);
    const taken = bill.depositIds
      .map((id, i) => ({ id, i }))
      .filter(({ id }) => this.deposits.items.get(id)?.status !== 'uninvoiced');
    if (taken.length) {
      throw new ConflictError(
        'A deposit was invoiced meanwhile',
        taken.map(({ i }) => ({ path: `depositIds.${i}`, message: 'Invoiced already' })),
      );
    }
    let total = 0;
    for (const id of bill.depositIds) {
      const d = this.deposits.items.get(id) as Deposit;
      d.status = 'invoiced';
      d.invoiceId = bill.id;
      total += Number(d.amount);
    }
    const invoice = {
      id: bill.id,
      tenantId,
      customerId: bill.customerId,
      status: 'issued',
      number: `F-${this.invoices.size + 1}`,
      currency: this.deposits.items.get(bill.depositIds[0] as string)?.currency ?? 'EUR',
      totals: { total: total.toFixed(2) },
      source: bill.source,
      notes: bill.notes,
      depositIds: [...bill.depositIds],
    } as unknown as Invoice & { depositIds: string[] };
    this.invoices.set(bill.id, invoice);
    return invoice;
  }
  async find(_t: string, id: string): Promise<FoundBill | undefined> {
    const invoice = this.invoices.get(id);
    return invoice && { invoice, deposits: invoice.depositIds.length };
  }
  async handOver(invoices: Invoice[]) {
    this.handedOver.push(...invoices.map((i) => i.id));
  }
  ofCustomer(customerId: string) {
    return [...this.invoices.values()].filter((i) => i.customerId === customerId);
  }
}
