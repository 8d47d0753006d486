import type { CustomerPricesRepository } from '../../catalog/customer-prices.ts';
import type { ProductRepository } from '../../catalog/product.ts';
import { resolveLines } from '../../catalog/resolve-line-price.ts';
import type { TariffRepository } from '../../catalog/tariff.ts';
import type { Customer, CustomerRepository } from '../../customers/customer.ts';
import { ConflictError, ValidationError } from '../../errors.ts';
import type { FormatCatalog } from '../../formats/catalog.ts';
import { type AfterIssue, type FailureLog, handOverIssued } from '../../invoices/after-issue.ts';
import { createInvoice } from '../../invoices/create-invoice.ts';
import type { InvoiceDeps } from '../../invoices/deps.ts';
import type { InvoiceDocuments, InvoiceExporter } from '../../invoices/documents.ts';
import { issueInvoice } from '../../invoices/issue-invoice.ts';
import { listSeries } from '../../invoices/list-series.ts';
import type { Invoice, PaymentTerms } from '../../invoices/model.ts';
import type { Mailer } from '../../ports/mailer.ts';
import { todayIn } from '../../shared/dates.ts';
import type { Tenant } from '../../tenants/tenant.ts';
import type { CustomerDirectory, RunTotals, Task } from '../model.ts';
import { createWorkOrder } from '../work-orders/create-work-order.ts';
import type { WorkOrderRepository } from '../work-orders/model.ts';
import { assetsNote, taskInvoiceMail } from './mail-texts.ts';

/** A document a run made or found, with what its delivery steps need to know. */
export interface MadeDocument {
  id: string;
  status: string;
  /** Invoices only. */
  totals?: RunTotals;
}

/** One occurrence's view of the task, shared by every customer of the run. */
export interface RunScope {
  task: Task;
  tenant: Tenant;
  occurrence: Date;
}

/**
 * Makes one kind of document for a run. `create` must fail when the id exists: the run's
 * exactly-once guarantee is "create if absent" on the deterministic id.
 */
export interface DocumentMaker {
  /** The prefix of this kind's ids (`inv`, `wo`). */
  prefix: string;
  find(id: string): Promise<MadeDocument | undefined>;
  create(id: string, customerId: string): Promise<MadeDocument>;
  /** Does the delivery steps not done yet (issue, send); a no-op for a finished document. */
  complete(doc: MadeDocument): Promise<MadeDocument>;
  /** Hands on what the maker batches (issued invoices); called before a pass ends. */
  flush?(): Promise<void>;
}

/** Builds a run's maker: called once per run, so caches live exactly as long as the run. */
export type MakerFactory = (scope: RunScope) => DocumentMaker;

const toMade = (i: Invoice): MadeDocument => ({
  id: i.id,
  status: i.status,
  totals: i.totals,
});

/** Remembers a lookup for the run, so a thousand customers read the tenant or a product once. */
function memo<K, V>(load: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const seen = new Map<K, Promise<V>>();
  return (key) => {
    let hit = seen.get(key);
    if (!hit) {
      hit = load(key);
      // A failed read is not remembered: the next customer tries again.
      hit.catch(() => seen.delete(key));
      seen.set(key, hit);
    }
    return hit;
  };
}

/** Customers read at once: one BatchGetItem. */
const WINDOW = 100;

/**
 * Customers read a hundred at a time in task order: a run asks for them in that order, so one
 * batch read serves the next hundred (a read per customer saved). Windows well behind the run
 * are dropped, so memory stays flat over any number of customers.
 */
