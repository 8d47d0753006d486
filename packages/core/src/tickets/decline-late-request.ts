import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { Mailer } from '../ports/mailer.ts';
import { todayIn } from '../shared/dates.ts';
import { longDate, money } from '../shared/texts.ts';
import type { Tenant, TenantRepository } from '../tenants/tenant.ts';
import type { DeclinedLateRequest, Ticket, TicketRepository } from './model.ts';
import { jurisdictionOf } from './self-invoicing.ts';

/** Where a declined late request is kept: off `lateRequest`, so nothing reads it as pending. */
export interface LateRequestDeclines {
  /**
   * The pending late request made at `declined.requestedAt` → `declinedLateRequest`, on a ticket
   * no invoice claimed; false when that request is no longer pending (approved, declined, or
   * being invoiced). One conditional write.
   */
  declineLate(tenantId: string, reference: string, declined: DeclinedLateRequest): Promise<boolean>;
  /** Puts back the request `declined` took off (its mail could not be sent). */
  undoDecline(tenantId: string, reference: string, declined: DeclinedLateRequest): Promise<void>;
}

export interface DeclineLateRequestDeps {
  tickets: Pick<TicketRepository, 'get'> & LateRequestDeclines;
  tenants: Pick<TenantRepository, 'get'>;
  mailer: Mailer;
  clock: Clock;
}

export const DECLINE_REASON_MAX = 500;

/**
 * The tenant declines a buyer's late request, saying why: the request is kept as declined (never
 * approvable afterwards), the ticket stays as it was (open, so a Mexican one goes into the month's
 * global; or in its global), and the buyer is told by e-mail in the tenant's language. A decline
 * stands only once the buyer was told: when the mail cannot be sent, the request is put back and
 * the error thrown, so the tenant can try again.
 */
export const declineLateRequest =
  (deps: DeclineLateRequestDeps) =>
  async (tenantId: string, reference: string, reason: string): Promise<Ticket> => {
    const why = reason.trim();
    if (!why || why.length > DECLINE_REASON_MAX) {
      throw new ValidationError('A reason is needed', [
        { path: 'reason', message: `Say why, in 1 to ${DECLINE_REASON_MAX} characters` },
      ]);
    }
    const [tenant, ticket] = await Promise.all([
      deps.tenants.get(tenantId),
      deps.tickets.get(tenantId, reference),
    ]);
    if (!tenant || !ticket) throw new NotFoundError('Ticket', reference);
    const request = ticket.lateRequest;
    if (!request) {
      throw new ConflictError(
        ticket.declinedLateRequest
          ? `The late request for ticket ${reference} was declined already`
          : `Ticket ${reference} has no late request to decline`,
      );
    }
    if (ticket.status === 'invoiced') {
      throw new ConflictError(`Ticket ${reference} is being invoiced to its late buyer`);
    }
    const declined: DeclinedLateRequest = {
      ...request,
      declinedAt: deps.clock.now().toISOString(),
      reason: why,
    };
    if (!(await deps.tickets.declineLate(tenantId, reference, declined))) {
      throw new ConflictError(`The late request for ticket ${reference} is no longer pending`);
    }
    try {
      await deps.mailer.send({
        to: [request.email],
        ...declinedRequestMail(tenant, ticket, declined),
        replyTo: tenant.email,
      });
    } catch (error) {
      await deps.tickets.undoDecline(tenantId, reference, declined);
      throw error;
    }
    const { lateRequest: _answered, ...rest } = ticket;
    return { ...rest, declinedLateRequest: declined, updatedAt: declined.declinedAt };
  };

/**
 * The buyer's mail, in the tenant's language (the buyer typed on the tenant's page); Mexican
 * tenants name the tax id RFC. The tenant's address is the reply-to, for the buyer's answer.
 */
export function declinedRequestMail(
  tenant: Pick<Tenant, 'name' | 'language' | 'timezone' | 'address'>,
  ticket: Pick<Ticket, 'reference' | 'total' | 'currency' | 'soldAt'>,
  declined: DeclinedLateRequest,
): { subject: string; text: string } {
  const lang = tenant.language;
  const mexican = jurisdictionOf(tenant) === 'MX';
  const who = tenant.name;
  const ref = ticket.reference;
  const total = money(ticket.total, ticket.currency, lang);
  const sold = longDate(todayIn(tenant.timezone, new Date(ticket.soldAt)), lang);
  const asked = longDate(todayIn(tenant.timezone, new Date(declined.requestedAt)), lang);
  const buyer = declined.buyer;
  switch (lang) {
    case 'ca':
      return {
        subject: `${who} no ha acceptat la vostra sol·licitud de factura del tiquet ${ref}`,
        text: [
          'Bon dia,',
          '',
          `El ${asked} vau sol·licitar la factura del tiquet ${ref} (${sold}, ${total}) a nom de ${buyer.name}, ${mexican ? 'RFC' : 'NIF'} ${buyer.taxId}, fora del termini per fer-la en línia.`,
          `${who} no l'ha acceptada. Motiu:`,
          '',
          declined.reason,
          '',
          'Per a qualsevol aclariment, responeu a aquest correu.',
          '',
          'Salutacions,',
          'Sello',
        ].join('\n'),
      };
    case 'en':
      return {
        subject: `${who} declined your request for an invoice of ticket ${ref}`,
        text: [
          'Hello,',
          '',
          `On ${asked} you asked for an invoice of ticket ${ref} (${sold}, ${total}) in the name of ${buyer.name}, ${mexican ? 'RFC' : 'tax id'} ${buyer.taxId}, after the period to get it online.`,
          `${who} declined it. The reason:`,
          '',
          declined.reason,
          '',
          'Reply to this e-mail if you have any question.',
          '',
          'Kind regards,',
          'Sello',
        ].join('\n'),
      };
    default:
      return {
        subject: `${who} no ha aceptado su solicitud de factura del ticket ${ref}`,
        text: [
          mexican ? 'Buen día:' : 'Buenos días:',
          '',
          `El ${asked} solicitó la factura del ticket ${ref} (${sold}, ${total}) a nombre de ${buyer.name}, ${mexican ? 'RFC' : 'NIF'} ${buyer.taxId}, fuera del plazo para obtenerla en línea.`,
          `${who} no la ha aceptado. Motivo:`,
          '',
          declined.reason,
          '',
          'Para cualquier aclaración, responda a este correo.',
          '',
          'Un saludo,',
          'Sello',
        ].join('\n'),
      };
  }
}
