import { ConflictError, NotFoundError, PreconditionFailedError } from '../errors.ts';
import type { FormatCatalog } from '../formats/catalog.ts';
import type { InvoiceRepository } from '../invoices/invoice-repository.ts';
import type { Invoice } from '../invoices/model.ts';
import type { Clock } from '../ports/clock.ts';
import type { DomainEvent, EventPublisher } from '../ports/events.ts';
import type { SecretBox } from '../ports/secrets.ts';
import type { ConnectorRegistry, ForwardRequest } from './connector.ts';
import { openConnectorCredentials } from './credentials.ts';
import type {
  ConnectorCredentials,
  ConnectorCredentialsRepository,
  ConnectorId,
  Forwarding,
  ForwardJob,
} from './model.ts';
import { forwardingView } from './view.ts';

/** Issued invoices, whatever has happened to them since, unless cancelled, voided or replaced. */
const FORWARDABLE: readonly Invoice['status'][] = ['issued', 'sent', 'paid'];

/**
 * A `sending` attempt older than this was lost (its run failed past the platform's retries): the
 * invoice may be forwarded again. Far beyond a run's timeout and Lambda's two retries.
 */
export const SENDING_STALE_MS = 15 * 60_000;

/** How long a run holds the attempt it took: longer than the forwarding function's timeout. */
export const FORWARD_LEASE_MS = 2 * 60_000;

const CONFLICT_ATTEMPTS = 5;

/** The invoice's entry for `connector`, if it was ever forwarded through it. */
export const forwardingOf = (invoice: Invoice, connector: ConnectorId): Forwarding | undefined =>
  invoice.forwarding?.find((f) => f.connector === connector);

/** The invoice with `entry` in place of its connector's, one version on. */
function withForwarding(invoice: Invoice, entry: Forwarding, at: string): Invoice {
  const others = (invoice.forwarding ?? []).filter((f) => f.connector !== entry.connector);
  const { leaseUntil: _internal, ...shown } = entry;
  return {
    ...invoice,
    forwarding: [...others, entry],
    events: [
      ...invoice.events,
      { at, type: `forwarding.${entry.status}`, detail: eventDetail(shown) },
    ],
    version: invoice.version + 1,
    updatedAt: at,
  };
}

const eventDetail = (f: Forwarding) => ({
  connector: f.connector,
  attempt: f.attempts,
  ...(f.registryNumber ? { registryNumber: f.registryNumber } : {}),
  ...(f.error ? { code: f.error.code } : {}),
});

/**
 * Reads the invoice and writes what `change` makes of it, conditioned on its version; on a lost
 * race reads again and asks `change` again, so its rules are checked against what is stored.
 * `change` answering undefined writes nothing.
 */
async function changeInvoice(
  invoices: Pick<InvoiceRepository, 'get' | 'update'>,
  tenantId: string,
  invoiceId: string,
  change: (invoice: Invoice) => Invoice | undefined,
): Promise<Invoice | undefined> {
  for (let attempt = 1; ; attempt++) {
    const invoice = await invoices.get(tenantId, invoiceId);
    if (!invoice) throw new NotFoundError('Invoice', invoiceId);
    const next = change(invoice);
    if (!next) return undefined;
    try {
      await invoices.update(next);
      return next;
    } catch (error) {
      if (!(error instanceof PreconditionFailedError) || attempt >= CONFLICT_ATTEMPTS) throw error;
    }
  }
}

/** Who asks to forward: a staff member (`userId`) or an API key (none). */
export interface ForwardCaller {
  tenantId: string;
  userId?: string;
}

/**
 * The document connectors take: the legal XML original of the invoice's issuer country (the signed
 * Facturae of a Spanish issuer), stored at issue. Undefined when the invoice has none.
 */
export const forwardedFormat = (
  formats: Pick<FormatCatalog, 'originalIn' | 'appliesTo'>,
  invoice: Invoice,
): string | undefined => {
  const format = formats.originalIn(invoice.issuer.address.country);
  return format && formats.appliesTo(format, invoice) ? format : undefined;
};

export interface RequestForwardingDeps {
  invoices: Pick<InvoiceRepository, 'get' | 'update'>;
  formats: Pick<FormatCatalog, 'originalIn' | 'appliesTo'>;
  credentials: Pick<ConnectorCredentialsRepository, 'get'>;
  connectors: ConnectorRegistry;
  clock: Clock;
  /** Hands the job to the forwarding function (asynchronously: the API never waits for it). */
  handOver(job: ForwardJob): Promise<void>;
}

const connectorField = (message: string) => [{ path: 'connector', message }];

/**
 * Starts forwarding an issued invoice through a connector: records its entry `sending` (one more
 * attempt) and hands the work over; the connector's answer lands on the invoice later. Refused
 * (409) for drafts and cancelled invoices, for an invoice already delivered or being sent through
 * it, for a connector this stage does not offer, and for a connector reached with each user's
 * own credentials when the caller has set none (or is an API key).
 */
