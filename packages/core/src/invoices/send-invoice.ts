import { ConflictError, ValidationError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { Mailer } from '../ports/mailer.ts';
import {
  CONTENT_TYPES,
  documentBaseName,
  FILE_EXTENSIONS,
  type InvoiceDocuments,
  storedFormatsOf,
} from './documents.ts';
import { getInvoice } from './get-invoice.ts';
import type { InvoiceRepository } from './invoice-repository.ts';
import { invoiceMail } from './mail-texts.ts';
import type { Invoice } from './model.ts';

/**
 * E-mails an issued invoice with its PDF and signed Facturae (`.xsig`, the extension Spanish
 * platforms expect) in the invoice's language, and records the delivery on the invoice.
 */
export const sendInvoice =
  (deps: {
    invoices: InvoiceRepository;
    documents: InvoiceDocuments;
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
    const made = await deps.documents.ensure(invoice, storedFormatsOf(invoice));
    const file = documentBaseName(invoice);
    const { messageId } = await deps.mailer.send({
      to: recipients,
      ...invoiceMail(invoice),
      ...(invoice.issuer.email ? { replyTo: invoice.issuer.email } : {}),
      attachments: [
        {
          filename: `${file}.${FILE_EXTENSIONS.pdf}`,
          contentType: CONTENT_TYPES.pdf,
          content: made.pdf,
        },
        ...(made.facturae
          ? [
              {
                filename: `${file}.${FILE_EXTENSIONS.facturae}`,
                contentType: CONTENT_TYPES.facturae,
                content: made.facturae,
              },
            ]
          : []),
      ],
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
