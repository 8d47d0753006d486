// Schemas of the tasks area (automatic tasks, their runs and work orders).
import { DEFAULT_DELIVERY_FORMATS, DELIVERY_FORMATS } from '@sello/formats/facts';
import * as z from 'zod';
import { Instant, xmlText } from './common.ts';
import { Address } from './customers.ts';
import { LineInput } from './invoices.ts';
import { Amount, Quantity } from './money.ts';

const IsoDate = z.iso.date().describe('YYYY-MM-DD');
const Id = z.string().min(1).max(64);
const Email = z.email().max(254);

const LocalDateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/,
    'YYYY-MM-DD or YYYY-MM-DDTHH:MM, local time in the schedule’s time zone',
  );

export const Asset = z
  .object({
    id: z.string().trim().min(1).max(64),
    // Printed in the notes of the invoices made for the customer.
    name: xmlText(z.string().trim().min(1).max(100)),
    serial: xmlText(z.string().trim().min(1).max(60)).optional(),
  })
  .strict()
  .meta({ id: 'Asset' });

export const TaskPaymentMethod = z
  .object({
    means: z.enum(['transfer', 'directDebit', 'card', 'cash', 'other']),
    iban: z
      .string()
      .transform((s) => s.replace(/\s+/g, '').toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/, 'Not an IBAN'))
      .optional(),
    terms: xmlText(z.string().trim().max(200)).optional(),
    dueInDays: z
      .number()
      .int()
      .min(0)
      .max(365)
      .optional()
      .describe('The due date is the day the invoice is made plus this many days'),
  })
  .strict()
  .meta({ id: 'TaskPaymentMethod' });

export const TaskTemplate = z
  .object({
    lines: z.array(LineInput).min(1).max(100),
    paymentMethod: TaskPaymentMethod.optional(),
    series: z
      .string()
      .min(1)
      .max(20)
      .optional()
      .describe("Series code; the tenant's default otherwise"),
    notes: xmlText(z.string().trim().max(1000)).optional(),
  })
  .strict()
  .meta({ id: 'TaskTemplate' });

export const TaskScheduleInput = z
  .object({
    expression: z
      .string()
      .trim()
      .min(1)
      .max(256)
      .describe(
        'An EventBridge Scheduler expression — rate(…), cron(…) or at(…) — or a periodicity: daily, weekly, monthly, quarterly or yearly, anchored on startDate (on the 29th–31st, monthly means the last day of each month)',
      ),
    timezone: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe("IANA time zone the expression and the dates are read in; the tenant's by default"),
    startDate: LocalDateTime.describe('First day (and time) the task may run, inclusive'),
    endDate: LocalDateTime.optional().describe('Last day (or time) it may run, inclusive'),
  })
  .strict()
  .meta({ id: 'TaskScheduleInput' });

const DeliveryFormat = z.enum(DELIVERY_FORMATS);

export const TaskDeliveryInput = z
  .object({
    mode: z.enum(['create', 'createAndSend']).default('create'),
    formats: z
      .array(DeliveryFormat)
      .min(1)
      .max(DELIVERY_FORMATS.length)
      .default([...DEFAULT_DELIVERY_FORMATS])
      .describe('Attached to each e-mail: the PDF, the signed Facturae, the UBL (Peppol BIS 3.0)'),
    issue: z
      .boolean()
      .optional()
      .describe('Issue (number and sign) each invoice; createAndSend always issues'),
  })
  .strict()
  .meta({ id: 'TaskDeliveryInput' });

const ReportTo = z
  .union([Email, z.array(Email).min(1).max(10)])
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .describe("Who gets each run's report; the tenant's e-mail by default");

const Assets = z
  .record(Id, z.array(Asset).max(20))
  .describe('Linked assets per customer id, printed on its documents');

export const TaskInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().trim().max(2000).optional(),
    documentType: z.enum(['invoice', 'workOrder']),
    template: TaskTemplate,
    pricePolicy: z
      .enum(['template', 'catalog'])
      .default('template')
      .describe(
        "`template` keeps each line's unitPrice; `catalog` takes customer, tariff or catalog prices of the lines' products when each run makes the document",
      ),
    customerIds: z.array(Id).min(1).max(10_000),
    assets: Assets.optional(),
    schedule: TaskScheduleInput,
    delivery: TaskDeliveryInput.default({ mode: 'create', formats: [...DEFAULT_DELIVERY_FORMATS] }),
    reportTo: ReportTo.optional(),
  })
  .strict()
  .meta({ id: 'TaskInput' });