export const requestForwarding =
  (deps: RequestForwardingDeps) =>
  async (caller: ForwardCaller, invoiceId: string, connectorId: ConnectorId): Promise<Invoice> => {
    const connector = deps.connectors.get(connectorId);
    if (!connector) {
      const message = `The ${connectorId} connector is not configured on this platform`;
      throw new ConflictError(message, connectorField(message));
    }
    if (connector.perUserCredentials) {
      if (!caller.userId) {
        const message = `The ${connectorId} connector forwards with a signed-in user's own credentials; an API key has none`;
        throw new ConflictError(message, connectorField(message));
      }
      if (!(await deps.credentials.get(caller.tenantId, caller.userId, connectorId))) {
        const message = `You have no credentials for ${connectorId}: set them in your profile first`;
        throw new ConflictError(message, connectorField(message));
      }
    }
    const now = deps.clock.now();
    const at = now.toISOString();
    const started = await changeInvoice(deps.invoices, caller.tenantId, invoiceId, (invoice) => {
      if (!FORWARDABLE.includes(invoice.status)) {
        throw new ConflictError(
          `Invoice ${invoice.number ?? invoice.id} is ${invoice.status}: only issued invoices are forwarded`,
        );
      }
      if (!forwardedFormat(deps.formats, invoice)) {
        throw new ConflictError(
          `Invoice ${invoice.number} has no signed XML original (a Facturae), the document ${connectorId} takes`,
        );
      }
      const current = forwardingOf(invoice, connectorId);
      if (current?.status === 'delivered') {
        const message = `Invoice ${invoice.number} was delivered through ${connectorId} already (registry number ${current.registryNumber ?? 'unknown'})`;
        throw new ConflictError(message, connectorField(message));
      }
      if (
        current?.status === 'sending' &&
        now.getTime() - Date.parse(current.at) < SENDING_STALE_MS
      ) {
        const message = `Invoice ${invoice.number} is being sent through ${connectorId}; wait for its answer`;
        throw new ConflictError(message, connectorField(message));
      }
      return withForwarding(
        invoice,
        {
          connector: connectorId,
          status: 'sending',
          ...(connector.perUserCredentials ? { userId: caller.userId } : {}),
          attempts: (current?.attempts ?? 0) + 1,
          at,
        },
        at,
      );
    });
    const invoice = started as Invoice;
    const entry = forwardingOf(invoice, connectorId) as Forwarding;
    try {
      await deps.handOver({
        tenantId: caller.tenantId,
        invoiceId,
        connector: connectorId,
        attempt: entry.attempts,
      });
    } catch (error) {
      // Nothing will run this attempt: say so on the invoice, so it can be forwarded again at
      // once rather than after SENDING_STALE_MS, and answer the platform's own failure.
      const failedAt = deps.clock.now().toISOString();
      await changeInvoice(deps.invoices, caller.tenantId, invoiceId, (current) => {
        const now = forwardingOf(current, connectorId);
        if (now?.status !== 'sending' || now.attempts !== entry.attempts) return undefined;
        return withForwarding(
          current,
          {
            ...now,
            status: 'failed',
            error: { code: 'not-started', message: 'The forwarding could not be started' },
            at: failedAt,
          },
          failedAt,
        );
      }).catch(() => undefined);
      throw error;
    }
    return invoice;
  };

export interface ForwardInvoiceDeps {
  invoices: Pick<InvoiceRepository, 'get' | 'update'>;
  credentials: Pick<ConnectorCredentialsRepository, 'get'>;
  secrets: Pick<SecretBox, 'open'>;
  connectors: ConnectorRegistry;
  /** The document the connector takes (`forwardedFormat`), from the stored artifacts. */
  document(invoice: Invoice): Promise<ForwardRequest['document']>;
  clock: Clock;
  /** Webhooks: `invoice.forwarded` once the attempt is settled. */
  events?: EventPublisher;
}

type Outcome = Pick<Forwarding, 'status' | 'registryNumber' | 'receiverStatus' | 'error'>;

/** What a run answers: what it did with the job. */
export type ForwardRunResult =
  | { status: 'skipped'; reason: 'not-current' | 'taken' }
  | { status: Forwarding['status']; registryNumber?: string };

const failed = (code: string, message: string): Outcome => ({
  status: 'failed',
  error: { code, message },
});

/**
 * The forwarding function's work for one attempt: takes the attempt (a lease, so a second
 * delivery of the job while it runs does nothing), reads the document and the user's
 * credentials, forwards, and writes the connector's answer on the invoice: `delivered` with its
 * registry number, `rejected` with its code and message, `failed` when it could not be reached or
 * the credentials could not be used. The answer is written only over the same attempt still
 * `sending`: an entry only moves forward.
 */
