import { createHash } from 'node:crypto';
import type { CustomerRepository } from '../customers/customer.ts';
import type { ParsedDocument, ParsedInvoice } from '../documents/parsed.ts';
import { NotFoundError } from '../errors.ts';
import type { FormatCatalog } from '../formats/catalog.ts';
import type { IssuedInvoicesSubscriber } from '../invoices/after-issue.ts';
import type { PartySnapshot } from '../invoices/model.ts';
import type { ArtifactStore } from '../ports/artifacts.ts';
import type { Clock } from '../ports/clock.ts';
import type { EventPublisher } from '../ports/events.ts';
import type { IdGenerator } from '../ports/ids.ts';
import { todayIn } from '../shared/dates.ts';
import type { Tenant, TenantRepository } from '../tenants/tenant.ts';
import { UnprocessableError } from './errors.ts';
import type { ExchangeInvoice } from './exchange-invoice.ts';
import {
  breakdownOf,
  buyerSnapshot,
  documentErrors,
  linesOf,
  normalizedPartyTaxId,
  paymentOf,
  sellerSnapshot,
  totalsOf,
} from './from-document.ts';
import type { ImportedOriginal } from './model.ts';
import { type DocumentReader, type ImportRepository, numberTaken } from './ports.ts';

/**
 * Import for delivery: an ERP that issues its own invoices hands them to Sello to reach their
 * buyers. The original bytes are kept untouched; the invoice is recorded as issued by the tenant
 * (`origin: 'import'`) and lands in the buyer's inbox like any invoice issued here.
 *
 * An imported invoice was numbered, and where it applies registered with VERI*FACTU, by the system
 * that issued it. So importing never touches Sello's series counters or the tenant's VERI*FACTU
 * chain: its number is kept as stated (unique per tenant among imports), and no billing record is
 * made for it here, since a second record of the same invoice would be a duplicate alta at AEAT.
 */

export interface ImportItem {
  filename?: string;
  bytes: Uint8Array;
}

export interface ImportDeps {
  reader: DocumentReader;
  imports: ImportRepository;
  tenants: TenantRepository;
  customers: CustomerRepository;
  artifacts: ArtifactStore;
  /** Whether an imported document's format is stored (then it is also the invoice's document). */
  formats: FormatCatalog;
  clock: Clock;
  ids: IdGenerator;
  /** Hears `import.completed` (webhooks); optional, never part of the write. */
  events?: EventPublisher;
  /** Post-issue work (e.g. notifying the buyer), as after issuing here. */
  onIssued?: IssuedInvoicesSubscriber;
  /** Where a failure after the commit is reported; it never undoes the import. */
  report?: (error: unknown) => void;
}

/** `tenants/<t>/imports/<sha256>.xml`: tenant-scoped and content-addressed, so a retry rewrites the same object. */
export const originalKey = (tenantId: string, sha256: string) =>
  `tenants/${tenantId}/imports/${sha256}.xml`;

export type ImportOutcome =
  | { ok: true; invoice: ExchangeInvoice }
  | { ok: false; error: unknown; filename?: string };

/**
 * Reads the document; anything that is not a valid, readable e-invoice is refused with its errors.
 * A body that is not a document at all (not XML, a DOCTYPE, too large) is the reader's own 4xx.
 */
async function readDocument(
  reader: DocumentReader,
  bytes: Uint8Array,
): Promise<ParsedDocument & { invoice: ParsedInvoice }> {
  const parsed = await reader.read(bytes);
  if (!parsed.valid || !parsed.invoice) {
    const errors = documentErrors(parsed.errors);
    throw new UnprocessableError(
      `The ${parsed.format} document is not valid${errors[0] ? `: ${errors[0].message}` : ''}`,
      errors.length ? errors : [{ path: 'document', message: 'Not a valid e-invoice' }],
    );
  }
  if ((parsed.invoices?.length ?? 1) > 1) {
    // One original per invoice keeps "the document of this invoice" meaningful for its buyer.
    throw new UnprocessableError('The document holds a batch of invoices', [
      {
        path: 'document',
        message: `It holds ${parsed.invoices?.length} invoices; send each in a document of its own`,
      },
    ]);
  }
  if (parsed.signature && !parsed.signature.valid) {
    throw new UnprocessableError('The document is signed but its signature does not verify', [
      {
        path: 'signature',
        message: parsed.signature.errors?.join('; ') || 'The signature does not verify',
      },
    ]);
  }
  return parsed as ParsedDocument & { invoice: ParsedInvoice };
}

