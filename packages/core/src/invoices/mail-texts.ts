import { longDate, money } from '../shared/texts.ts';
import type { Invoice } from './model.ts';

/** Subject and body of the mail that carries an invoice, in the invoice's language. */
export function invoiceMail(invoice: Invoice): { subject: string; text: string } {
  const n = invoice.number ?? '';
  const total = money(invoice.totals.total, invoice.currency, invoice.language);
  const issuer = invoice.issuer.name;
  const due = invoice.payment?.dueDate
    ? longDate(invoice.payment.dueDate, invoice.language)
    : undefined;
  const kind = invoice.kind === 'corrective';
  switch (invoice.language) {
    case 'ca':
      return {
        subject: `${kind ? 'Factura rectificativa' : 'Factura'} ${n} de ${issuer}`,
        text: [
          'Bon dia,',
          '',
          `Us adjuntem la ${kind ? 'factura rectificativa' : 'factura'} ${n} de ${issuer}, per un import de ${total}${due ? `, amb venciment el ${due}` : ''}.`,
          'Trobareu el PDF i la factura electrònica signada (Facturae) adjunts.',
          '',
          'Salutacions,',
          issuer,
        ].join('\n'),
      };
    case 'en':
      return {
        subject: `${kind ? 'Corrective invoice' : 'Invoice'} ${n} from ${issuer}`,
        text: [
          'Hello,',
          '',
          `Please find attached ${kind ? 'corrective invoice' : 'invoice'} ${n} from ${issuer} for ${total}${due ? `, due on ${due}` : ''}.`,
          'The PDF and the signed electronic invoice (Facturae) are attached.',
          '',
          'Kind regards,',
          issuer,
        ].join('\n'),
      };
    default:
      return {
        subject: `${kind ? 'Factura rectificativa' : 'Factura'} ${n} de ${issuer}`,
        text: [
          'Buenos días:',
          '',
          `Le adjuntamos la ${kind ? 'factura rectificativa' : 'factura'} ${n} de ${issuer}, por un importe de ${total}${due ? `, con vencimiento el ${due}` : ''}.`,
          'Encontrará adjuntos el PDF y la factura electrónica firmada (Facturae).',
          '',
          'Un saludo,',
          issuer,
        ].join('\n'),
      };
  }
}