function customerWindows(
  task: Task,
  directory: Pick<CustomerDirectory, 'getMany'>,
  single: (id: string) => Promise<Customer | undefined>,
): (id: string) => Promise<Customer | undefined> {
  const position = new Map(task.customerIds.map((id, i) => [id, i]));
  const windows = new Map<number, Promise<Map<string, Customer>>>();
  return async (id) => {
    const at = position.get(id);
    if (at === undefined) return single(id);
    const start = at - (at % WINDOW);
    let window = windows.get(start);
    if (!window) {
      window = directory
        .getMany(task.tenantId, task.customerIds.slice(start, start + WINDOW))
        .then((found) => new Map(found.map((c) => [c.id, c])));
      window.catch(() => windows.delete(start));
      windows.set(start, window);
      for (const key of windows.keys()) if (key < start - 2 * WINDOW) windows.delete(key);
    }
    return (await window).get(id);
  };
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Invoice notes are printed whole by Facturae (AdditionalInformation, 2,500 characters). */
const MAX_NOTES = 2500;

export interface InvoiceMakerDeps extends Omit<InvoiceDeps, 'resolveLines'> {
  directory: Pick<CustomerDirectory, 'getMany'>;
  catalog: {
    products: Pick<ProductRepository, 'getMany'>;
    tariffs: Pick<TariffRepository, 'get'>;
    customerPrices: Pick<CustomerPricesRepository, 'get'>;
  };
  /** Stored documents, made first when missing (`ensureInvoiceDocuments` in AWS). */
  documents: InvoiceDocuments;
  /** UBL is built from the frozen invoice when attached, not stored (see InvoiceExporter). */
  exporter: InvoiceExporter;
  /** Which formats are delivered, stored or built, with their names and media types. */
  formats: FormatCatalog;
  mailer: Mailer;
  /** The post-issue step (documents, notifications), as the issue route hands over to it. */
  afterIssue: AfterIssue;
  log: FailureLog;
}

/** Issued invoices go to the post-issue step in batches of this many. */
const HAND_OVER_BATCH = 25;

/**
 * Invoices for a run: drafts made through the invoices area (same validation, same tax engine),
 * issued and e-mailed when the task says so. The tenant, its series, products and tariffs are read
 * once per run, so every customer of an occurrence gets the catalog as it was when the run began
 * (`pricePolicy: "catalog"`); a customer's own prices are read per customer.
 */
export const invoiceMaker =
  (deps: InvoiceMakerDeps): MakerFactory =>
  ({ task, tenant, occurrence }) => {
    const products = memo((ids: string) =>
      deps.catalog.products.getMany(tenant.id, ids.split(',')),
    );
    const tariffs = memo((id: string) => deps.catalog.tariffs.get(tenant.id, id));
    const series = memo((_: string) => listSeries(deps)(tenant.id));
    const customer = customerWindows(task, deps.directory, (id) =>
      deps.customers.get(tenant.id, id),
    );
    // Explicit objects, not spreads: the repositories are class instances with prototype methods.
    const cached: InvoiceDeps = {
      ...deps,
      tenants: { get: async () => tenant, create: (t, k) => deps.tenants.create(t, k) },
      customers: {
        get: (_t, id) => customer(id),
        create: (c) => deps.customers.create(c),
        list: (t, page) => deps.customers.list(t, page),
        update: (c) => deps.customers.update(c),
      },
      series: {
        list: () => series(''),
        get: (t, code) => deps.series.get(t, code),
        create: (t, s) => deps.series.create(t, s),
      },
      resolveLines: resolveLines({
        products: { getMany: (_t: string, ids: readonly string[]) => products(ids.join(',')) },
        tariffs: { get: (_t: string, id: string) => tariffs(id) },
        customerPrices: {
          get: (t: string, customerId: string) => deps.catalog.customerPrices.get(t, customerId),
        },
      } as unknown as Parameters<typeof resolveLines>[0]),
    };
    const create = createInvoice(cached);
    const issue = issueInvoice(cached);
    const handOverBatch = handOverIssued(deps.afterIssue, deps.log);
    // A crash loses at most one batch's hand-over: their documents are then made on first read.
    let issued: Invoice[] = [];
    const flush = async () => {
      const batch = issued;
      issued = [];
      await handOverBatch(batch);
    };
    const { template, delivery } = task;
    const source = { taskId: task.id, occurrence: occurrence.toISOString() };
    const sent = deps.formats.ids('delivery').filter((f) => delivery.formats.includes(f));
    const isStored = (format: string) => !!deps.formats.facts(format).stored;

    const payment = (): PaymentTerms | undefined => {
      const pm = template.paymentMethod;
      if (!pm) return undefined;
      const today = todayIn(tenant.timezone, deps.clock.now());
      return {
        means: pm.means,
        ...(pm.iban ? { iban: pm.iban } : {}),
        ...(pm.terms ? { terms: pm.terms } : {}),
        ...(pm.dueInDays !== undefined ? { dueDate: addDays(today, pm.dueInDays) } : {}),
      };
    };

    const notesFor = async (customerId: string) => {
      const assets = task.assets?.[customerId] ?? [];
      // The asset line is in the document's language, the customer's: read it only when needed.
      const language = assets.length
        ? ((await customer(customerId))?.language ?? tenant.language)
        : tenant.language;
      const text = [template.notes, assetsNote(assets, language)].filter(Boolean).join('\n\n');
      return text.length > MAX_NOTES ? `${text.slice(0, MAX_NOTES - 1)}…` : text;
    };

    const send = async (invoice: Invoice): Promise<Invoice> => {
      const to = invoice.customer.email;
      if (!to) throw new ValidationError('The customer has no e-mail: the invoice was not sent');
      const formats = deps.formats.applicable(invoice, sent);
      const stored = formats.filter(isStored);
      const made = stored.length ? await deps.documents.ensure(invoice, stored) : undefined;
      const build = (format: string) => {
        const exporter = deps.exporter[format];
        if (!exporter) throw new Error(`No builder of the format ${format}`);
        return exporter(invoice);
      };
      const attachments = await Promise.all(
        formats.map(async (format) => ({
          filename: deps.formats.fileName(invoice, format),
          contentType: deps.formats.facts(format).mediaType,
          content: isStored(format) ? made![format]! : await build(format),
        })),
      );
      const { messageId } = await deps.mailer.send({
        to: [to],
        ...taskInvoiceMail(
          invoice,
          formats.map((f) => deps.formats.facts(f).name),
        ),
        ...(invoice.issuer.email ? { replyTo: invoice.issuer.email } : {}),
        attachments,
      });
      const at = deps.clock.now().toISOString();
      const next: Invoice = {
        ...invoice,
        status: 'sent',
        events: [...invoice.events, { at, type: 'sent', detail: { to: [to], messageId, formats } }],
        version: invoice.version + 1,
        updatedAt: at,
      };
      await deps.invoices.update(next);
      return next;
    };

    return {
      prefix: 'inv',
      async find(id) {
        const found = await deps.invoices.get(tenant.id, id);
        return found && toMade(found);
      },
      async create(id, customerId) {
        const notes = await notesFor(customerId);
        const pay = payment();
        return toMade(
          await create(tenant.id, {
            id,
            customerId,
            ...(template.series ? { series: template.series } : {}),
            lines: template.lines,
            ...(pay ? { payment: pay } : {}),
            ...(notes ? { notes } : {}),
            source,
          }),
        );
      },
      async complete(doc) {
        let invoice: Invoice | undefined;
        let status = doc.status;
        if (delivery.issue && status === 'draft') {
          try {
            invoice = await issue(tenant.id, doc.id);
          } catch (err) {
            // A concurrent issue of the same draft (another pass after a lost lease) got there first.
            if (!(err instanceof ConflictError)) throw err;
            invoice = await deps.invoices.get(tenant.id, doc.id);
          }
          status = invoice?.status ?? status;
        }
        // Handed over when this pass issued it, or sends what a pass that died left issued only.
        // (Issue-only documents found issued were handed over by the pass that issued them.)
        const handOver =
          (doc.status === 'draft' && invoice?.status === 'issued') ||
          (delivery.mode === 'createAndSend' && doc.status === 'issued');
        // Sent before the hand-over: sending stores the documents it attaches, which the
        // post-issue step then finds in place instead of writing them a second time.
        if (delivery.mode === 'createAndSend' && status === 'issued') {
          invoice = await send(
            invoice ?? (await deps.invoices.get(tenant.id, doc.id)) ?? never(doc),
          );
        }
        if (handOver && invoice) {
          issued.push(invoice);
          if (issued.length >= HAND_OVER_BATCH) await flush();
        }
        return invoice ? toMade(invoice) : doc;
      },
      flush,
    };
  };

function never(doc: MadeDocument): never {
  throw new Error(`Invoice ${doc.id} vanished during its run`);
}

export interface WorkOrderMakerDeps {
  workOrders: WorkOrderRepository;
  customers: Pick<CustomerRepository, 'get'>;
  directory: Pick<CustomerDirectory, 'getMany'>;
  products: Pick<ProductRepository, 'getMany'>;
  clock: InvoiceDeps['clock'];
  ids: InvoiceDeps['ids'];
}

/** Work orders for a run: `pending`, dated on the occurrence's local day, with the assets. */
export const workOrderMaker =
  (deps: WorkOrderMakerDeps): MakerFactory =>
  ({ task, tenant, occurrence }) => {
    const products = memo((ids: string) => deps.products.getMany(tenant.id, ids.split(',')));
    const customer = customerWindows(task, deps.directory, (id) =>
      deps.customers.get(tenant.id, id),
    );
    const create = createWorkOrder({
      workOrders: deps.workOrders,
      customers: { get: (_t, id) => customer(id) },
      clock: deps.clock,
      ids: deps.ids,
      products: { getMany: (_t, ids) => products(ids.join(',')) },
    });
    const scheduledFor = todayIn(task.schedule.timezone, occurrence);
    const source = { taskId: task.id, occurrence: occurrence.toISOString() };
    return {
      prefix: 'wo',
      async find(id) {
        const found = await deps.workOrders.get(tenant.id, id);
        return found && { id: found.id, status: found.status };
      },
      async create(id, customerId) {
        const order = await create(tenant.id, {
          id,
          customerId,
          lines: task.template.lines.map((l) => ({
            quantity: l.quantity,
            ...(l.productId ? { productId: l.productId } : {}),
            ...(l.description ? { description: l.description } : {}),
            ...(l.unit ? { unit: l.unit } : {}),
          })),
          assets: task.assets?.[customerId] ?? [],
          ...(task.template.notes ? { notes: task.template.notes } : {}),
          scheduledFor,
          source,
        });
        return { id: order.id, status: order.status };
      },
      async complete(doc) {
        return doc;
      },
    };
  };
