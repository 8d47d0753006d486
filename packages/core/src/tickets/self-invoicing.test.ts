import { describe, expect, it } from 'vitest';
import { sequentialIds } from '../../testing/catalog.ts';
import { InMemoryTickets } from '../../testing/tickets.ts';
import { IVA21, issued, line } from '../../testing/verifactu.ts';
import { ConflictError, RateLimitedError, UnprocessableError } from '../errors.ts';
import type { AttemptCounter } from '../recipients/model.ts';
import type { SelfInvoicingSettings } from '../settings/self-invoicing.ts';
import type { Tenant } from '../tenants/tenant.ts';
import type { Ticket } from './model.ts';
import {
  approveLateRequest,
  lastDayToInvoice,
  redeemTicket,
  type SelfInvoicingDeps,
  type TicketInvoicer,
} from './self-invoicing.ts';
import { contentHash, ticketId } from './validate.ts';

const NOW = new Date('2026-03-20T10:00:00Z');
const tenant = {
  id: 'ten_1',
  name: 'Bar SL',
  taxId: 'B12345674',
  timezone: 'Europe/Madrid',
  address: { line1: 'x', city: 'Madrid', postalCode: '28013', country: 'ES' },
} as Tenant;
const settings: SelfInvoicingSettings = {
  enabled: true,
  companyNumber: 'BAR-1',
  limit: { kind: 'naturalMonth' },
  afterLimit: 'refuse',
};

const aTicket = (reference: string, soldAt = '2026-03-14T11:00:00.000Z'): Ticket => {
  const input = {
    reference,
    date: soldAt,
    total: '12.10',
    currency: 'EUR',
    taxes: [{ type: 'IVA' as const, rate: '21', base: '10.00', amount: '2.10' }],
  };
  return {
    ...input,
    id: ticketId(reference),
    tenantId: tenant.id,
    status: 'open',
    soldAt,
    contentHash: contentHash(input),
    importId: 'imp_1',
    createdAt: soldAt,
    updatedAt: soldAt,
  };
};

class Counter implements AttemptCounter {
  readonly counts = new Map<string, number>();
  async take(subject: string, _w: number, _s: number, limit: number) {
    const n = this.counts.get(subject) ?? 0;
    if (n >= limit) return false;
    this.counts.set(subject, n + 1);
    return true;
  }
  async giveBack(subject: string) {
    this.counts.set(subject, (this.counts.get(subject) ?? 1) - 1);
  }
}

function setup(
  issue: TicketInvoicer['issue'] = async ({ invoiceId }) =>
    issued([line('x', '1', '10', IVA21)], { id: invoiceId }),
) {
  const tickets = new InMemoryTickets();
  const attempts = new Counter();
  const delivered: string[] = [];
  const deps: SelfInvoicingDeps = {
    directory: { tenantOfCompanyNumber: async (n) => (n === 'BAR-1' ? tenant.id : undefined) },
    settings: {
      get: async () => ({
        tenantId: tenant.id,
        notifications: { recipientsOnIssue: false },
        version: 1,
        selfInvoicing: settings,
      }),
    },
    tenants: { get: async () => tenant },
    tickets,
    attempts,
    clock: { now: () => NOW },
    ids: sequentialIds(),
    invoicers: { ES: { check: () => undefined, issue }, MX: { check: () => undefined, issue } },
    links: { linksFor: async () => ({ xml: '/x', pdf: '/p' }) },
    delivered: async (_t, invoice) => {
      delivered.push(invoice.id);
    },
  };
  return { tickets, attempts, delivered, deps, redeem: redeemTicket(deps) };
}

const input = (reference: string, total = '12.10') => ({
  reference,
  total,
  buyer: { taxId: 'A58818501', name: 'Cliente SA', postalCode: '08006' },
  email: 'a@b.example',
});

describe('lastDayToInvoice', () => {
  it('ends the natural month, N days after the sale, or never', () => {
    expect(lastDayToInvoice({ kind: 'naturalMonth' }, '2026-02-10')).toBe('2026-02-28');
    expect(lastDayToInvoice({ kind: 'naturalMonth' }, '2026-12-31')).toBe('2026-12-31');
    expect(lastDayToInvoice({ kind: 'days', days: 5 }, '2026-02-27')).toBe('2026-03-04');
    expect(lastDayToInvoice({ kind: 'none' }, '2026-02-27')).toBeUndefined();
  });
});

