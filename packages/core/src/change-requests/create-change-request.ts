import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { FailureLog } from '../invoices/after-issue.ts';
import type { InvoiceRepository } from '../invoices/invoice-repository.ts';
import type { Invoice, InvoiceStatus } from '../invoices/model.ts';
import type { Clock } from '../ports/clock.ts';
import type { EventPublisher } from '../ports/events.ts';
import type { IdGenerator } from '../ports/ids.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { Page } from '../shared/page.ts';
import type { TenantRepository } from '../tenants/tenant.ts';
import { changeRequestLink, supportMail } from './mail-texts.ts';
import {
  type Actor,
  CHANGE_REQUEST_TYPES,
  type ChangeRequest,
  type ChangeRequestListQuery,
  type ChangeRequestRepository,
  type ChangeRequestType,
  changeRequestView,
} from './model.ts';

/** Invoices a change can be asked for: issued ones still in force. */
export const REQUESTABLE: readonly InvoiceStatus[] = ['issued', 'sent', 'paid', 'rectified'];

export const MESSAGE_MAX = 2000;

export interface ChangeRequestInput {
  type: ChangeRequestType;
  message: string;
}

export interface CreateChangeRequestDeps {
  requests: Pick<ChangeRequestRepository, 'create'>;
  invoices: Pick<InvoiceRepository, 'get'>;
  tenants: Pick<TenantRepository, 'get'>;
  /** The tenant's support mailbox (settings `support.email`), if it set one. */
  supportEmail: (tenantId: string) => Promise<string | undefined>;
  /** The portal's base URL, for the console link in the support mail. */
  portalUrl: string;
  mailer: Mailer;
  events: EventPublisher;
  log: FailureLog;
  clock: Clock;
  ids: IdGenerator;
}

function checked(input: ChangeRequestInput): ChangeRequestInput {
  const errors = [];
  if (!CHANGE_REQUEST_TYPES.includes(input.type)) {
    errors.push({ path: 'type', message: `One of ${CHANGE_REQUEST_TYPES.join(', ')}` });
  }
  const message = typeof input.message === 'string' ? input.message.trim() : '';
  if (!message || message.length > MESSAGE_MAX) {
    errors.push({
      path: 'message',
      message: `Say what to change, in 1 to ${MESSAGE_MAX} characters`,
    });
  }
  if (errors.length) throw new ValidationError('Invalid change request', errors);
  return { type: input.type, message };
}

/**
 * Asks for a change to an issued invoice, as staff, a system (API key) or the customer itself
 * (a registered recipient, through its own route). At most one request of each type awaits an
 * outcome per invoice (a second is a 409 naming `type`). The tenant's support mailbox (its own
 * address when no `support.email` is set) is mailed a link to the request in the console, and
 * `change_request.created` is published; neither failing undoes the request (it is logged).
 */
export const createChangeRequest =
  (deps: CreateChangeRequestDeps) =>
  async (
    tenantId: string,
    invoiceId: string,
    input: ChangeRequestInput,
    requestedBy: Actor,
  ): Promise<ChangeRequest> => {
    const { type, message } = checked(input);
    const invoice = await deps.invoices.get(tenantId, invoiceId);
    if (!invoice) throw new NotFoundError('Invoice', invoiceId);
    if (!REQUESTABLE.includes(invoice.status)) {
      throw new ConflictError(
        `Invoice ${invoice.number ?? invoice.id} is ${invoice.status}: changes are asked for issued invoices in force`,
        [{ path: 'invoiceId', message: `The invoice is ${invoice.status}` }],
      );
    }
    const at = deps.clock.now().toISOString();
    const request: ChangeRequest = {
      id: deps.ids.next('chr'),
      tenantId,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number ?? invoice.id,
      type,
      message,
      status: 'open',
      requestedBy,
      events: [{ at, type: 'created', by: requestedBy }],
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    const written = await deps.requests.create(request);
    if (!written.created) {
      throw new ConflictError(
        `Invoice ${request.invoiceNumber} has a ${type} request awaiting its outcome (${written.holder})`,
        [{ path: 'type', message: `A ${type} request is already open: ${written.holder}` }],
      );
    }
    await notifySupport(deps, request, invoice);
    await deps.events
      .publish([
        {
          id: `change_request.created:${request.id}`,
          type: 'change_request.created',
          tenantId,
          occurredAt: at,
          data: { changeRequest: changeRequestView(request) },
        },
      ])
      .catch((error: unknown) =>
        deps.log.error('change_request.created not published', { error, id: request.id }),
      );
    return request;
  };

async function notifySupport(
  deps: CreateChangeRequestDeps,
  request: ChangeRequest,
  invoice: Invoice,
): Promise<void> {
  try {
    const tenant = await deps.tenants.get(request.tenantId);
    if (!tenant) return;
    const to = (await deps.supportEmail(request.tenantId)) ?? tenant.email;
    await deps.mailer.send({
      to: [to],
      ...supportMail(
        tenant.language,
        request,
        invoice,
        changeRequestLink(deps.portalUrl, request.id),
      ),
      ...(request.requestedBy.email ? { replyTo: request.requestedBy.email } : {}),
    });
  } catch (error) {
    deps.log.error('support mailbox not told of a change request', { error, id: request.id });
  }
}

export const getChangeRequest =
  (deps: { requests: Pick<ChangeRequestRepository, 'get'> }) =>
  async (tenantId: string, id: string): Promise<ChangeRequest> => {
    const request = await deps.requests.get(tenantId, id);
    if (!request) throw new NotFoundError('Change request', id);
    return request;
  };

/** Newest first: the queue by status, or one invoice's requests. */
export const listChangeRequests =
  (deps: { requests: Pick<ChangeRequestRepository, 'list'> }) =>
  (tenantId: string, query: ChangeRequestListQuery): Promise<Page<ChangeRequest>> =>
    deps.requests.list(tenantId, query);