/** The tenant's customer with the buyer's tax id, created from the document when there is none. */
async function customerIdFor(
  deps: ImportDeps,
  tenant: Tenant,
  buyer: PartySnapshot,
  known: Map<string, string>,
): Promise<string> {
  const cached = known.get(buyer.taxId);
  if (cached) return cached;
  const { items } = await deps.customers.list(tenant.id, { limit: 10, taxId: buyer.taxId });
  let id = items[0]?.id;
  if (!id) {
    const now = deps.clock.now().toISOString();
    id = deps.ids.next('cus');
    await deps.customers.create({
      id,
      tenantId: tenant.id,
      taxId: buyer.taxId,
      taxIdKind: buyer.taxIdKind,
      personType: buyer.personType,
      name: buyer.name,
      ...(buyer.email ? { email: buyer.email } : {}),
      language: buyer.address.country === 'ES' || buyer.address.country === 'MX' ? 'es' : 'en',
      address: buyer.address,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
  }
  known.set(buyer.taxId, id);
  return id;
}

async function importOne(
  deps: ImportDeps,
  tenant: Tenant,
  item: ImportItem,
  customers: Map<string, string>,
): Promise<ExchangeInvoice> {
  // Size and well-formedness are the reader's to refuse (a 4xx naming the body).
  const document = await readDocument(deps.reader, item.bytes);
  const parsed = document.invoice;

  // Only the tenant's own invoices: importing someone else's would deliver it in their name.
  const seller = normalizedPartyTaxId(parsed.seller);
  if (seller?.normalized !== tenant.taxId) {
    throw new UnprocessableError(
      `The seller's tax id ${parsed.seller.taxId} is not this tenant's (${tenant.taxId})`,
      [{ path: 'seller.taxId', message: `Must be ${tenant.taxId}, the tenant's tax id` }],
    );
  }
  if (parsed.currency.toUpperCase() !== 'EUR') {
    throw new UnprocessableError(`Invoices in ${parsed.currency} cannot be imported yet`, [
      { path: 'currency', message: 'Only EUR is supported' },
    ]);
  }
  const now = deps.clock.now();
  const today = todayIn(tenant.timezone, now);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(parsed.issueDate) || parsed.issueDate > today) {
    throw new UnprocessableError(`Issue date ${parsed.issueDate} is not a past date`, [
      { path: 'issueDate', message: `Must be a date no later than today (${today})` },
    ]);
  }
  const number = parsed.number.trim();
  if (!number) {
    throw new UnprocessableError('The document has no invoice number', [
      { path: 'number', message: 'Required' },
    ]);
  }
  const buyer = buyerSnapshot(parsed.buyer);
  const lines = linesOf(parsed);
  const breakdown = breakdownOf(parsed, lines);
  const totals = totalsOf(parsed);
  const payment = paymentOf(parsed);

  // Unique among the tenant's invoices, imported or issued here: re-importing the UBL or
  // Facturae of an invoice issued here would deliver a second invoice with its number.
  const holder = await deps.imports.numberHolder(tenant.id, number, parsed.issueDate);
  if (holder) throw numberTaken(number, holder);

  const customerId = await customerIdFor(deps, tenant, buyer, customers);
  const at = now.toISOString();
  const sha256 = createHash('sha256').update(item.bytes).digest('hex');
  const original: ImportedOriginal = {
    format: document.format,
    ...(document.version ? { version: document.version } : {}),
    ...(item.filename ? { filename: item.filename } : {}),
    key: originalKey(tenant.id, sha256),
    sha256,
    size: item.bytes.length,
    ...(document.signature
      ? {
          signature: {
            valid: document.signature.valid,
            ...(document.signature.signer ? { signer: document.signature.signer.subject } : {}),
            ...(document.signature.signingTime
              ? { signingTime: document.signature.signingTime }
              : {}),
          },
        }
      : {}),
    ...(parsed.preceding ? { preceding: parsed.preceding } : {}),
    importedAt: at,
  };
  const invoice: ExchangeInvoice = {
    id: deps.ids.next('inv'),
    tenantId: tenant.id,
    status: 'issued',
    kind: parsed.kind === 'invoice' ? 'standard' : 'corrective',
    customerId,
    series: parsed.series ?? '',
    number,
    issueDate: parsed.issueDate,
    issueDateFixed: true,
    currency: 'EUR',
    language: tenant.language,
    issuer: sellerSnapshot(parsed.seller, tenant),
    customer: buyer,
    lines,
    breakdown,
    totals,
    ...(payment ? { payment } : {}),
    ...(parsed.notes ? { notes: parsed.notes } : {}),
    origin: 'import',
    imported: original,
    events: [
      {
        at,
        type: 'imported',
        detail: {
          format: document.format,
          sha256,
          ...(item.filename ? { filename: item.filename } : {}),
        },
      },
    ],
    version: 1,
    createdAt: at,
    updatedAt: at,
    issuedAt: at,
  };

  // The bytes first: once the invoice is visible its original must be downloadable, and they
  // cannot be made again later. An original of a stored format (a Facturae) is also the
  // invoice's document in it, so the issuer's download serves the signed original instead of a
  // document we would sign anew.
  await deps.artifacts.put(original.key, item.bytes, 'application/xml');
  const facts = deps.formats.facts(document.format);
  if (facts.stored) {
    await deps.artifacts.put(
      deps.formats.artifactKey(invoice, document.format),
      item.bytes,
      facts.mediaType,
    );
  }
  await deps.imports.record(invoice);
  return invoice;
}

async function afterCommit(deps: ImportDeps, imported: ExchangeInvoice[]) {
  if (!imported.length) return;
  const steps: Promise<void>[] = [];
  if (deps.events) {
    steps.push(
      deps.events.publish(
        imported.map((invoice) => ({
          id: `import.completed:${invoice.id}`,
          type: 'import.completed' as const,
          tenantId: invoice.tenantId,
          occurredAt: invoice.createdAt,
          data: {
            invoiceId: invoice.id,
            number: invoice.number,
            issueDate: invoice.issueDate,
            format: invoice.imported?.format,
            buyerTaxId: invoice.customer.taxId,
            total: invoice.totals.total,
          },
        })),
      ),
    );
  }
  if (deps.onIssued) steps.push(deps.onIssued(imported).then(() => undefined));
  for (const result of await Promise.allSettled(steps)) {
    if (result.status === 'rejected') deps.report?.(result.reason);
  }
}

/**
 * Imports documents one after another; each succeeds or fails on its own, so one bad document
 * never stops the others. Returns one outcome per item, in order.
 */
export const importInvoices =
  (deps: ImportDeps) =>
  async (tenantId: string, items: readonly ImportItem[]): Promise<ImportOutcome[]> => {
    const tenant = await deps.tenants.get(tenantId);
    if (!tenant) throw new NotFoundError('Tenant', tenantId);
    // Buyers met in this batch, so two invoices to a new buyer make one customer.
    const customers = new Map<string, string>();
    const outcomes: ImportOutcome[] = [];
    for (const item of items) {
      try {
        outcomes.push({ ok: true, invoice: await importOne(deps, tenant, item, customers) });
      } catch (error) {
        outcomes.push({ ok: false, error, ...(item.filename ? { filename: item.filename } : {}) });
      }
    }
    await afterCommit(
      deps,
      outcomes.flatMap((o) => (o.ok ? [o.invoice] : [])),
    );
    return outcomes;
  };
