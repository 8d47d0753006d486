import type { Invoice } from '../invoices/model.ts';
import type { Language } from '../parties/party.ts';
import type { ChangeRequest, ChangeRequestType } from './model.ts';

type Mail = { subject: string; text: string };

const TYPE_NAMES: Record<Language, Record<ChangeRequestType, string>> = {
  es: { cancel: 'anulación', correctData: 'corrección de datos', split: 'división' },
  ca: { cancel: 'anul·lació', correctData: 'correcció de dades', split: 'divisió' },
  en: { cancel: 'cancellation', correctData: 'data correction', split: 'split' },
};

/** The console page of a request: what the support mail links to. */
export const changeRequestLink = (portalUrl: string, id: string) =>
  `${portalUrl.replace(/\/+$/, '')}/change-requests/${encodeURIComponent(id)}`;

const whoAsked = (r: ChangeRequest, language: Language) => {
  const by = r.requestedBy;
  const label = {
    es: { staff: 'personal', key: 'la API', recipient: 'el cliente' },
    ca: { staff: 'personal', key: "l'API", recipient: 'el client' },
    en: { staff: 'staff', key: 'the API', recipient: 'the customer' },
  }[language][by.kind];
  return by.email ? `${label} (${by.email})` : label;
};

/** To the tenant's support mailbox, in the tenant's language, with the console link. */
export function supportMail(
  language: Language,
  r: ChangeRequest,
  invoice: Pick<Invoice, 'customer'>,
  link: string,
): Mail {
  const type = TYPE_NAMES[language][r.type];
  const customer = `${invoice.customer.name} (${invoice.customer.taxId})`;
  const who = whoAsked(r, language);
  switch (language) {
    case 'ca':
      return {
        subject: `Sol·licitud de ${type} de la factura ${r.invoiceNumber}`,
        text: [
          `${customer} demana una ${type} de la factura ${r.invoiceNumber} (sol·licitada per ${who}):`,
          '',
          r.message,
          '',
          `Resoleu-la a la consola: ${link}`,
        ].join('\n'),
      };
    case 'en':
      return {
        subject: `Request for a ${type} of invoice ${r.invoiceNumber}`,
        text: [
          `${customer} asks for a ${type} of invoice ${r.invoiceNumber} (asked by ${who}):`,
          '',
          r.message,
          '',
          `Resolve it in the console: ${link}`,
        ].join('\n'),
      };
    default:
      return {
        subject: `Solicitud de ${type} de la factura ${r.invoiceNumber}`,
        text: [
          `${customer} pide una ${type} de la factura ${r.invoiceNumber} (solicitada por ${who}):`,
          '',
          r.message,
          '',
          `Resuélvala en la consola: ${link}`,
        ].join('\n'),
      };
  }
}

/**
 * To the customer, in the invoice's language: the request was done, with the numbers of the new
 * invoices (attached) when a correction made any.
 */
export function doneMail(original: Invoice, r: ChangeRequest, numbers: string[]): Mail {
  const issuer = original.issuer.name;
  const n = r.invoiceNumber;
  const list = numbers.join(', ');
  switch (original.language) {
    case 'ca':
      return {
        subject: `${issuer} ha atès la vostra sol·licitud sobre la factura ${n}`,
        text: [
          'Bon dia,',
          '',
          `${issuer} ha atès la vostra sol·licitud de ${TYPE_NAMES.ca[r.type]} de la factura ${n}.`,
          ...(numbers.length
            ? [`Us adjuntem els documents nous: ${list} (PDF i factura electrònica).`]
            : []),
          '',
          'Salutacions,',
          issuer,
        ].join('\n'),
      };
    case 'en':
      return {
        subject: `${issuer} has done what you asked about invoice ${n}`,
        text: [
          'Hello,',
          '',
          `${issuer} has completed your request for a ${TYPE_NAMES.en[r.type]} of invoice ${n}.`,
          ...(numbers.length
            ? [`The new documents are attached: ${list} (PDF and electronic invoice).`]
            : []),
          '',
          'Kind regards,',
          issuer,
        ].join('\n'),
      };
    default:
      return {
        subject: `${issuer} ha atendido su solicitud sobre la factura ${n}`,
        text: [
          'Buenos días:',
          '',
          `${issuer} ha atendido su solicitud de ${TYPE_NAMES.es[r.type]} de la factura ${n}.`,
          ...(numbers.length
            ? [`Le adjuntamos los documentos nuevos: ${list} (PDF y factura electrónica).`]
            : []),
          '',
          'Un saludo,',
          issuer,
        ].join('\n'),
      };
  }
}

/** To the customer, in the invoice's language: the request was declined, and why. */
export function declinedMail(original: Invoice, r: ChangeRequest): Mail {
  const issuer = original.issuer.name;
  const n = r.invoiceNumber;
  const reason = r.reason ?? '';
  switch (original.language) {
    case 'ca':
      return {
        subject: `${issuer} no ha acceptat la vostra sol·licitud sobre la factura ${n}`,
        text: [
          'Bon dia,',
          '',
          `${issuer} no ha acceptat la vostra sol·licitud de ${TYPE_NAMES.ca[r.type]} de la factura ${n}. Motiu:`,
          '',
          reason,
          '',
          'Per a qualsevol aclariment, responeu a aquest correu.',
          '',
          'Salutacions,',
          issuer,
        ].join('\n'),
      };
    case 'en':
      return {
        subject: `${issuer} declined your request about invoice ${n}`,
        text: [
          'Hello,',
          '',
          `${issuer} declined your request for a ${TYPE_NAMES.en[r.type]} of invoice ${n}. The reason:`,
          '',
          reason,
          '',
          'Reply to this e-mail if you have any question.',
          '',
          'Kind regards,',
          issuer,
        ].join('\n'),
      };
    default:
      return {
        subject: `${issuer} no ha aceptado su solicitud sobre la factura ${n}`,
        text: [
          'Buenos días:',
          '',
          `${issuer} no ha aceptado su solicitud de ${TYPE_NAMES.es[r.type]} de la factura ${n}. Motivo:`,
          '',
          reason,
          '',
          'Para cualquier aclaración, responda a este correo.',
          '',
          'Un saludo,',
          issuer,
        ].join('\n'),
      };
  }
}
