import { DEPOSIT_STATUSES } from '@sello/core/deposits';
import * as z from 'zod';
import { Instant, PageQuery } from './common.ts';
import { CurrencyCode } from './currency.ts';
import { Amount } from './money.ts';

/** The payment's own reference (a PSP's charge id, a transfer's reference): unique per tenant. */
export const DepositReference = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{N} ._\-/#:]+$/u, 'Letters, digits, spaces and . _ - / # : only')
  .describe("The payment's own reference; a payment notified again is the same deposit");

export const DEPOSIT_METHODS = ['card', 'transfer', 'cash', 'directDebit', 'other'] as const;

export const DepositInput = z
  .object({
    customerId: z.string().min(1).max(64).describe('The customer (account) it tops up'),
    amount: Amount.describe('What was paid, taxes included, in the currency’s decimals'),
    currency: CurrencyCode,
    date: z.iso
      .datetime({ offset: true })
      .describe('The payment instant with its offset, e.g. 2026-12-07T10:15:00+01:00'),
    method: z.enum(DEPOSIT_METHODS),
    reference: DepositReference,
  })
  .strict()
  .meta({ id: 'DepositInput' });

export const DepositBatch = z
  .object({ deposits: z.array(DepositInput).min(1).max(1000) })
  .strict()
  .meta({ id: 'DepositBatch' });

export const DepositImport = z
  .union([DepositBatch, DepositInput])
  .describe(
    'One deposit, or `{deposits: […]}` with up to 1,000, all or none. Idempotent by reference: ' +
      'a payment already imported with the same content is answered as it is; with other ' +
      'content, 409.',
  );

export const Deposit = DepositInput.extend({
  id: z.string().describe('`dep_` and the reference, base64url: the same payment, the same id'),
  status: z.enum(DEPOSIT_STATUSES).describe('uninvoiced; invoiced (by `invoiceId`); refunded'),
  invoiceId: z.string().optional(),
  createdAt: Instant,
  updatedAt: Instant,
})
  .strip()
  .meta({ id: 'Deposit' });

export const DepositImportResult = z
  .object({
    created: z.number().int().describe('Deposits written by this request'),
    existing: z.number().int().describe('Deposits already there with the same content'),
    items: z.array(
      z.object({
        id: z.string(),
        reference: z.string(),
        status: z.enum(DEPOSIT_STATUSES),
        created: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'DepositImportResult' });

export const DepositListQuery = PageQuery.extend({
  customerId: z.string().min(1).max(64).optional(),
  status: z.enum(DEPOSIT_STATUSES).optional(),
  from: z.iso.date().optional().describe('Paid on or after this day (UTC), YYYY-MM-DD'),
  to: z.iso.date().optional().describe('Paid on or before this day (UTC), YYYY-MM-DD'),
});

export const DepositIdParams = z.object({ id: z.string().min(5).max(200) });

export { DepositTreatment } from './deposit-treatment.ts';
