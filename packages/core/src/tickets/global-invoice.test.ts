import { describe, expect, it } from 'vitest';
import { InMemoryTickets } from '../../testing/tickets.ts';
import { ConflictError } from '../errors.ts';
import { type CancellationRequest, PacRejectedError, PacUnavailableError } from '../ports/pac.ts';
import type { CsdIdentity } from '../signing/csd-identity.ts';
import type { Tenant } from '../tenants/tenant.ts';
import {
  closeDueGlobals,
  closeGlobalPeriod,
  formaPagoOf,
  type GlobalDocument,
  type GlobalInvoiceDeps,
  type GlobalInvoiceRecord,
  type GlobalInvoiceRepository,
  invoiceFromGlobal,
  previousMonth,
  saleOf,
} from './global-invoice.ts';
import type { Ticket } from './model.ts';
import { contentHash, ticketId } from './validate.ts';

const tenant = {
  id: 'ten_mx',
  name: 'ESCUELA KEMPER URGATE',
  taxId: 'EKU9003173C9',
  taxRegime: '601',
  expeditionPostalCode: '42501',
  timezone: 'America/Mexico_City',
  address: { line1: 'x', city: 'CDMX', postalCode: '42501', country: 'MX' },
} as Tenant;
const csd = { keyId: 'k', certificateNumber: '30001000000500003416' } as CsdIdentity;

