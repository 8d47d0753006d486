import type { CustomerRepository } from '../customers/customer.ts';
import { type FieldError, NotFoundError, ValidationError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { SchedulerPort } from '../ports/scheduler.ts';
import { validateTimezone } from '../schedules/time-zone.ts';
import { todayIn } from '../shared/dates.ts';
import type { InvoicingPolicy, InvoicingPolicyInput, InvoicingPolicyRepository } from './model.ts';
import {
  localMidnight,
  nextPolicyOccurrences,
  policyScheduleName,
  policyScheduleSpec,
} from './schedule.ts';

/** What setting, reading and deleting a policy needs. */
export interface PolicyDeps {
  policies: InvoicingPolicyRepository;
  customers: Pick<CustomerRepository, 'get'>;
  scheduler: SchedulerPort;
  /** Id of the triggered function the schedules invoke (`runInvoicingPolicy`). */
  target: string;
  clock: Clock;
}

async function liveCustomer(deps: Pick<PolicyDeps, 'customers'>, tenantId: string, id: string) {
  const customer = await deps.customers.get(tenantId, id);
  if (!customer || customer.deletedAt) throw new NotFoundError('Customer', id);
  return customer;
}

/** The rules beyond the schema's: `days` with `everyDays` only, a known zone, a real start day. */
function problems(input: InvoicingPolicyInput): FieldError[] {
  const errors: FieldError[] = [];
  if (input.kind === 'everyDays' && input.days === undefined) {
    errors.push({
      path: 'days',
      message: 'An everyDays policy says every how many days: 7, 15 or 21',
    });
  }
  if (input.kind !== 'everyDays' && input.days !== undefined) {
    errors.push({ path: 'days', message: `Only an everyDays policy has days, not ${input.kind}` });
  }
  try {
    validateTimezone(input.timezone);
  } catch {
    errors.push({ path: 'timezone', message: 'Not an IANA time zone, e.g. Europe/Madrid' });
  }
  if (input.startDate !== undefined) {
    const day = new Date(`${input.startDate}T00:00:00Z`);
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== input.startDate) {
      errors.push({ path: 'startDate', message: 'Not a date (YYYY-MM-DD)' });
    }
  }
  return errors;
}

/**
 * `PUT /v1/customers/{id}/invoicing-policy`: sets (or replaces) the customer's policy and its one
 * schedule. As for tasks the schedule is written first — a schedule without its policy fires runs
 * that do nothing, a policy without its schedule would silently never bill — and a `perDeposit`
 * policy has none (it is removed when a policy turns into one). Answers the policy and whether it
 * is new.
 */
export const putInvoicingPolicy =
  (deps: PolicyDeps) =>
  async (
    tenantId: string,
    customerId: string,
    input: InvoicingPolicyInput,
  ): Promise<{ policy: InvoicingPolicy; created: boolean }> => {
    const errors = problems(input);
    if (errors.length) {
      throw new ValidationError(
        `Invalid policy: ${errors.map((e) => e.message).join('; ')}`,
        errors,
      );
    }
    await liveCustomer(deps, tenantId, customerId);
    const previous = await deps.policies.get(tenantId, customerId);
    const now = deps.clock.now();
    const at = now.toISOString();
    const startDate = input.startDate ?? todayIn(input.timezone, now);
    const policy: InvoicingPolicy = {
      tenantId,
      customerId,
      kind: input.kind,
      ...(input.kind === 'everyDays' ? { days: input.days } : {}),
      timezone: input.timezone,
      startDate,
      startsAt: localMidnight(startDate, input.timezone).toISOString(),
      ...(input.reportTo?.length ? { reportTo: input.reportTo } : {}),
      version: (previous?.version ?? 0) + 1,
      createdAt: previous?.createdAt ?? at,
      updatedAt: at,
    };
    const spec = policyScheduleSpec(policy, deps.target, now);
    if (spec) await deps.scheduler.upsert(spec);
    else await deps.scheduler.remove(policyScheduleName(customerId));
    await deps.policies.put(policy);
    return { policy, created: !previous };
  };

/** The customer's policy; a NotFoundError when it has none (or is no customer of the tenant). */
export const getInvoicingPolicy =
  (deps: Pick<PolicyDeps, 'policies'>) =>
  async (tenantId: string, customerId: string): Promise<InvoicingPolicy> => {
    const policy = await deps.policies.get(tenantId, customerId);
    if (!policy) throw new NotFoundError('Invoicing policy of customer', customerId);
    return policy;
  };

/**
 * Deletes the customer's policy, then its schedule (should removing it fail, its deliveries find
 * no policy and do nothing). Deposits stay as they are; runs and invoices stay.
 */
export const deleteInvoicingPolicy =
  (deps: Pick<PolicyDeps, 'policies' | 'scheduler'>) =>
  async (tenantId: string, customerId: string): Promise<void> => {
    if (!(await deps.policies.delete(tenantId, customerId))) {
      throw new NotFoundError('Invoicing policy of customer', customerId);
    }
    await deps.scheduler.remove(policyScheduleName(customerId));
  };

/** How many upcoming occurrences a policy shows. */
const UPCOMING = 3;

/** What clients see of a policy; `now` decides which occurrences are upcoming. */
export function invoicingPolicyView(p: InvoicingPolicy, now: Date) {
  return {
    customerId: p.customerId,
    kind: p.kind,
    ...(p.days ? { days: p.days } : {}),
    timezone: p.timezone,
    startDate: p.startDate,
    startsAt: p.startsAt,
    ...(p.reportTo ? { reportTo: p.reportTo } : {}),
    next: nextPolicyOccurrences(p, now, UPCOMING).map((d) => d.toISOString()),
    version: p.version,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}
