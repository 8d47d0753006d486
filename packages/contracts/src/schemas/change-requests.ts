// Schemas of the change-requests area (changes asked for issued invoices, and their outcome).
import type * as core from '@sello/core/change-requests';
import * as z from 'zod';
import { Instant, PageQuery } from './common.ts';
import { CancelInput, Invoice, RectifyInput, SplitInput } from './invoices.ts';

/** Core's lists, spelled out so the portal (which loads these schemas) carries no core module. */
const TYPES = [
  'cancel',
  'correctData',
  'split',
] as const satisfies readonly core.ChangeRequestType[];
const STATUSES = [
  'open',
  'in_progress',
  'done',
  'declined',
] as const satisfies readonly core.ChangeRequestStatus[];
const CORRECTIONS = [
  'rectify',
  'cancel',
  'split',
] as const satisfies readonly core.CorrectionType[];

export const ChangeRequestType = z
  .enum(TYPES)
  .describe('cancel the invoice, correct its (fiscal) data, or split it')
  .meta({ id: 'ChangeRequestType' });

export const ChangeRequestStatus = z
  .enum(STATUSES)
  .describe('open → in_progress → done | declined (with a reason)')
  .meta({ id: 'ChangeRequestStatus' });

export const ChangeRequestInput = z
  .object({
    type: ChangeRequestType,
    message: z.string().trim().min(1).max(2000).describe('What to change, and why'),
  })
  .strict()
  .meta({ id: 'ChangeRequestInput' });

const Actor = z
  .object({
    kind: z.enum(['staff', 'key', 'recipient']),
    id: z.string().optional(),
    email: z.string().optional(),
  })
  .describe('Who: a staff member, an API key (a system), or the customer (a registered recipient)')
  .meta({ id: 'ChangeRequestActor' });

export const ChangeRequest = z
  .object({
    id: z.string(),
    invoiceId: z.string(),
    invoiceNumber: z.string(),
    type: ChangeRequestType,
    message: z.string(),
    status: ChangeRequestStatus,
    requestedBy: Actor,
    reason: z.string().optional().describe('Declined: why (mailed to the customer)'),
    correction: z
      .object({
        type: z.enum(CORRECTIONS),
        startedAt: Instant,
        invoiceIds: z
          .array(z.string())
          .describe('The invoices it made: the corrective, then a split’s replacements'),
        pending: z
          .boolean()
          .optional()
          .describe('A Mexican cancellation awaiting the receptor at SAT: resolve again to ask'),
      })
      .optional()
      .describe('The correction performed (recorded before it runs, so a retry resumes it)'),
    events: z.array(
      z.object({
        at: Instant,
        type: z.string(),
        by: Actor,
        detail: z.record(z.string(), z.unknown()).optional(),
      }),
    ),
    version: z.number().int(),
    createdAt: Instant,
    updatedAt: Instant,
    resolvedAt: Instant.optional(),
  })
  .meta({ id: 'ChangeRequest' });

export const ChangeRequestListQuery = PageQuery.extend({
  // Inline, not the named schema: a query parameter cannot point at a component.
  status: z.enum(STATUSES).optional(),
  invoiceId: z.string().min(1).max(64).optional(),
}).strict();

export const ChangeRequestCorrection = z
  .discriminatedUnion('type', [
    RectifyInput.extend({ type: z.literal('rectify') }),
    CancelInput.extend({ type: z.literal('cancel') }),
    SplitInput.extend({ type: z.literal('split') }),
  ])
  .describe(
    'The correction to perform, with the body its invoice route takes: `POST /v1/invoices/{id}/' +
      'rectify`, `…/cancel` or `…/split`',
  )
  .meta({ id: 'ChangeRequestCorrection' });

export const ChangeRequestResolution = z
  .discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('in_progress') }).strict(),
    z
      .object({
        outcome: z.literal('declined'),
        reason: z.string().trim().min(1).max(1000).describe('Mailed to the customer'),
      })
      .strict(),
    z
      .object({
        outcome: z.literal('done'),
        correction: ChangeRequestCorrection.optional().describe(
          'Required but for a `correctData` request whose data was fixed where no new invoice is needed',
        ),
        note: z.string().trim().min(1).max(1000).optional().describe('Kept in the history'),
      })
      .strict(),
  ])
  .meta({ id: 'ChangeRequestResolution' });

export const ChangeRequestResolved = z
  .object({
    request: ChangeRequest,
    invoices: z
      .array(Invoice)
      .describe('The invoices its correction made: the corrective, then a split’s replacements'),
  })
  .meta({ id: 'ChangeRequestResolved' });
