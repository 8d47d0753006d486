import { triggered } from '@sello/contracts';
import { resolveLines } from '@sello/core/catalog';
import type { AfterIssue, InvoiceDeps } from '@sello/core/invoices';
import * as core from '@sello/core/invoices';
import { type IdGenerator, systemClock, ulidIds } from '@sello/core/ports';
import { logger } from '@sello/http';
import { cachedFor } from './cache.ts';
import { lazyStamp } from './cfdi.ts';
import { verifactuConfig } from './config.ts';
import { documentReader, documentServices, invokedDocuments } from './documents.ts';
import { formats } from './formats.ts';
import { invoker } from './invoker.ts';
import { mailer, textMailer } from './mail.ts';
import { recipientNotifier } from './recipients.ts';
import { repositories } from './repositories.ts';
import { webhookEvents } from './webhooks.ts';

/**
 * How long a container trusts what it read of a tenant's profile and series list. Series never
 * change once created (a code not yet seen is read again, see `chooseSeries`); the profile is
 * what an invoice issued in the next seconds freezes as its issuer, so the window stays short.
 */
export const PROFILE_TTL_MS = 5_000;

let cached: Pick<InvoiceDeps, 'tenants' | 'series'> | undefined;

/** Tenants and series behind the per-container cache; writes go straight through. */
export function cachedProfile(): Pick<InvoiceDeps, 'tenants' | 'series'> {
  if (!cached) {
    const { tenants, series } = repositories();
    const tenant = cachedFor(PROFILE_TTL_MS, (id) => tenants.get(id));
    const seriesOf = cachedFor(PROFILE_TTL_MS, (tenantId) => series.list(tenantId));
    cached = {
      tenants: { get: tenant.get, create: (t, key) => tenants.create(t, key) },
      series: {
        list: (tenantId, options) => {
          if (options?.fresh) seriesOf.forget(tenantId);
          return seriesOf.get(tenantId);
        },
        get: (tenantId, code) => series.get(tenantId, code),
        create: async (tenantId, created) => {
          await series.create(tenantId, created);
          seriesOf.forget(tenantId);
        },
      },
    };
  }
  return cached;
}

/** The invoice use cases' dependencies over DynamoDB, with catalog prices for product lines. */
export function invoiceDeps(): InvoiceDeps {
  const r = repositories();
  const verifactu = verifactuConfig();
  return {
    invoices: r.invoices,
    ...cachedProfile(),
    customers: r.customers,
    resolveLines: resolveLines(r),
    paymentDefaults: async (tenantId) => (await r.settings.get(tenantId))?.payment,
    deposits: r.deposits,
    depositTreatment: async (tenantId) => (await r.settings.get(tenantId))?.deposits,
    clock: systemClock,
    ids: ulidIds,
    ...(verifactu ? { verifactu: { system: verifactu.system } } : {}),
    centres: r.centres,
    staffCentres: async (userId) => (await r.memberships.getByUser(userId))?.centreIds,
  };
}

/** Hands just-numbered invoices to `processIssuedInvoices` (declare it in the route's `invokes`). */
export const afterIssue = (): AfterIssue => ({
  handOver: (tenantId, invoiceIds) =>
    invoker().handOver(triggered.processIssuedInvoices.id, { tenantId, invoiceIds }),
});

/**
 * Hands invoices just numbered to the post-issue step; a failure to hand over is logged, not
 * raised (the documents are then made on first read).
 */
export const issuedHandOver = () => core.handOverIssued(afterIssue(), logger);

export const createInvoice = () => core.createInvoice(invoiceDeps());

export const updateInvoice = () => core.updateInvoice(invoiceDeps());

export const getInvoice = () => core.getInvoice({ invoices: repositories().invoices });

export const listInvoices = () => core.listInvoices({ invoices: repositories().invoices });

export const deleteInvoice = () => core.deleteInvoice({ invoices: repositories().invoices });

/**
 * Numbers the draft, nothing more: a Mexican one is left pending and stamped by the post-issue
 * step. For the public self-invoicing routes, which must hold no key to sign with.
 */
