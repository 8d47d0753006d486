import { ConflictError, NotFoundError, PreconditionFailedError } from '../errors.ts';
import type { FormatCatalog } from '../formats/catalog.ts';
import {
  type DocumentReadDeps,
  documentBaseName,
  getInvoiceDocument,
} from '../invoices/documents.ts';
import type { InvoiceRepository } from '../invoices/invoice-repository.ts';
import type { InvoiceEvent } from '../invoices/model.ts';
import { validateTaxId } from '../parties/tax-id.ts';
import type { Clock } from '../ports/clock.ts';
import type { EventPublisher } from '../ports/events.ts';
import type { RecipientPrincipal } from '../recipients/principal.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { StaffPrincipal } from '../staff/model.ts';
import type { TenantPrincipal } from '../tenants/authenticate-api-key.ts';
import { type TenantRepository, taxIdProofOf } from '../tenants/tenant.ts';
import { type ExchangeInvoice, inboxStatusOf } from './exchange-invoice.ts';
import { inboxId, parseInboxId } from './inbox-id.ts';
import type { InboxOwner, RecipientStatus } from './model.ts';
import type { InboxFilter, InboxRepository } from './ports.ts';
import { checkTransition } from './status.ts';

/** The tenant (an API key or a staff member) or a registered recipient. */
export type InboxPrincipal = TenantPrincipal | StaffPrincipal | RecipientPrincipal;

export interface InboxDeps {
  inbox: InboxRepository;
  invoices: InvoiceRepository;
  tenants: TenantRepository;
}

/**
 * Whose inbox a caller reads: a recipient's own tax id, or for a tenant the tax id of its profile
 * (so an issuer on the platform also receives what other issuers invoice it).
 */
export const inboxOwner =
  ({ tenants }: Pick<InboxDeps, 'tenants'>) =>
  async (principal: InboxPrincipal): Promise<InboxOwner> => {
    if (principal.kind === 'recipient') {
      return {
        taxId: principal.taxId,
        by: { kind: 'recipient', recipientId: principal.recipientId },
      };
    }
    const tenant = await tenants.get(principal.tenantId);
    if (!tenant) throw new NotFoundError('Tenant', principal.tenantId);
    return {
      taxId: tenant.taxId,
      by: { kind: 'tenant', tenantId: tenant.id },
      ...(taxIdProofOf(tenant) ? {} : { unproven: true as const }),
    };
  };

/** A tax id typed in a filter, normalised the way parties' ids are stored. */
export function normalizeTaxIdFilter(value: string): string {
  const raw = value
    .normalize('NFC')
    .toUpperCase()
    .replace(/[\s./-]/g, '');
  const spanish = validateTaxId(raw, 'ES');
  return spanish.valid ? spanish.normalized : raw;
}

/** The id the buyer knows an invoice by. */
export const inboxIdOf = (invoice: ExchangeInvoice) =>
  inboxId({ tenantId: invoice.tenantId, invoiceId: invoice.id });

/**
 * Reads one invoice of the owner's inbox. Anything not addressed to the owner's tax id, a draft
 * or a voided invoice (and everything, for an owner that has not proven its tax id) reads as absent, exactly like an id that does not exist: the answer never
 * tells a caller that someone else's invoice is there.
 */
async function readInbox(
  invoices: InvoiceRepository,
  owner: InboxOwner,
  id: string,
): Promise<ExchangeInvoice> {
  const ref = parseInboxId(id);
  const invoice = ref
    ? ((await invoices.get(ref.tenantId, ref.invoiceId)) as ExchangeInvoice | undefined)
    : undefined;
  if (
    owner.unproven ||
    !invoice ||
    invoice.status === 'draft' ||
    invoice.status === 'void' ||
    invoice.customer.taxId !== owner.taxId
  ) {
    throw new NotFoundError('Invoice', id);
  }
  return invoice;
}

/**
 * The owner's inbox, newest first. `taxIdVerified: false` says why a tenant's inbox is empty: it
 * has not proven its tax id yet (see GET /v1/tenant).
 */
export const listInbox =
  (deps: InboxDeps) =>
  async (
    principal: InboxPrincipal,
    filter: InboxFilter & PageRequest,
  ): Promise<Page<ExchangeInvoice> & { taxIdVerified: boolean }> => {
    const owner = await inboxOwner(deps)(principal);
    if (owner.unproven) return { items: [], taxIdVerified: false };
    const page = await deps.inbox.list(owner.taxId, {
      ...filter,
      ...(filter.issuerTaxId ? { issuerTaxId: normalizeTaxIdFilter(filter.issuerTaxId) } : {}),
    });
    return { ...page, taxIdVerified: true };
  };

export const getInboxInvoice =
  (deps: Pick<InboxDeps, 'invoices' | 'tenants'>) =>
  async (principal: InboxPrincipal, id: string): Promise<ExchangeInvoice> =>
    readInbox(deps.invoices, await inboxOwner(deps)(principal), id);

/** What a buyer downloads: a format whose facts say `inbox`, or an import's original. */
export type InboxDocumentFormat = string;

/**
 * The formats a buyer can download: the original too when the invoice was imported, and then only
 * the issuer's stored documents besides it (an export of an invoice issued elsewhere would be a
 * document its issuer never made).
 */
