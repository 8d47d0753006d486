// Schemas of the invoicing-policies area (a customer's automatic invoicing of its deposits).
import { POLICY_DAYS, POLICY_KINDS } from '@sello/core/invoicing-policies';
import * as z from 'zod';
import { Instant } from './common.ts';
import { Amount } from './money.ts';

const Id = z.string().min(1).max(64);
const Email = z.email().max(254);

export const InvoicingPolicyInput = z
  .object({
    kind: z
      .enum(POLICY_KINDS)
      .describe(
        '`monthly`: on the 1st at 00:00 for the month before; `everyDays`: every `days` days ' +
          'from `startDate`, for the days before; `perDeposit`: each deposit when it is imported',
      ),
    days: z
      .union([z.literal(POLICY_DAYS[0]), z.literal(POLICY_DAYS[1]), z.literal(POLICY_DAYS[2])])
      .optional()
      .describe('`everyDays` only: 7, 15 or 21'),
    timezone: z.string().min(1).max(64).describe('IANA zone whose midnights close the periods'),
    startDate: z.iso
      .date()
      .optional()
      .describe('Local day the first period begins (today by default); anchors `everyDays`'),
    reportTo: z
      .union([Email, z.array(Email).min(1).max(10)])
      .transform((v) => (Array.isArray(v) ? v : [v]))
      .optional()
      .describe("Who gets each run's report; the tenant's e-mail by default"),
  })
  .strict()
  .meta({ id: 'InvoicingPolicyInput' });

export const InvoicingPolicy = z
  .object({
    customerId: z.string(),
    kind: z.enum(POLICY_KINDS),
    days: z.number().int().optional(),
    timezone: z.string(),
    startDate: z.iso.date(),
    startsAt: Instant.describe('`startDate` 00:00 in `timezone`: occurrences come after it'),
    reportTo: z.array(z.string()).optional(),
    next: z.array(Instant).describe('The next occurrences (none for `perDeposit`)'),
    version: z.number().int(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'InvoicingPolicy' });

export const PolicyRun = z
  .object({
    id: z.string(),
    customerId: z.string(),
    occurrence: Instant.describe('The scheduled time: the idempotency key of its invoices'),
    period: z
      .object({ from: Instant, to: Instant })
      .describe('[from, to): the period the occurrence closes'),
    trigger: z.enum(['schedule', 'manual']),
    status: z.enum(['running', 'continuing', 'completed', 'duplicate', 'interrupted']),
    created: z.number().int().describe('Invoices this run issued'),
    skipped: z.number().int().describe('Invoices of the occurrence found made already'),
    failed: z.number().int().describe('Invoices that could not be made'),
    failures: z.array(
      z.object({ message: z.string(), depositIds: z.array(z.string()).optional() }),
    ),
    invoices: z.array(
      z.object({
        id: z.string(),
        number: z.string().optional(),
        currency: z.string(),
        deposits: z.number().int(),
        total: Amount,
      }),
    ),
    deposits: z.number().int().describe('Deposits billed by the invoices this run issued'),
    reportedTo: z.array(z.string()).optional(),
    startedAt: Instant,
    updatedAt: Instant,
    finishedAt: Instant.optional(),
  })
  .meta({ id: 'PolicyRun' });

export const PolicyRunInput = z
  .object({
    occurrence: z.iso
      .datetime({ offset: true })
      .describe('A past occurrence of the policy: 00:00 in its time zone on a day it bills'),
  })
  .strict()
  .meta({ id: 'PolicyRunInput' });

/** What a policy's schedule (or a run's continuation) delivers to `runInvoicingPolicy`. */
export const RunInvoicingPolicyEvent = z.object({
  tenantId: Id,
  customerId: Id,
  occurrence: z.iso.datetime({ offset: true }).describe('<aws.scheduler.scheduled-time>'),
  runId: Id.optional().describe('Set by a continuation: the run to resume'),
});

/** What an import hands to `invoicePolicyDeposits`. */
export const InvoicePolicyDepositsEvent = z.object({
  tenantId: Id,
  depositIds: z.array(Id).min(1).max(1000),
});