const aTicket = (reference: string, soldAt: string, total = '116.00'): Ticket => {
  const base = (Number(total) / 1.16).toFixed(2);
  const input = {
    reference,
    date: soldAt,
    total,
    currency: 'MXN',
    taxes: [
      {
        type: 'IVA' as const,
        rate: '16',
        base,
        amount: (Number(total) - Number(base)).toFixed(2),
      },
    ],
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

class InMemoryGlobals implements GlobalInvoiceRepository {
  readonly items = new Map<string, GlobalInvoiceRecord>();
  async get(tenantId: string, id: string) {
    const r = this.items.get(`${tenantId}/${id}`);
    return r && structuredClone(r);
  }
  async create(r: GlobalInvoiceRecord) {
    if (this.items.has(`${r.tenantId}/${r.id}`)) return false;
    this.items.set(`${r.tenantId}/${r.id}`, structuredClone(r));
    return true;
  }
  async update(r: GlobalInvoiceRecord) {
    const now = this.items.get(`${r.tenantId}/${r.id}`);
    if (now?.version !== r.version - 1) return false;
    this.items.set(`${r.tenantId}/${r.id}`, structuredClone(r));
    return true;
  }
  async list(tenantId: string) {
    return [...this.items.values()].filter((r) => r.tenantId === tenantId);
  }
}

function setup(now = new Date('2026-12-01T12:00:00Z')) {
  const tickets = new InMemoryTickets();
  const globals = new InMemoryGlobals();
  const sealed: GlobalDocument[] = [];
  const stamps = new Map<string, string>();
  const cancels: CancellationRequest[] = [];
  const artifacts = new Map<string, string>();
  const deps: GlobalInvoiceDeps = {
    tenants: { get: async (id) => (id === tenant.id ? tenant : undefined) },
    tickets,
    globals,
    csd: { get: async () => csd, put: async () => undefined },
    sealer: {
      async seal(document) {
        sealed.push(document);
        return JSON.stringify(document);
      },
    },
    pac: {
      // Like a PAC: the same document is answered with its first stamp.
      async stamp(xml) {
        let uuid = stamps.get(xml);
        if (!uuid) {
          uuid = `UUID-${stamps.size + 1}`;
          stamps.set(xml, uuid);
        }
        return { xml: `<stamped ${uuid}>${xml}`, uuid, stampedAt: '2026-12-01T06:00:00' };
      },
      async cancel(request) {
        cancels.push(request);
        return { status: 'cancelled', at: now.toISOString() };
      },
    },
    artifacts: {
      async put(key, bytes) {
        artifacts.set(key, new TextDecoder().decode(bytes));
      },
      async get() {
        return undefined;
      },
    },
    clock: { now: () => now },
  };
  return { deps, tickets, globals, sealed, stamps, cancels, artifacts };
}

describe('closeGlobalPeriod', () => {
  it('puts the open tickets of the month in one global, never an invoiced one', async () => {
    const { deps, tickets, sealed, artifacts } = setup();
    tickets.put(aTicket('T1', '2026-11-03T18:00:00.000Z'));
    tickets.put(aTicket('T2', '2026-11-30T23:30:00.000Z')); // 17:30 on 30 Nov in Mexico City
    tickets.put({
      ...aTicket('T3', '2026-11-10T10:00:00.000Z'),
      status: 'invoiced',
      invoiceId: 'inv_1',
    });
    tickets.put(aTicket('T4', '2026-12-01T05:30:00.000Z')); // 23:30 on 30 Nov in Mexico City
    tickets.put(aTicket('T5', '2026-12-01T07:00:00.000Z')); // 1 Dec: next period
    tickets.put(aTicket('T6', '2026-10-31T12:00:00.000Z')); // October

    const global = await closeGlobalPeriod(deps)(tenant.id);
    expect(global).toMatchObject({
      id: 'glb_2026-11',
      status: 'stamped',
      uuid: 'UUID-1',
      period: { year: 2026, month: 11 },
      total: '348.00',
    });
    expect([...global!.references].sort()).toEqual(['T1', 'T2', 'T4']);
    expect(sealed).toHaveLength(1);
    expect(sealed[0]!.period).toEqual({ periodicidad: '04', meses: '11', año: '2026' });
    expect(sealed[0]!.sales.map((s) => s.reference).sort()).toEqual(['T1', 'T2', 'T4']);
    expect(sealed[0]!.fecha).toBe('2026-12-01T06:00:00');
    expect(artifacts.get(`tenants/${tenant.id}/globals/glb_2026-11.cfdi.xml`)).toContain('UUID-1');
    for (const r of ['T1', 'T2', 'T4']) {
      const t = await tickets.get(tenant.id, r);
      expect(t).toMatchObject({ status: 'global', globalInvoiceId: 'glb_2026-11' });
      expect(t?.claimedAt).toBeUndefined();
    }
    expect((await tickets.get(tenant.id, 'T3'))?.status).toBe('invoiced');
    expect((await tickets.get(tenant.id, 'T5'))?.status).toBe('open');
  });

  it('leaves out a ticket a buyer claims while the close is running', async () => {
    const { deps, tickets } = setup();
    tickets.put(aTicket('T1', '2026-11-03T18:00:00.000Z'));
    tickets.put(aTicket('T2', '2026-11-04T18:00:00.000Z'));
    const list = tickets.list.bind(tickets);
    tickets.list = async (t, q) => {
      const page = await list(t, q);
      // The buyer's redemption claims T2 between the close's read and its claim.
      await tickets.claim(tenant.id, 'T2', 'inv_9', '2026-12-01T12:00:00Z', '2026-12-01T11:58:00Z');
      return page;
    };
    const global = await closeGlobalPeriod(deps)(tenant.id);
    expect(global?.references).toEqual(['T1']);
    expect(await tickets.get(tenant.id, 'T2')).toMatchObject({
      status: 'invoiced',
      invoiceId: 'inv_9',
    });
  });

  it('is idempotent: a second close answers the same global', async () => {
    const { deps, tickets, stamps } = setup();
    tickets.put(aTicket('T1', '2026-11-03T18:00:00.000Z'));
    const first = await closeGlobalPeriod(deps)(tenant.id, { year: 2026, month: 11 });
    tickets.put(aTicket('T7', '2026-11-05T18:00:00.000Z')); // a late import
    const second = await closeGlobalPeriod(deps)(tenant.id, { year: 2026, month: 11 });
    expect(second).toEqual(first);
    expect(stamps.size).toBe(1);
    expect((await tickets.get(tenant.id, 'T7'))?.status).toBe('open');
  });

  it('resumes a close that died after claiming: the same document, one stamp', async () => {
    const { deps, tickets, stamps, globals } = setup();
    tickets.put(aTicket('T1', '2026-11-03T18:00:00.000Z'));
    const stamp = deps.pac.stamp;
    deps.pac.stamp = async () => {
      throw new Error('PAC down');
    };
    await expect(closeGlobalPeriod(deps)(tenant.id)).rejects.toThrow('PAC down');
    expect((await globals.get(tenant.id, 'glb_2026-11'))?.status).toBe('pending');
    expect(await tickets.get(tenant.id, 'T1')).toMatchObject({ status: 'global' });
    deps.pac.stamp = stamp;
    const global = await closeGlobalPeriod(deps)(tenant.id);
    expect(global).toMatchObject({ status: 'stamped', references: ['T1'] });
    expect(stamps.size).toBe(1);
  });

  it('makes no global without tickets, and refuses a period not over', async () => {
    const { deps } = setup();
    expect(await closeGlobalPeriod(deps)(tenant.id)).toBeUndefined();
    await expect(closeGlobalPeriod(deps)(tenant.id, { year: 2026, month: 12 })).rejects.toThrow(
      ConflictError,
    );
  });

  it('defaults to the natural month before now in the tenant’s time zone', () => {
    // 1 Jan 03:00 UTC is still 31 Dec in Mexico City.
    expect(previousMonth(tenant.timezone, new Date('2027-01-01T03:00:00Z'))).toEqual({
      year: 2026,
      month: 11,
    });
    expect(previousMonth(tenant.timezone, new Date('2027-01-01T12:00:00Z'))).toEqual({
      year: 2026,
      month: 12,
    });
  });
});

describe('saleOf', () => {
  it('pays the global by the means of its largest sale; cash when unsaid, never 99', async () => {
    const sold = '2026-11-03T18:00:00.000Z';
    const paid = (reference: string, total: string, paymentMeans?: Ticket['paymentMeans']) => ({
      ...aTicket(reference, sold, total),
      ...(paymentMeans ? { paymentMeans } : {}),
    });
    expect(formaPagoOf([paid('A', '50.00', 'cash'), paid('B', '900.00', 'card')])).toBe('04');
    expect(formaPagoOf([paid('A', '50.00', 'card'), paid('B', '900.00')])).toBe('01');
    expect(formaPagoOf([paid('A', '50.00', 'transfer'), paid('B', '900.00', 'other')])).toBe('03');
    expect(formaPagoOf([paid('A', '9.00', 'other')])).toBe('01');
    // A tie goes to the first sale.
    expect(formaPagoOf([paid('A', '10.00', 'card'), paid('B', '10.00', 'transfer')])).toBe('04');

    const { deps, tickets, sealed } = setup();
    tickets.put(paid('T1', '116.00', 'cash'));
    tickets.put(paid('T2', '1160.00', 'transfer'));
    await closeGlobalPeriod(deps)(tenant.id);
    expect(sealed[0]!.formaPago).toBe('03');
  });

  it('maps IVA to 002 Tasa, exempt to Exento, IEPS to 003, none to ObjetoImp 01', () => {
    const t = aTicket('T1', '2026-11-03T18:00:00.000Z', '139.00');
    expect(
      saleOf({
        ...t,
        taxes: [
          { type: 'IVA', rate: '16', base: '100.00', amount: '16.00' },
          { type: 'IEPS', rate: '8', base: '100.00', amount: '8.00' },
          { type: 'IVA', rate: '0', base: '15.00', amount: '0', exemption: 'E1' },
        ],
      }),
    ).toEqual({
      reference: 'T1',
      subtotal: '115.00',
      taxObject: '02',
      traslados: [
        {
          base: '100.00',
          impuesto: '002',
          tipoFactor: 'Tasa',
          tasaOCuota: '0.160000',
          importe: '16.00',
        },
        {
          base: '100.00',
          impuesto: '003',
          tipoFactor: 'Tasa',
          tasaOCuota: '0.080000',
          importe: '8.00',
        },
        { base: '15.00', impuesto: '002', tipoFactor: 'Exento' },
      ],
    });
    expect(saleOf({ ...t, total: '50.00', taxes: [] })).toEqual({
      reference: 'T1',
      subtotal: '50.00',
      taxObject: '01',
    });
  });
});

describe('invoiceFromGlobal', () => {
  it('reissues the global without the ticket, cancels the old with 01, then invoices the buyer', async () => {
    const { deps, tickets, globals, sealed, cancels } = setup();
    for (const r of ['T1', 'T2', 'T3']) tickets.put(aTicket(r, '2026-11-03T18:00:00.000Z'));
    await closeGlobalPeriod(deps)(tenant.id);
    const order: string[] = [];
    const cancel = deps.pac.cancel;
    deps.pac.cancel = async (r) => {
      order.push('cancel');
      return cancel(r);
    };
    const result = await invoiceFromGlobal(deps)(tenant.id, 'T2', 'inv_1', async () => {
      order.push('issue');
      expect(await tickets.get(tenant.id, 'T2')).toMatchObject({
        status: 'invoiced',
        invoiceId: 'inv_1',
      });
      return 'the invoice';
    });
    expect(order).toEqual(['cancel', 'issue']);
    expect(result.invoice).toBe('the invoice');
    expect(result.replacement).toMatchObject({
      id: 'glb_2026-11_r1',
      status: 'stamped',
      uuid: 'UUID-2',
      references: ['T1', 'T3'],
      replaces: { id: 'glb_2026-11', uuid: 'UUID-1' },
    });
    expect(sealed[1]!.replaces).toEqual(['UUID-1']);
    expect(sealed[1]!.sales.map((s) => s.reference)).toEqual(['T1', 'T3']);
    expect(cancels).toEqual([
      { issuerRfc: tenant.taxId, uuid: 'UUID-1', reason: '01', substitute: 'UUID-2' },
    ]);
    const old = await globals.get(tenant.id, 'glb_2026-11');
    expect(old).toMatchObject({
      status: 'cancelled',
      replacedBy: 'glb_2026-11_r1',
      cancellation: { reason: '01', substitute: 'UUID-2' },
    });
    expect(old?.reissuing).toBeUndefined();
    const t2 = await tickets.get(tenant.id, 'T2');
    expect(t2).toMatchObject({ status: 'invoiced', invoiceId: 'inv_1' });
    expect(t2?.claimedAt).toBeUndefined();
    expect(t2?.globalInvoiceId).toBeUndefined();
    for (const r of ['T1', 'T3']) {
      const t = await tickets.get(tenant.id, r);
      expect(t).toMatchObject({ status: 'global', globalInvoiceId: 'glb_2026-11_r1' });
      expect(t?.claimedAt).toBeUndefined();
    }
  });

  it('a second late request reissues the reissue (r2 replaces r1)', async () => {
    const { deps, tickets, globals, cancels } = setup();
    for (const r of ['T1', 'T2', 'T3']) tickets.put(aTicket(r, '2026-11-03T18:00:00.000Z'));
    await closeGlobalPeriod(deps)(tenant.id);
    await invoiceFromGlobal(deps)(tenant.id, 'T2', 'inv_1', async () => 1);
    const second = await invoiceFromGlobal(deps)(tenant.id, 'T1', 'inv_2', async () => 2);
    expect(second.replacement).toMatchObject({
      id: 'glb_2026-11_r2',
      references: ['T3'],
      replaces: { id: 'glb_2026-11_r1', uuid: 'UUID-2' },
    });
    expect(cancels.map((c) => [c.uuid, c.reason, c.substitute])).toEqual([
      ['UUID-1', '01', 'UUID-2'],
      ['UUID-2', '01', 'UUID-3'],
    ]);
    expect((await globals.get(tenant.id, 'glb_2026-11_r1'))?.status).toBe('cancelled');
  });

  it('cancels a global of only that ticket with 02 and no substitute', async () => {
    const { deps, tickets, cancels } = setup();
    tickets.put(aTicket('T1', '2026-11-03T18:00:00.000Z'));
    await closeGlobalPeriod(deps)(tenant.id);
    const result = await invoiceFromGlobal(deps)(tenant.id, 'T1', 'inv_1', async () => 'x');
    expect(result.replacement).toBeUndefined();
    expect(cancels).toEqual([{ issuerRfc: tenant.taxId, uuid: 'UUID-1', reason: '02' }]);
  });

  it('refuses a concurrent reissue of the same global (409), which succeeds when retried', async () => {
    const { deps, tickets } = setup();
    for (const r of ['T1', 'T2']) tickets.put(aTicket(r, '2026-11-03T18:00:00.000Z'));
    await closeGlobalPeriod(deps)(tenant.id);
    const [a, b] = await Promise.allSettled([
      invoiceFromGlobal(deps)(tenant.id, 'T1', 'inv_1', async () => 1),
      invoiceFromGlobal(deps)(tenant.id, 'T2', 'inv_2', async () => 2),
    ]);
    expect(a.status).toBe('fulfilled');
    expect(b.status === 'rejected' && b.reason).toBeInstanceOf(ConflictError);
    expect((await tickets.get(tenant.id, 'T2'))?.globalInvoiceId).toBe('glb_2026-11_r1');
    await invoiceFromGlobal(deps)(tenant.id, 'T2', 'inv_2', async () => 2);
    expect(await tickets.get(tenant.id, 'T2')).toMatchObject({ status: 'invoiced' });
  });
});

describe('invoiceFromGlobal, when a step fails or the process dies', () => {
  const threeTickets = async () => {
    const env = setup();
    for (const r of ['T1', 'T2', 'T3']) env.tickets.put(aTicket(r, '2026-11-03T18:00:00.000Z'));
    await closeGlobalPeriod(env.deps)(tenant.id);
    return env;
  };

  it('resumes with the same replacement when the PAC failed to stamp it', async () => {
    const { deps, tickets, globals, stamps, cancels } = await threeTickets();
    const stamp = deps.pac.stamp;
    deps.pac.stamp = async () => {
      throw new PacUnavailableError('PAC down');
    };
    const approve = invoiceFromGlobal(deps);
    await expect(approve(tenant.id, 'T2', 'inv_1', async () => 'x')).rejects.toThrow('PAC down');
    expect(await tickets.get(tenant.id, 'T2')).toMatchObject({
      status: 'global',
      globalInvoiceId: 'glb_2026-11',
    });
    expect((await globals.get(tenant.id, 'glb_2026-11'))?.reissuing).toMatchObject({
      reference: 'T2',
      replacementId: 'glb_2026-11_r1',
      failed: true,
    });
    // Another ticket of the same global waits for this one.
    await expect(approve(tenant.id, 'T1', 'inv_2', async () => 'y')).rejects.toThrow(ConflictError);

    deps.pac.stamp = stamp;
    const done = await approve(tenant.id, 'T2', 'inv_3', async () => 'the invoice');
    expect(done.replacement).toMatchObject({ id: 'glb_2026-11_r1', references: ['T1', 'T3'] });
    expect(stamps.size).toBe(2);
    expect(cancels).toHaveLength(1);
    expect(await globals.list(tenant.id)).toHaveLength(2);
    expect(await tickets.get(tenant.id, 'T2')).toMatchObject({
      status: 'invoiced',
      invoiceId: 'inv_3',
    });
    expect((await globals.get(tenant.id, 'glb_2026-11'))?.reissuing).toBeUndefined();
  });

  it('takes an earlier cancellation (202) as done when the process died before recording it', async () => {
    const { deps, tickets, globals, cancels } = await threeTickets();
    const cancelled = new Set<string>();
    deps.pac.cancel = async (request) => {
      if (cancelled.has(request.uuid)) {
        throw new PacRejectedError('202', 'Folio Fiscal Previamente Cancelado.', 'uuid');
      }
      cancelled.add(request.uuid);
      cancels.push(request);
      // The process dies right after SAT cancelled it: nothing else is written.
      throw new Error('process died');
    };
    // A death, not a failure: the attempt never gets to mark its lock failed.
    const update = globals.update.bind(globals);
    let dead = true;
    globals.update = async (r) => (dead && r.reissuing?.failed ? false : update(r));
    const approve = invoiceFromGlobal(deps);
    await expect(approve(tenant.id, 'T2', 'inv_1', async () => 'x')).rejects.toThrow('died');
    dead = false;
    // Not failed as far as the record knows: only after two minutes is it taken over.
    await expect(approve(tenant.id, 'T2', 'inv_2', async () => 'x')).rejects.toThrow(ConflictError);
    const later = new Date(deps.clock.now().getTime() + 3 * 60_000);
    deps.clock = { now: () => later };
    const done = await invoiceFromGlobal(deps)(tenant.id, 'T2', 'inv_2', async () => 'x');
    expect(done.cancelled).toMatchObject({
      status: 'cancelled',
      cancellation: { reason: '01', substitute: done.replacement?.uuid },
    });
    expect(cancels).toHaveLength(1);
    expect((await tickets.get(tenant.id, 'T2'))?.status).toBe('invoiced');
  });
});

describe('closeDueGlobals', () => {
  it('closes last month for every registered tenant; one failure does not stop the others', async () => {
    const { deps, tickets } = setup();
    tickets.put(aTicket('T1', '2026-11-03T18:00:00.000Z'));
    const out = await closeDueGlobals({
      ...deps,
      directory: { register: async () => undefined, tenants: async () => ['ten_gone', tenant.id] },
    })();
    expect(out[0]).toMatchObject({ tenantId: 'ten_gone', outcome: 'failed' });
    expect(out[1]).toEqual({
      tenantId: tenant.id,
      outcome: 'closed',
      id: 'glb_2026-11',
      uuid: 'UUID-1',
    });
  });
});
