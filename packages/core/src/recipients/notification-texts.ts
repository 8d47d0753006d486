import type { Invoice } from '../invoices/model.ts';
import { fullStop, longDate, money } from '../shared/texts.ts';

/** What the mail links to: registration (with the email key) or the inbox of an account. */
export type RecipientNotificationLink =
  | { kind: 'register'; url: string; expiresAt: string }
  | { kind: 'inbox'; url: string }
  /** A tax id shared by many buyers (a generic RFC): no account can be made for it. */
  | { kind: 'none' };

/**
 * The mail that tells a customer an invoice was issued to it, in the invoice's language: issuer,
 * number, total and due date, and how to read it on the platform.
 */
export function recipientNotificationMail(
  invoice: Invoice,
  link: RecipientNotificationLink,
): { subject: string; text: string } {
  const lang = invoice.language;
  const n = invoice.number ?? '';
  const issuer = invoice.issuer.name;
  const total = money(invoice.totals.total, invoice.currency, lang);
  const due = invoice.payment?.dueDate ? longDate(invoice.payment.dueDate, lang) : undefined;
  const taxId = invoice.customer.taxId;
  const corrective = invoice.kind === 'corrective';
  switch (lang) {
    case 'ca': {
      const what = corrective ? 'la factura rectificativa' : 'la factura';
      return {
        subject: `${issuer} us ha enviat ${what} ${n}`,
        text: [
          'Bon dia,',
          '',
          `${issuer} us ha enviat ${what} ${n}, per un import de ${total}${due ? `, amb venciment el ${due}` : ''}.`,
          '',
          ...(link.kind === 'register'
            ? [
                `Registreu-vos a Sello per consultar i descarregar aquesta factura i totes les adreçades al vostre NIF ${taxId}:`,
                link.url,
                '',
                `${fullStop(`Per completar el registre també necessitareu la clau que us facilitarà ${issuer}`)} L'enllaç caduca el ${longDate(link.expiresAt, lang)}.`,
              ]
            : link.kind === 'inbox'
              ? ['La trobareu a la vostra safata de factures:', link.url]
              : [`${issuer} us l'enviarà per correu.`]),
          '',
          'Salutacions,',
          'Sello',
        ].join('\n'),
      };
    }
    case 'en': {
      const what = corrective ? 'corrective invoice' : 'invoice';
      return {
        subject: `${issuer} has sent you ${what} ${n}`,
        text: [
          'Hello,',
          '',
          `${issuer} has sent you ${what} ${n} for ${total}${due ? `, due on ${due}` : ''}.`,
          '',
          ...(link.kind === 'register'
            ? [
                `Register on Sello to read and download this invoice and every invoice addressed to your tax id ${taxId}:`,
                link.url,
                '',
                `To complete the registration you will also need the key that ${issuer} will give you. The link expires on ${longDate(link.expiresAt, lang)}.`,
              ]
            : link.kind === 'inbox'
              ? ['You will find it in your invoice inbox:', link.url]
              : [`${issuer} will send it to you by e-mail.`]),
          '',
          'Kind regards,',
          'Sello',
        ].join('\n'),
      };
    }
    default: {
      const what = corrective ? 'la factura rectificativa' : 'la factura';
      return {
        subject: `${issuer} le ha enviado ${what} ${n}`,
        text: [
          'Buenos días:',
          '',
          `${issuer} le ha enviado ${what} ${n}, por un importe de ${total}${due ? `, con vencimiento el ${due}` : ''}.`,
          '',
          ...(link.kind === 'register'
            ? [
                `Regístrese en Sello para consultar y descargar esta factura y todas las dirigidas a su NIF ${taxId}:`,
                link.url,
                '',
                `${fullStop(`Para completar el registro necesitará también la clave que le facilitará ${issuer}`)} El enlace caduca el ${longDate(link.expiresAt, lang)}.`,
              ]
            : link.kind === 'inbox'
              ? ['La encontrará en su bandeja de facturas:', link.url]
              : [`${issuer} se la enviará por correo electrónico.`]),
          '',
          'Un saludo,',
          'Sello',
        ].join('\n'),
      };
    }
  }
}
