import type { Deposit, DepositRepository } from '../../deposits/model.ts';
import { referenceOfDepositId } from '../../deposits/validate.ts';
import { AppError, ConflictError } from '../../errors.ts';
import type { Invoice } from '../../invoices/model.ts';
import type { IdGenerator } from '../../ports/ids.ts';
import type { Mailer } from '../../ports/mailer.ts';
import { describeFailure } from '../../tasks/run/run-occurrence.ts';
import type { TenantRepository } from '../../tenants/tenant.ts';
import type { InvoicingPolicyRepository } from '../model.ts';
import { type DepositInvoicer, depositInvoiceId } from './invoicer.ts';

/** What the deposits' import hands over to `invoicePolicyDeposits`. */
export interface PerDepositEvent {
  tenantId: string;
  depositIds: string[];
}

/**
 * After an import: the new deposits of customers whose policy is `perDeposit`, handed over to be
 * invoiced in the background (the import answers at once). One read of the customers' policies.
 */
export const handOverPerDeposit =
  (deps: {
    policies: Pick<InvoicingPolicyRepository, 'getMany'>;
    handOver: (event: PerDepositEvent) => Promise<void>;
  }) =>
  async (tenantId: string, deposits: readonly Deposit[]): Promise<number> => {
    const fresh = deposits.filter((d) => d.status === 'uninvoiced');
    if (!fresh.length) return 0;
    const policies = await deps.policies.getMany(tenantId, [
      ...new Set(fresh.map((d) => d.customerId)),
    ]);
    const perDeposit = new Set(
      policies.filter((p) => p.kind === 'perDeposit').map((p) => p.customerId),
    );
    const depositIds = [
      ...new Set(fresh.filter((d) => perDeposit.has(d.customerId)).map((d) => d.id)),
    ];
    if (depositIds.length) await deps.handOver({ tenantId, depositIds });
    return depositIds.length;
  };

export interface PerDepositDeps {
  policies: Pick<InvoicingPolicyRepository, 'getMany'>;
  deposits: Pick<DepositRepository, 'getMany'>;
  tenants: Pick<TenantRepository, 'get'>;
  invoicer: DepositInvoicer;
  mailer: Mailer;
  ids: IdGenerator;
  log?: (message: string, data?: Record<string, unknown>) => void;
}

export interface PerDepositOutcome {
  created: string[];
  /** Already invoiced (by this policy before, or by another invoice). */
  skipped: number;
  failures: { depositId: string; message: string }[];
}

/** Deposits invoiced at once. */
const CONCURRENCY = 4;

/**
 * `perDeposit`: one invoice per deposit, its id derived from the deposit, issued only if absent,
 * so a repeated hand-over (Lambda retries an asynchronous invoke) makes nothing twice. Deposits
 * already invoiced, or of customers whose policy is no longer `perDeposit`, are skipped. The
 * owner is mailed only about failures (a mail per deposit would be noise).
 */
export const invoicePolicyDeposits =
  (deps: PerDepositDeps) =>
  async (event: PerDepositEvent): Promise<PerDepositOutcome> => {
    const { tenantId } = event;
    const references = event.depositIds
      .map(referenceOfDepositId)
      .filter((r): r is string => r !== undefined);
    const deposits = await deps.deposits.getMany(tenantId, references);
    const policies = await deps.policies.getMany(tenantId, [
      ...new Set(deposits.map((d) => d.customerId)),
    ]);
    const perDeposit = new Map(
      policies.filter((p) => p.kind === 'perDeposit').map((p) => [p.customerId, p]),
    );
    const runId = deps.ids.next('run');
    const outcome: PerDepositOutcome = { created: [], skipped: 0, failures: [] };
    const made: Invoice[] = [];
    const queue = deposits.filter((d) => {
      const due = d.status === 'uninvoiced' && perDeposit.has(d.customerId);
      if (!due) outcome.skipped += 1;
      return due;
    });
    const one = async (d: Deposit) => {
      const id = depositInvoiceId(d.id, d.paidAt);
      try {
        made.push(
          await deps.invoicer.issue(tenantId, {
            id,
            customerId: d.customerId,
            depositIds: [d.id],
            source: { policy: d.customerId, depositId: d.id },
          }),
        );
        outcome.created.push(id);
      } catch (err) {
        // Made by an earlier delivery, or the deposit was invoiced otherwise meanwhile.
        if (err instanceof ConflictError) {
          outcome.skipped += 1;
          return;
        }
        if (!(err instanceof AppError)) deps.log?.('deposit invoice failed', { id, error: err });
        outcome.failures.push({ depositId: d.id, message: describeFailure(err, runId) });
      }
    };
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < queue.length) await one(queue[next++] as Deposit);
      }),
    );
    if (made.length) await deps.invoicer.handOver(made);
    if (outcome.failures.length) await reportFailures(deps, event.tenantId, outcome, perDeposit);
    return outcome;
  };

async function reportFailures(
  deps: PerDepositDeps,
  tenantId: string,
  outcome: PerDepositOutcome,
  policies: Map<string, { reportTo?: string[] }>,
) {
  const tenant = await deps.tenants.get(tenantId);
  if (!tenant) return;
  const to = [...policies.values()].find((p) => p.reportTo?.length)?.reportTo ?? [tenant.email];
  const lines = outcome.failures.map((f) => `- ${f.depositId}: ${f.message}`);
  const t = {
    es: ['Depósitos que no se pudieron facturar', 'Se reintentan al importar de nuevo o a mano.'],
    ca: ["Dipòsits que no s'han pogut facturar", 'Es reintenten en tornar-los a importar o a mà.'],
    en: ['Deposits that could not be invoiced', 'Invoice them by hand, or import them again.'],
  }[tenant.language];
  try {
    await deps.mailer.send({
      to,
      subject: `${t[0]}: ${outcome.failures.length}`,
      text: [`${t[0]}:`, ...lines, '', t[1]].join('\n'),
    });
  } catch (error) {
    deps.log?.('per-deposit report not sent', { tenantId, error });
  }
}
