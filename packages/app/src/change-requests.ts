import type { Actor } from '@sello/core/change-requests';
import * as core from '@sello/core/change-requests';
import { systemClock, ulidIds } from '@sello/core/ports';
import type { StaffPrincipal } from '@sello/core/staff';
import type { TenantPrincipal } from '@sello/core/tenants';
import { logger } from '@sello/http';
import { cancelCfdi } from './cfdi.ts';
import { portalUrl } from './config.ts';
import { invokedDocuments } from './documents.ts';
import { formats } from './formats.ts';
import {
  cancelInvoice,
  deleteInvoice,
  issuedHandOver,
  issueInvoice,
  rectifyInvoice,
  splitInvoice,
} from './invoices.ts';
import { mailer, textMailer } from './mail.ts';
import { repositories } from './repositories.ts';
import { webhookEvents } from './webhooks.ts';

/**
 * The change requests' operations. They take who acts as an `Actor`, so a route of another auth
 * kind (the customer's own, as a registered recipient) reuses them with `{kind: 'recipient', …}`.
 */
const r = () => repositories();

/** Who calls a tenant route: a staff member (token) or a system (API key). */
export const actorOf = (principal: TenantPrincipal | StaffPrincipal): Actor =>
  principal.kind === 'staff'
    ? { kind: 'staff', id: principal.userId, email: principal.email }
    : { kind: 'key', id: principal.keyId };

export const createChangeRequest = () =>
  core.createChangeRequest({
    requests: r().changeRequests,
    invoices: r().invoices,
    tenants: r().tenants,
    supportEmail: async (tenantId) => (await r().settings.get(tenantId))?.support?.email,
    portalUrl: portalUrl(),
    mailer: textMailer(),
    events: webhookEvents(),
    log: logger,
    clock: systemClock,
    ids: ulidIds,
  });

export const getChangeRequest = () => core.getChangeRequest({ requests: r().changeRequests });

export const listChangeRequests = () => core.listChangeRequests({ requests: r().changeRequests });

/** The invoices' own operations over the request's derived ids, as their routes run them. */
const corrections = (ids: Parameters<typeof rectifyInvoice>[0]): core.Corrections => {
  const del = deleteInvoice();
  return {
    rectify: rectifyInvoice(ids),
    cancel: cancelInvoice(ids),
    cancelCfdi: cancelCfdi(),
    split: splitInvoice(ids),
    issue: issueInvoice(),
    deleteDraft: (tenantId, id) => del(tenantId, id),
  };
};

/** What resolving runs on (a test may stand in one part, e.g. a request store that fails). */
export const resolveChangeRequestDeps = (): core.ResolveChangeRequestDeps => ({
  requests: r().changeRequests,
  invoices: r().invoices,
  corrections,
  afterIssue: issuedHandOver(),
  documents: invokedDocuments,
  formats,
  mailer: mailer(),
  events: webhookEvents(),
  log: logger,
  clock: systemClock,
  ids: ulidIds,
});

export const resolveChangeRequest = () => core.resolveChangeRequest(resolveChangeRequestDeps());