export const numberInvoice = () => core.issueInvoice(invoiceDeps());

/** Numbers the draft; a Mexican one is then stamped in the same request (see `stampIssued`). */
export const issueInvoice = () => {
  const issue = core.issueInvoice(invoiceDeps());
  const stamp = core.stampIssued(lazyStamp);
  return async (tenantId: string, id: string) => stamp(await issue(tenantId, id));
};

/**
 * `ids`: where the new invoices' ids come from (a change request's correction derives them from
 * the request, so a retry finds what it issued).
 */
export const cancelInvoice = (ids?: IdGenerator) =>
  core.cancelInvoice({ ...invoiceDeps(), ...(ids ? { ids } : {}) });

/** A corrective is issued as any invoice is: a Mexican one is stamped in the same request. */
export const rectifyInvoice = (ids?: IdGenerator) => {
  const rectify = core.rectifyInvoice({ ...invoiceDeps(), ...(ids ? { ids } : {}) });
  const stamp = core.stampIssued(lazyStamp);
  return async (...args: Parameters<typeof rectify>) => {
    const result = await rectify(...args);
    return { ...result, corrective: await stamp(result.corrective) };
  };
};

/** The corrective and the replacements of a split are stamped in the request too (Mexico). */
export const splitInvoice = (ids?: IdGenerator) => {
  const split = core.splitInvoice({ ...invoiceDeps(), ...(ids ? { ids } : {}) });
  const stamp = core.stampIssued(lazyStamp);
  return async (...args: Parameters<typeof split>) => {
    const result = await split(...args);
    return {
      ...result,
      corrective: await stamp(result.corrective),
      replacements: await Promise.all(result.replacements.map(stamp)),
    };
  };
};

export const voidInvoice = () => core.voidInvoice(invoiceDeps());

export const createSeries = () =>
  core.createSeries({ series: repositories().series, clock: systemClock });

export const listSeries = () =>
  core.listSeries({ series: repositories().series, clock: systemClock });

/** Mails the stored documents, made first where missing by `ensureInvoiceDocuments`. */
export const sendInvoice = () =>
  core.sendInvoice({
    invoices: repositories().invoices,
    documents: invokedDocuments,
    formats,
    mailer: mailer(),
    clock: systemClock,
  });

export const getInvoiceDocument = () =>
  core.getInvoiceDocument({ invoices: repositories().invoices, ...documentReader() });

/** The invoices, and their stored documents, signed and stored first where missing. */
export const ensureInvoiceDocuments = () => ({
  invoices: repositories().invoices,
  documents: core.storedDocuments(documentServices()),
});

/**
 * What happens after invoices are numbered, in this order: documents first, so the buyer's mail
 * and the ERPs' webhooks find them stored; then the buyer's notification; then the webhooks.
 * Each step is idempotent: a failed run is retried whole.
 */
export const processIssuedInvoices = () => {
  const run = core.processIssuedInvoices({
    invoices: repositories().invoices,
    subscribers: [
      core.stampPending(lazyStamp),
      core.storeDocuments(documentServices()),
      recipientNotifier(textMailer()),
      core.publishIssuedInvoices(webhookEvents()),
    ],
  });
  /**
   * `thenSendTo`: a self-invoice's buyer, mailed once the step has run, so the mail attaches the
   * documents it stored; also after a failed step (the mail makes what is missing), since the
   * platform's retry of the step finds the mail sent and sends nothing more.
   */
  return async (tenantId: string, invoiceIds: readonly string[], thenSendTo?: string) => {
    try {
      return await run(tenantId, invoiceIds);
    } finally {
      if (thenSendTo) {
        for (const invoiceId of invoiceIds) {
          await invoker()
            .handOver(triggered.sendSelfInvoice.id, { tenantId, invoiceId, email: thenSendTo })
            .catch((error) =>
              logger.error('could not hand the self-invoice mail over', {
                tenantId,
                invoiceId,
                error,
              }),
            );
        }
      }
    }
  };
};