export const forwardInvoice =
  (deps: ForwardInvoiceDeps) =>
  async (job: ForwardJob): Promise<ForwardRunResult> => {
    const isCurrent = (f: Forwarding | undefined): f is Forwarding =>
      f?.status === 'sending' && f.attempts === job.attempt;
    let skipped: ForwardRunResult | undefined;
    const now = deps.clock.now();
    const taken = await changeInvoice(deps.invoices, job.tenantId, job.invoiceId, (invoice) => {
      const entry = forwardingOf(invoice, job.connector);
      if (!isCurrent(entry)) {
        skipped = { status: 'skipped', reason: 'not-current' };
        return undefined;
      }
      if (entry.leaseUntil && Date.parse(entry.leaseUntil) > now.getTime()) {
        skipped = { status: 'skipped', reason: 'taken' };
        return undefined;
      }
      const leaseUntil = new Date(now.getTime() + FORWARD_LEASE_MS).toISOString();
      const others = (invoice.forwarding ?? []).filter((f) => f !== entry);
      return {
        ...invoice,
        forwarding: [...others, { ...entry, leaseUntil }],
        version: invoice.version + 1,
        updatedAt: now.toISOString(),
      };
    });
    if (!taken) return skipped as ForwardRunResult;
    const entry = forwardingOf(taken, job.connector) as Forwarding;

    const outcome = await attempt(deps, taken, entry);
    const at = deps.clock.now().toISOString();
    const settled = await changeInvoice(deps.invoices, job.tenantId, job.invoiceId, (invoice) => {
      const current = forwardingOf(invoice, job.connector);
      if (!isCurrent(current)) return undefined;
      const { leaseUntil: _released, ...rest } = current;
      return withForwarding(
        invoice,
        {
          ...rest,
          status: outcome.status,
          ...(outcome.registryNumber ? { registryNumber: outcome.registryNumber } : {}),
          ...(outcome.receiverStatus ? { receiverStatus: outcome.receiverStatus } : {}),
          ...(outcome.error ? { error: outcome.error } : {}),
          at,
        },
        at,
      );
    });
    if (!settled) return { status: 'skipped', reason: 'not-current' };
    const final = forwardingOf(settled, job.connector) as Forwarding;
    await deps.events?.publish([forwardedEvent(settled, final)]);
    return {
      status: final.status,
      ...(final.registryNumber ? { registryNumber: final.registryNumber } : {}),
    };
  };

/** Forwards once; never throws for the connector's or the credentials' sake (they are outcomes). */
async function attempt(
  deps: ForwardInvoiceDeps,
  invoice: Invoice,
  entry: Forwarding,
): Promise<Outcome> {
  const connector = deps.connectors.get(entry.connector);
  if (!connector) {
    return failed('connector-unavailable', `The ${entry.connector} connector is not configured`);
  }
  let credentials: ConnectorCredentials | undefined;
  if (connector.perUserCredentials) {
    const stored = entry.userId
      ? await deps.credentials.get(invoice.tenantId, entry.userId, entry.connector)
      : undefined;
    if (!stored) {
      return failed(
        'credentials-missing',
        `No credentials for ${entry.connector}: set them in your profile and forward again`,
      );
    }
    try {
      credentials = await openConnectorCredentials(deps.secrets, stored);
    } catch {
      return failed(
        'credentials-unreadable',
        `Your credentials for ${entry.connector} could not be read: set them again in your profile`,
      );
    }
  }
  let document: ForwardRequest['document'];
  try {
    document = await deps.document(invoice);
  } catch (error) {
    // The platform's own fault, not the receiver's: said as such, and forwarding again may do.
    return failed(
      'document-unavailable',
      `The invoice's document could not be read: ${String(error)}`,
    );
  }
  try {
    const result = await connector.forward({
      invoice,
      document,
      ...(credentials ? { credentials } : {}),
    });
    return result.status === 'delivered'
      ? {
          status: 'delivered',
          ...(result.registryNumber ? { registryNumber: result.registryNumber } : {}),
          ...(result.receiverStatus ? { receiverStatus: result.receiverStatus } : {}),
        }
      : {
          status: 'rejected',
          error: result.error ?? { code: 'rejected', message: 'Refused without a reason' },
          ...(result.receiverStatus ? { receiverStatus: result.receiverStatus } : {}),
        };
  } catch (error) {
    return failed('unreachable', error instanceof Error ? error.message : String(error));
  }
}

/** `invoice.forwarded`: one per settled attempt (its id names the attempt, so it is sent once). */
const forwardedEvent = (invoice: Invoice, f: Forwarding): DomainEvent => ({
  id: `invoice.forwarded:${invoice.id}:${f.connector}:${f.attempts}`,
  type: 'invoice.forwarded',
  tenantId: invoice.tenantId,
  occurredAt: f.at,
  data: {
    invoiceId: invoice.id,
    number: invoice.number,
    forwarding: forwardingView(f),
  },
});
