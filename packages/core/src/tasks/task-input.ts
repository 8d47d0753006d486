import { type FieldError, NotFoundError, ValidationError } from '../errors.ts';
import { listSeries } from '../invoices/list-series.ts';
import { pickSeries } from '../invoices/series.ts';
import type { TaskDeps } from './deps.ts';
import type {
  Asset,
  DeliveryFormat,
  DeliveryMode,
  PricePolicy,
  Task,
  TaskDocumentType,
  TaskStatus,
  TaskTemplate,
} from './model.ts';
import { resolveSchedule } from './schedule.ts';

/** A task as a client writes it. */
export interface TaskInput {
  name: string;
  description?: string;
  documentType: TaskDocumentType;
  template: TaskTemplate;
  pricePolicy: PricePolicy;
  customerIds: string[];
  assets?: Record<string, Asset[]>;
  /** `timezone` defaults to the tenant's. */
  schedule: { expression: string; timezone?: string; startDate: string; endDate?: string };
  /** `issue` defaults to true when sending (drafts are not sent), false otherwise. */
  delivery: { mode: DeliveryMode; formats: DeliveryFormat[]; issue?: boolean };
  reportTo?: string[];
}

/** A change: given fields replace the task's; `null` removes an optional one. */
export interface TaskPatch {
  name?: string;
  description?: string | null;
  template?: TaskTemplate;
  pricePolicy?: PricePolicy;
  customerIds?: string[];
  assets?: Record<string, Asset[]> | null;
  schedule?: TaskInput['schedule'];
  delivery?: TaskInput['delivery'];
  reportTo?: string[] | null;
  /** `paused` disables the schedule; `active` enables it again (without catching up the pause). */
  status?: TaskStatus;
}

/** How many unknown customers a validation error lists (a task may name thousands). */
const MAX_LISTED = 50;

/**
 * Everything in a task that can be checked without running it, reported at once by path: lines
 * against the price policy, the delivery against the document type, customers and products that
 * must exist, the series, the schedule. `newCustomers` are the ids to look up (all of them on
 * create; only the added ones on change, so a customer deleted since does not block an edit).
 */
export async function checkTask(
  deps: Pick<TaskDeps, 'customers' | 'products' | 'series' | 'clock'>,
  task: Task,
  newCustomers: readonly string[],
): Promise<void> {
  const errors: FieldError[] = [];
  const add = (path: string, message: string) => errors.push({ path, message });
  const { template, delivery } = task;

  const seen = new Map<string, number>();
  task.customerIds.forEach((id, i) => {
    if (seen.has(id)) add(`customerIds.${i}`, `${id} is already at position ${seen.get(id)}`);
    else seen.set(id, i);
  });
  for (const key of Object.keys(task.assets ?? {})) {
    if (!seen.has(key)) add(`assets.${key}`, 'Not one of the task’s customerIds');
  }
  if (new Set(delivery.formats).size !== delivery.formats.length) {
    add('delivery.formats', 'Name each format once');
  }

  if (task.documentType === 'workOrder') {
    if (delivery.mode !== 'create') {
      add('delivery.mode', 'Work orders are only created (pending); they are not e-mailed');
    }
    if (delivery.issue) add('delivery.issue', 'Work orders have no fiscal number to issue');
    if (template.paymentMethod) add('template.paymentMethod', 'Work orders carry no payment');
    if (template.series) add('template.series', 'Work orders are not numbered in a series');
    template.lines.forEach((line, i) => {
      for (const field of ['unitPrice', 'discountRate', 'taxes'] as const) {
        if (line[field] !== undefined)
          add(`template.lines.${i}.${field}`, 'Work orders carry no prices');
      }
      if (!line.productId && !line.description) {
        add(`template.lines.${i}.description`, 'Give a description or a productId');
      }
    });
  } else {
    if (delivery.mode === 'createAndSend' && !delivery.issue) {
      add('delivery.issue', 'Drafts are not sent: createAndSend issues each invoice');
    }
    template.lines.forEach((line, i) => {
      const at = (field: string) => `template.lines.${i}.${field}`;
      if (line.productId === undefined) {
        if (line.description === undefined)
          add(at('description'), 'Give a description or a productId');
        if (line.unitPrice === undefined) add(at('unitPrice'), 'Give a unitPrice or a productId');
        if (line.taxes === undefined) add(at('taxes'), 'Give the taxes or a productId');
      } else if (task.pricePolicy === 'template' && line.unitPrice === undefined) {
        add(at('unitPrice'), 'With pricePolicy "template" every line keeps its own unitPrice');
      } else if (task.pricePolicy === 'catalog' && line.unitPrice !== undefined) {
        add(
          at('unitPrice'),
          'With pricePolicy "catalog" the price is taken at run time; leave unitPrice out',
        );
      }
    });
  }

  const productIds = [
    ...new Set(template.lines.flatMap((l) => (l.productId ? [l.productId] : []))),
  ];
  const [live, products, series] = await Promise.all([
    newCustomers.length ? deps.customers.live(task.tenantId, newCustomers) : new Set<string>(),
    productIds.length ? deps.products.getMany(task.tenantId, productIds) : [],
    task.documentType === 'invoice' ? listSeries(deps)(task.tenantId) : [],
  ]);
  const unknown = newCustomers.filter((id) => !live.has(id));
  for (const id of unknown.slice(0, MAX_LISTED)) {
    add(`customerIds.${task.customerIds.indexOf(id)}`, `No customer ${id}`);
  }
  if (unknown.length > MAX_LISTED) {
    add('customerIds', `${unknown.length - MAX_LISTED} more unknown customers`);
  }
  const found = new Set(products.filter((p) => !p.deletedAt).map((p) => p.id));
  template.lines.forEach((line, i) => {
    if (line.productId && !found.has(line.productId)) {
      add(`template.lines.${i}.productId`, `No product ${line.productId}`);
    }
  });
  if (task.documentType === 'invoice') {
    try {
      pickSeries(series, 'standard', template.series, 'template.series');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      errors.push(...err.errors);
    }
  }
  if (errors.length) {
    throw new ValidationError(
      `Invalid task: ${errors
        .slice(0, 5)
        .map((e) => `${e.path} (${e.message})`)
        .join('; ')}${errors.length > 5 ? '; …' : ''}`,
      errors,
    );
  }
}

/** The tenant's zone, the default of a schedule's. */
export async function tenantTimezone(deps: Pick<TaskDeps, 'tenants'>, tenantId: string) {
  const tenant = await deps.tenants.get(tenantId);
  if (!tenant) throw new NotFoundError('Tenant', tenantId);
  return tenant.timezone;
}

/** Fills the delivery defaults: send needs issue, so it issues unless told otherwise. */
export const deliveryOf = (d: TaskInput['delivery']) => ({
  mode: d.mode,
  formats: d.formats,
  issue: d.issue ?? d.mode === 'createAndSend',
});

export const scheduleOf = (s: TaskInput['schedule'], timezone: string) =>
  resolveSchedule({
    expression: s.expression,
    timezone: s.timezone ?? timezone,
    startDate: s.startDate,
    ...(s.endDate !== undefined ? { endDate: s.endDate } : {}),
  });