export function inboxDocuments(
  invoice: ExchangeInvoice,
  formats: FormatCatalog,
): InboxDocumentFormat[] {
  const offered = formats.ids('inbox');
  if (!invoice.imported) return formats.applicable(invoice, offered);
  const stored = offered.filter((f) => formats.facts(f).stored);
  return [...formats.applicable(invoice, stored), 'original'];
}

/**
 * A document of an inbox invoice. PDF and Facturae are the issuer's own, served as the issuer's
 * download serves them (stored, or made on first request). An imported invoice's Facturae is the
 * document the issuer's system signed, never one we would sign on its behalf; other imported
 * formats are downloaded as `original`.
 */
export const getInboxDocument =
  (deps: Pick<InboxDeps, 'tenants'> & DocumentReadDeps) =>
  async (
    principal: InboxPrincipal,
    id: string,
    format: InboxDocumentFormat,
  ): Promise<{
    invoice: ExchangeInvoice;
    bytes: Uint8Array;
    contentType: string;
    filename: string;
  }> => {
    const invoice = await getInboxInvoice(deps)(principal, id);
    const original = invoice.imported;
    const importedAs = () =>
      new ConflictError(
        `This invoice was imported as ${original?.format.toUpperCase()}; download it as \`original\``,
      );
    const listed = inboxDocuments(invoice, deps.formats);
    if (format === 'original' || (format === original?.format && listed.includes(format))) {
      if (!original) {
        throw new ConflictError(
          'This invoice was issued on the platform; it has no imported original',
        );
      }
      // The import's own format, where the inbox lists it (a Facturae), is served as it came in.
      const bytes = await deps.artifacts.get(original.key);
      if (!bytes)
        throw new Error(`The original of invoice ${invoice.id} is missing from the store`);
      return {
        invoice,
        bytes,
        contentType:
          format === 'original' ? 'application/xml' : deps.formats.facts(format).mediaType,
        filename:
          format === 'original'
            ? original.filename || `${documentBaseName(invoice)}.xml`
            : deps.formats.fileName(invoice, format),
      };
    }
    if (original && !listed.includes(format)) throw importedAs();
    // The buyer may read it (checked above); from here it is the issuer's download.
    const { bytes, contentType } = await getInvoiceDocument(deps)(
      invoice.tenantId,
      invoice.id,
      format,
    );
    return { invoice, bytes, contentType, filename: deps.formats.fileName(invoice, format) };
  };

export interface InboxStatusDeps extends Pick<InboxDeps, 'invoices' | 'tenants'> {
  clock: Clock;
  /** Tells the issuer's subscribers (webhooks); optional, never part of the write. */
  events?: EventPublisher;
  /** Where a failed publication is reported; it never undoes the change. */
  report?: (error: unknown) => void;
}

/** Times a status change re-reads the invoice after the issuer changed it meanwhile. */
const ATTEMPTS = 3;

/**
 * The buyer accepts, rejects or pays an invoice. The change is written on the issuer's invoice
 * (its `recipientStatus` and an entry in its events, with a version bump), so the issuer sees it
 * on the invoice itself; a concurrent change by the issuer (a send) is re-read and re-checked
 * rather than overwritten.
 */
export const setInboxStatus =
  (deps: InboxStatusDeps) =>
  async (
    principal: InboxPrincipal,
    id: string,
    input: { status: RecipientStatus; reason?: string },
  ): Promise<ExchangeInvoice> => {
    const owner = await inboxOwner(deps)(principal);
    const reason = input.reason?.trim() || undefined;
    for (let attempt = 1; ; attempt++) {
      const invoice = await readInbox(deps.invoices, owner, id);
      if (invoice.status === 'cancelled') {
        throw new ConflictError(`Invoice ${invoice.number} was cancelled by its issuer`);
      }
      checkTransition(inboxStatusOf(invoice), input.status, reason);
      const at = deps.clock.now().toISOString();
      const event: InvoiceEvent = {
        at,
        type: `recipient.${input.status}`,
        detail: {
          status: input.status,
          ...(reason ? { reason } : {}),
          by:
            owner.by.kind === 'recipient'
              ? { kind: 'recipient', recipientId: owner.by.recipientId, taxId: owner.taxId }
              : { kind: 'tenant', taxId: owner.taxId },
        },
      };
      const next: ExchangeInvoice = {
        ...invoice,
        recipientStatus: input.status,
        events: [...invoice.events, event],
        version: invoice.version + 1,
        updatedAt: at,
      };
      try {
        await deps.invoices.update(next);
      } catch (e) {
        if (e instanceof PreconditionFailedError && attempt < ATTEMPTS) continue;
        throw e;
      }
      await publishStatusChange(deps, next, reason);
      return next;
    }
  };

async function publishStatusChange(
  deps: InboxStatusDeps,
  invoice: ExchangeInvoice,
  reason: string | undefined,
) {
  if (!deps.events) return;
  try {
    await deps.events.publish([
      {
        id: `invoice.status_changed:${invoice.id}:v${invoice.version}`,
        type: 'invoice.status_changed',
        tenantId: invoice.tenantId,
        occurredAt: invoice.updatedAt,
        data: {
          invoiceId: invoice.id,
          ...(invoice.number ? { number: invoice.number } : {}),
          status: invoice.status,
          recipientStatus: invoice.recipientStatus,
          ...(reason ? { reason } : {}),
          buyerTaxId: invoice.customer.taxId,
        },
      },
    ]);
  } catch (error) {
    deps.report?.(error);
  }
}
