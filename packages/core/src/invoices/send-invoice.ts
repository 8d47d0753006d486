import { ConflictError, ValidationError } from '../errors.ts';
import type { FormatCatalog } from '../formats/catalog.ts';
import type { Clock } from '../ports/clock.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { InvoiceDocuments } from './documents.ts';
import { getInvoice } from './get-invoice.ts';
import type { InvoiceRepository } from './invoice-repository.ts';
import { invoiceMail } from './mail-texts.ts';
import type { Invoice } from './model.ts';

/**
 * E-mails an issued invoice with the stored documents it has that are mailed (the PDF and the
 * signed Facturae, `.xsig` as Spanish platforms expect: the facts `formats` gives) in the
 * invoice's language, and records the delivery on the invoice.
 */
export const sendInvoice =
  (deps: {
    invoices: InvoiceRepository;
    documents: InvoiceDocuments;
    formats: FormatCatalog;
    mailer: Mailer;
    clock: Clock;
  }) =>
  async (tenantId: string, id: string, to?: string[]): Promise<Invoice> => {
    const invoice = await getInvoice(deps)(tenantId, id);
    if (invoice.status === 'draft') throw new ConflictError('Issue the invoice before sending it');
    if (invoice.status === 'void') throw new ConflictError('A voided invoice is not sent');
    const recipients = to ?? (invoice.customer.email ? [invoice.customer.email] : []);
    if (!recipients.length) {
      throw new ValidationError('No address to send to', [
        { path: 'to', message: 'The customer has no e-mail; give the addresses in `to`' },
      ]);
    }
    const formats = deps.formats.storedFor(invoice);
    const made = await deps.documents.ensure(invoice, formats);
    const { messageId } = await deps.mailer.send({
      to: recipients,
      ...invoiceMail(invoice),
      ...(invoice.issuer.email ? { replyTo: invoice.issuer.email } : {}),
      attachments: formats
        .filter((format) => deps.formats.facts(format).mailed)
        .map((format) => ({
          filename: deps.formats.fileName(invoice, format),
          contentType: deps.formats.facts(format).mediaType,
          content: made[format]!,
        })),
    });
    const at = deps.clock.now().toISOString();
    const next: Invoice = {
      ...invoice,
      status: invoice.status === 'issued' ? 'sent' : invoice.status,
      events: [...invoice.events, { at, type: 'sent', detail: { to: recipients, messageId } }],
      version: invoice.version + 1,
      updatedAt: at,
    };
    await deps.invoices.update(next);
    return next;
  };
