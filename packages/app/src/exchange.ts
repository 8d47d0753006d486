import * as core from '@sello/core/exchange';
import { systemClock, ulidIds } from '@sello/core/ports';
import { parseDocument } from '@sello/formats/parse';
import { logger } from '@sello/http';
import { artifactStore, documentReader } from './documents.ts';
import { formats } from './formats.ts';
import { issuedHandOver } from './invoices.ts';
import { repositories } from './repositories.ts';
import { webhookEvents } from './webhooks.ts';

/** The buyer's inbox across issuers, and the import of invoices issued elsewhere. */
const r = () => repositories();

export const listInbox = () =>
  core.listInbox({ inbox: r().inbox, invoices: r().invoices, tenants: r().tenants });

export const getInboxInvoice = () =>
  core.getInboxInvoice({ invoices: r().invoices, tenants: r().tenants });

export const getInboxDocument = () =>
  core.getInboxDocument({ invoices: r().invoices, tenants: r().tenants, ...documentReader() });

export const setInboxStatus = () =>
  core.setInboxStatus({
    invoices: r().invoices,
    tenants: r().tenants,
    clock: systemClock,
    events: webhookEvents(),
    report: (error) => logger.error('status change not published', { error: error as Error }),
  });

/** Keeps each original byte for byte and delivers it like an invoice issued here. */
export const importInvoices = () =>
  core.importInvoices({
    reader: { read: async (bytes) => parseDocument(bytes) },
    imports: r().imports,
    tenants: r().tenants,
    customers: r().customers,
    artifacts: artifactStore(),
    formats,
    clock: systemClock,
    ids: ulidIds,
    report: (error) => logger.error('import not announced', { error: error as Error }),
    events: webhookEvents(),
    // Delivered like an invoice issued here: documents, the buyer's mail, the webhooks.
    onIssued: issuedHandOver(),
  });