describe('redeemTicket', () => {
  it('claims, issues under the claimed id, confirms and delivers', async () => {
    const { tickets, delivered, redeem, attempts } = setup();
    tickets.put(aTicket('T1'));
    const out = await redeem('bar-1', input('T1', '12.1'), '203.0.113.1');
    expect('invoice' in out && out.invoice.id).toBe('inv_00000000000000000000000001');
    expect(await tickets.get(tenant.id, 'T1')).toMatchObject({
      status: 'invoiced',
      invoiceId: 'inv_00000000000000000000000001',
    });
    expect((await tickets.get(tenant.id, 'T1'))?.claimedAt).toBeUndefined();
    expect(delivered).toEqual(['inv_00000000000000000000000001']);
    // A match gives the rate-limit budgets back.
    expect([...attempts.counts.values()]).toEqual([0, 0]);
  });

  it('releases the claim when issuing fails, so the ticket can be invoiced again', async () => {
    const { tickets, redeem } = setup(async () => {
      throw new Error('signing down');
    });
    tickets.put(aTicket('T1'));
    await expect(redeem('BAR-1', input('T1'), undefined)).rejects.toThrow('signing down');
    expect(await tickets.get(tenant.id, 'T1')).toMatchObject({ status: 'open' });
    expect((await tickets.get(tenant.id, 'T1'))?.invoiceId).toBeUndefined();
  });

  it('takes over a claim a redemption left pending for more than two minutes', async () => {
    const { tickets, redeem } = setup();
    tickets.put({
      ...aTicket('T1'),
      status: 'invoiced',
      invoiceId: 'inv_dead',
      claimedAt: new Date(NOW.getTime() - 5 * 60_000).toISOString(),
    });
    const out = await redeem('BAR-1', input('T1'), undefined);
    expect('invoice' in out && out.invoice.id).not.toBe('inv_dead');
  });

  it('answers a fresh claim of another redemption with 409 naming its invoice', async () => {
    const { tickets, redeem } = setup();
    tickets.put({
      ...aTicket('T1'),
      status: 'invoiced',
      invoiceId: 'inv_other',
      claimedAt: new Date(NOW.getTime() - 10_000).toISOString(),
    });
    const refused = redeem('BAR-1', input('T1'), undefined);
    await expect(refused).rejects.toBeInstanceOf(ConflictError);
    await expect(refused).rejects.toMatchObject({
      errors: [{ path: 'reference', message: 'Already invoiced: inv_other' }],
    });
  });

  it('keeps failed guesses against the budgets until they are spent', async () => {
    const { tickets, redeem } = setup();
    tickets.put(aTicket('T1'));
    for (let i = 0; i < 10; i++) {
      await expect(redeem('BAR-1', input('T1', '1.00'), '203.0.113.9')).rejects.toBeInstanceOf(
        UnprocessableError,
      );
    }
    await expect(redeem('BAR-1', input('T1'), '203.0.113.9')).rejects.toBeInstanceOf(
      RateLimitedError,
    );
  });

  it('refuses a ticket of last month, saying until when', async () => {
    const { tickets, redeem } = setup();
    tickets.put(aTicket('T1', '2026-02-27T11:00:00.000Z'));
    await expect(redeem('BAR-1', input('T1'), undefined)).rejects.toMatchObject({
      errors: [{ path: 'reference', message: 'Could be invoiced until 2026-02-28' }],
    });
  });
});

describe('a ticket already in a global invoice', () => {
  const inGlobal = (): Ticket => ({
    ...aTicket('T1', '2026-02-27T11:00:00.000Z'),
    status: 'global',
    globalInvoiceId: 'glb_2026-02',
  });

  it('is refused on the public page: past its month the limit speaks first, and nothing is issued', async () => {
    const { tickets, redeem } = setup();
    tickets.put(inGlobal());
    await expect(redeem('BAR-1', input('T1'), undefined)).rejects.toMatchObject({
      errors: [{ path: 'reference', message: 'Could be invoiced until 2026-02-28' }],
    });
    expect((await tickets.get(tenant.id, 'T1'))?.status).toBe('global');
  });

  it('an approved late request goes through the global reissue, then is delivered', async () => {
    const { tickets, deps, delivered } = setup();
    tickets.put({
      ...inGlobal(),
      lateRequest: {
        buyer: input('T1').buyer,
        email: 'a@b.example',
        requestedAt: NOW.toISOString(),
      },
    });
    const calls: string[] = [];
    const approve = approveLateRequest({
      ...deps,
      fromGlobal: async (tenantId, reference, invoiceId, issue) => {
        calls.push(`${tenantId}/${reference}/${invoiceId}`);
        return { invoice: await issue() };
      },
    });
    const out = await approve(tenant.id, 'T1');
    expect(calls).toEqual([`${tenant.id}/T1/${out.invoice.id}`]);
    expect(delivered).toEqual([out.invoice.id]);
  });
});

describe('approveLateRequest', () => {
  it('loses to a decline that lands between its read and its claim: 409, nothing issued', async () => {
    const issuedIds: string[] = [];
    const { tickets, deps } = setup(async ({ invoiceId }) => {
      issuedIds.push(invoiceId);
      return issued([line('x', '1', '10', IVA21)], { id: invoiceId });
    });
    const late = {
      ...aTicket('T1'),
      lateRequest: {
        buyer: input('T1').buyer,
        email: 'a@b.example',
        requestedAt: '2026-04-02T09:00:00.000Z',
      },
    };
    tickets.put(late);
    // The tenant's other tab declines it right after this approval read the ticket.
    const claim = tickets.claim.bind(tickets);
    tickets.claim = async (...args) => {
      const { lateRequest: _, ...declined } = late;
      tickets.put(declined);
      return claim(...args);
    };
    await expect(approveLateRequest(deps)(tenant.id, 'T1')).rejects.toThrow(
      'The late request of ticket T1 was declined meanwhile',
    );
    expect(issuedIds).toEqual([]);
    expect((await tickets.get(tenant.id, 'T1'))?.status).toBe('open');
  });
});
