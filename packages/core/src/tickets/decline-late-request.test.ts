import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../errors.ts';
import type { Mail } from '../ports/mailer.ts';
import type { Tenant } from '../tenants/tenant.ts';
import {
  declinedRequestMail,
  declineLateRequest,
  type LateRequestDeclines,
} from './decline-late-request.ts';
import type { DeclinedLateRequest, Ticket } from './model.ts';

const NOW = new Date('2026-03-20T10:00:00Z');
const spanish = {
  id: 'ten_1',
  name: 'Bar SL',
  email: 'bar@example.es',
  language: 'es',
  timezone: 'Europe/Madrid',
  address: { line1: 'x', city: 'Madrid', postalCode: '28013', country: 'ES' },
} as Tenant;

const aTicket = (): Ticket => ({
  reference: 'T-1',
  date: '2026-01-14T11:00:00.000Z',
  soldAt: '2026-01-14T11:00:00.000Z',
  total: '12.10',
  currency: 'EUR',
  id: 'tkt_VC0x',
  tenantId: spanish.id,
  status: 'open',
  contentHash: 'h',
  importId: 'imp_1',
  createdAt: '2026-01-14T11:00:00.000Z',
  updatedAt: '2026-01-14T11:00:00.000Z',
  lateRequest: {
    buyer: { taxId: 'A58818501', name: 'Compras SA', postalCode: '08006' },
    email: 'compras@example.es',
    requestedAt: '2026-03-19T09:00:00.000Z',
  },
});

/** One ticket, declined as the repository does it (conditional on the request still there). */
class OneTicket implements LateRequestDeclines {
  constructor(public ticket: Ticket) {}
  async get() {
    return structuredClone(this.ticket);
  }
  async declineLate(_t: string, _r: string, declined: DeclinedLateRequest) {
    if (this.ticket.lateRequest?.requestedAt !== declined.requestedAt) return false;
    const { lateRequest: _, ...rest } = this.ticket;
    this.ticket = { ...rest, declinedLateRequest: declined };
    return true;
  }
  async undoDecline(_t: string, _r: string, declined: DeclinedLateRequest) {
    const { declinedAt: _a, reason: _b, ...request } = declined;
    const { declinedLateRequest: _, ...rest } = this.ticket;
    this.ticket = { ...rest, lateRequest: request };
  }
}

function setUp(mailer: (mail: Mail) => Promise<{ messageId: string }>) {
  const tickets = new OneTicket(aTicket());
  const decline = declineLateRequest({
    tickets,
    tenants: { get: async () => spanish },
    mailer: { send: mailer },
    clock: { now: () => NOW },
  });
  return { tickets, decline };
}

describe('declineLateRequest', () => {
  it('keeps the request as declined with the reason and mails the buyer, replying to the tenant', async () => {
    const sent: Mail[] = [];
    const { tickets, decline } = setUp(async (mail) => {
      sent.push(mail);
      return { messageId: 'm1' };
    });
    const ticket = await decline(spanish.id, 'T-1', '  Pagado con tarjeta de empresa  ');
    expect(ticket.lateRequest).toBeUndefined();
    expect(ticket.declinedLateRequest).toMatchObject({
      reason: 'Pagado con tarjeta de empresa',
      declinedAt: NOW.toISOString(),
      email: 'compras@example.es',
    });
    expect(tickets.ticket.status).toBe('open');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: ['compras@example.es'], replyTo: 'bar@example.es' });
    expect(sent[0]!.text).toContain('Pagado con tarjeta de empresa');
    await expect(decline(spanish.id, 'T-1', 'again')).rejects.toThrow(/declined already/);
  });

  it('puts the request back when the mail cannot be sent, so the buyer is never left untold', async () => {
    const { tickets, decline } = setUp(async () => {
      throw new Error('SES is down');
    });
    await expect(decline(spanish.id, 'T-1', 'No')).rejects.toThrow('SES is down');
    expect(tickets.ticket.lateRequest).toEqual(aTicket().lateRequest);
    expect(tickets.ticket.declinedLateRequest).toBeUndefined();
  });

  it('wants a reason, and a ticket its late request not being invoiced', async () => {
    const { tickets, decline } = setUp(async () => ({ messageId: 'm' }));
    await expect(decline(spanish.id, 'T-1', '   ')).rejects.toBeInstanceOf(ValidationError);
    tickets.ticket = { ...tickets.ticket, status: 'invoiced', invoiceId: 'inv_1' };
    await expect(decline(spanish.id, 'T-1', 'No')).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('declinedRequestMail', () => {
  const declined = { ...aTicket().lateRequest!, declinedAt: NOW.toISOString(), reason: 'Motivo' };
  it('is written in the tenant’s language, naming the tax id as its country does', () => {
    const en = declinedRequestMail({ ...spanish, language: 'en' }, aTicket(), declined);
    expect(en.subject).toBe('Bar SL declined your request for an invoice of ticket T-1');
    expect(en.text).toContain(
      'On 19 March 2026 you asked for an invoice of ticket T-1 (14 January 2026',
    );
    const ca = declinedRequestMail({ ...spanish, language: 'ca' }, aTicket(), declined);
    expect(ca.subject).toBe(
      'Bar SL no ha acceptat la vostra sol·licitud de factura del tiquet T-1',
    );
    const mx = declinedRequestMail(
      {
        ...spanish,
        timezone: 'America/Mexico_City',
        address: { ...spanish.address, country: 'MX' },
      },
      { ...aTicket(), currency: 'MXN' },
      { ...declined, buyer: { ...declined.buyer, taxId: 'MCI7306249Y6' } },
    );
    expect(mx.text).toContain('RFC MCI7306249Y6');
    expect(mx.text).toMatch(/^Buen día:/);
  });
});