export const TaskPatch = z
  .object({
    name: TaskInput.shape.name.optional(),
    description: z.string().trim().max(2000).nullable().optional(),
    template: TaskTemplate.optional(),
    pricePolicy: z.enum(['template', 'catalog']).optional(),
    customerIds: TaskInput.shape.customerIds.optional(),
    assets: Assets.nullable().optional(),
    schedule: TaskScheduleInput.optional(),
    delivery: TaskDeliveryInput.optional(),
    reportTo: ReportTo.nullable().optional(),
    status: z
      .enum(['active', 'paused'])
      .optional()
      .describe('paused disables the schedule; active resumes it (the pause is not caught up)'),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, {
    message: 'Give at least one field to change',
    when: (payload) => payload.issues.length === 0,
  })
  .meta({ id: 'TaskPatch' });

const TaskSchedule = z
  .object({
    expression: z.string(),
    timezone: z.string(),
    startDate: z.string(),
    endDate: z.string().optional(),
    awsExpression: z.string().describe('What EventBridge Scheduler runs'),
    startsAt: Instant,
    endsAt: Instant.optional(),
    next: z.array(Instant).describe('The next occurrences (none while paused)'),
  })
  .meta({ id: 'TaskSchedule' });

const taskFields = {
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  documentType: z.enum(['invoice', 'workOrder']),
  template: TaskTemplate,
  pricePolicy: z.enum(['template', 'catalog']),
  schedule: TaskSchedule,
  delivery: z.object({
    mode: z.enum(['create', 'createAndSend']),
    formats: z.array(DeliveryFormat),
    issue: z.boolean(),
  }),
  reportTo: z.array(z.string()).optional(),
  status: z.enum(['active', 'paused']),
  activeSince: Instant.describe(
    'Creation, last resume or last schedule change: catch-up starts here',
  ),
  version: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
};

export const Task = z
  .object({ ...taskFields, customerIds: z.array(z.string()), assets: Assets.optional() })
  .meta({ id: 'Task' });

export const TaskSummary = z
  .object({ ...taskFields, customerCount: z.number().int() })
  .meta({ id: 'TaskSummary' });

export const TaskRun = z
  .object({
    id: z.string(),
    taskId: z.string(),
    occurrence: Instant.describe('The scheduled time: the idempotency key of the documents'),
    trigger: z.enum(['schedule', 'manual', 'catchUp']),
    status: z.enum(['running', 'continuing', 'completed', 'duplicate', 'interrupted']),
    created: z.number().int().describe('Documents this run made'),
    skipped: z
      .number()
      .int()
      .describe('Customers whose document already existed: nothing was made twice'),
    failed: z.number().int().describe('Customers whose document could not be made or delivered'),
    failures: z.array(z.object({ customerId: z.string(), message: z.string() })),
    totals: z
      .object({ net: Amount, tax: Amount, withheld: Amount, total: Amount })
      .describe('Sums over the invoices this run made'),
    missed: z
      .array(Instant)
      .optional()
      .describe('Earlier occurrences without a finished run that were not caught up'),
    cursor: z.number().int().optional().describe('Where an unfinished run resumes'),
    reportedTo: z.array(z.string()).optional(),
    startedAt: Instant,
    updatedAt: Instant,
    finishedAt: Instant.optional(),
  })
  .meta({ id: 'TaskRun' });

export const TaskRunInput = z
  .object({
    occurrence: z.iso
      .datetime({ offset: true })
      .describe('An instant at which the schedule fires within its start and end dates'),
  })
  .strict()
  .meta({ id: 'TaskRunInput' });

export const TaskRunListQuery = z.object({
  occurrence: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('Only the runs of this occurrence'),
});

/** What the task's schedule (or a run's continuation) delivers to `runTask`. */
export const RunTaskEvent = z.object({
  tenantId: Id,
  taskId: Id,
  occurrence: z.iso.datetime({ offset: true }).describe('<aws.scheduler.scheduled-time>'),
  runId: Id.optional().describe('Set by a continuation: the run to resume'),
});

// ---------------------------------------------------------------------------------------------
// Work orders

export const WorkOrderLineInput = z
  .object({
    productId: Id.optional().describe('Takes description and unit from the catalog unless given'),
    description: z.string().trim().min(1).max(1000).optional(),
    quantity: Quantity,
    unit: z.string().trim().max(20).optional(),
  })
  .strict()
  .meta({ id: 'WorkOrderLineInput' });

export const WorkOrderInput = z
  .object({
    customerId: Id,
    lines: z.array(WorkOrderLineInput).min(1).max(200),
    assets: z.array(Asset).max(20).optional(),
    notes: z.string().trim().max(2000).optional(),
    scheduledFor: IsoDate.optional().describe('Day the work is due'),
  })
  .strict()
  .meta({ id: 'WorkOrderInput' });

const WorkOrderStatus = z.enum(['pending', 'in_progress', 'done']);

export const WorkOrderPatch = z
  .object({
    status: WorkOrderStatus.optional().describe('pending → in_progress → done, one step at a time'),
    notes: z.string().trim().max(2000).nullable().optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, {
    message: 'Give at least one field to change',
    when: (payload) => payload.issues.length === 0,
  })
  .meta({ id: 'WorkOrderPatch' });

export const WorkOrder = z
  .object({
    id: z.string(),
    status: WorkOrderStatus,
    customerId: z.string(),
    customer: z.object({
      taxId: z.string(),
      name: z.string(),
      email: z.string().optional(),
      address: Address,
    }),
    lines: z.array(
      z.object({
        description: z.string(),
        quantity: z.string(),
        unit: z.string().optional(),
        productId: z.string().optional(),
      }),
    ),
    assets: z.array(Asset),
    notes: z.string().optional(),
    scheduledFor: IsoDate.optional(),
    source: z
      .object({ taskId: z.string(), occurrence: Instant })
      .optional()
      .describe('The automatic task and occurrence that made it'),
    events: z.array(z.object({ at: Instant, type: z.string() })),
    version: z.number().int(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'WorkOrder' });

export const WorkOrderListQuery = z.object({
  status: WorkOrderStatus.optional(),
  customerId: Id.optional(),
  taskId: Id.optional().describe('Only work orders made by this automatic task'),
});
