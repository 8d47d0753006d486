import { describe, expect, it } from 'vitest';
import { testFormats } from '../../testing/formats.ts';
import { PreconditionFailedError } from '../errors.ts';
import type { ArtifactStore } from '../ports/artifacts.ts';
import { type Pac, PacRejectedError, PacUnavailableError } from '../ports/pac.ts';
import type { CsdIdentity } from '../signing/csd-identity.ts';
import type { InvoiceRepository } from './invoice-repository.ts';
import type { Invoice } from './model.ts';
import { type StampDeps, stampInvoice, stampIssued, stampPending } from './stamp-invoice.ts';

const CSD = { keyId: 'key', certificateNumber: '30001000000500003416' } as CsdIdentity;
const mexican = (changes: Partial<Invoice> = {}): Invoice =>
  ({
    id: 'inv_1',
    tenantId: 'ten_1',
    status: 'issued',
    number: 'A-7',
    customerId: 'cus_1',
    issuer: { taxIdKind: 'MX_RFC', name: 'Old issuer name', address: { country: 'MX' } },
    customer: { name: 'Old customer name' },
    cfdi: { status: 'pending' },
    events: [],
    version: 2,
    ...changes,
  }) as Invoice;

function world(stored: Invoice, pac: Partial<Pac>) {
  const state = { invoice: stored, sealed: [] as Invoice[], puts: [] as string[] };
  const invoices = {
    get: async () => state.invoice,
    update: async (next: Invoice) => {
      if (next.version !== state.invoice.version + 1) throw new PreconditionFailedError('moved');
      state.invoice = next;
    },
  } as unknown as InvoiceRepository;
  const deps: StampDeps = {
    invoices,
    tenants: {
      get: async () => ({
        id: 'ten_1',
        name: 'New issuer name',
        taxIdKind: 'MX_RFC',
        timezone: 'America/Mexico_City',
        address: { country: 'MX' },
      }),
    } as never,
    customers: {
      get: async () => ({ id: 'cus_1', name: 'New customer name', address: {} }),
    } as never,
    csd: { get: async () => CSD, put: async () => undefined },
    formats: testFormats,
    sealer: {
      seal: async (invoice) => {
        state.sealed.push(invoice);
        return `<sealed ${invoice.number}/>`;
      },
    },
    pac: pac as Pac,
    artifacts: {
      put: async (key: string) => void state.puts.push(key),
    } as unknown as ArtifactStore,
    clock: { now: () => new Date('2026-12-07T18:00:00Z') },
  };
  return { state, deps };
}

const stamps = {
  stamp: async (xml: string) => ({
    xml: `${xml}+tfd`,
    uuid: 'UUID-1',
    stampedAt: '2026-12-07T12:00:00',
  }),
};

describe('stampInvoice', () => {
  it('stores the stamped XML and records the fiscal folio, keeping the number', async () => {
    const { state, deps } = world(mexican(), stamps);
    const done = await stampInvoice(deps)('ten_1', 'inv_1');
    expect(done.cfdi).toEqual({
      status: 'stamped',
      uuid: 'UUID-1',
      stampedAt: '2026-12-07T12:00:00',
    });
    expect(done.number).toBe('A-7');
    expect(state.puts).toEqual(['tenants/ten_1/invoices/inv_1/A-7.cfdi.xml']);
    expect(state.invoice.events.map((e) => e.type)).toEqual(['stamped']);
  });

  it('records a refusal with the PAC’s code and keeps the folio; the next try takes the parties as they are now', async () => {
    let refuse = true;
    const { state, deps } = world(mexican(), {
      stamp: async (xml) => {
        if (refuse) throw new PacRejectedError('CFDI40145', 'Nombre del receptor no coincide');
        return stamps.stamp(xml);
      },
    });
    const failure = await stampInvoice(deps)('ten_1', 'inv_1').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PacRejectedError);
    expect(state.invoice.cfdi?.status).toBe('refused');
    expect(state.invoice.cfdi?.refusal?.code).toBe('CFDI40145');
    expect(state.invoice.number).toBe('A-7');

    refuse = false;
    const done = await stampInvoice(deps)('ten_1', 'inv_1');
    expect(done.cfdi?.status).toBe('stamped');
    expect(done.number).toBe('A-7');
    expect(state.sealed.at(-1)?.customer.name).toBe('New customer name');
    expect(state.sealed.at(-1)?.issuer.name).toBe('New issuer name');
  });

  it('leaves an invoice pending when the PAC cannot be reached', async () => {
    const { state, deps } = world(mexican(), {
      stamp: async () => {
        throw new PacUnavailableError('timeout');
      },
    });
    await expect(stampInvoice(deps)('ten_1', 'inv_1')).rejects.toBeInstanceOf(PacUnavailableError);
    expect(state.invoice.cfdi?.status).toBe('pending');
    // Right after issue the answer is the pending invoice, the post-issue step retries.
    const pending = await stampIssued(stampInvoice(deps))(mexican());
    expect(pending.cfdi?.status).toBe('pending');
    await expect(stampPending(stampInvoice(deps))([mexican()])).rejects.toBeInstanceOf(
      PacUnavailableError,
    );
  });

  it('answers the invoice another stamper stamped first', async () => {
    const { state, deps } = world(mexican(), {
      stamp: async (xml) => {
        // Another request stamps and saves while this one waits for the PAC.
        state.invoice = {
          ...state.invoice,
          cfdi: { status: 'stamped', uuid: 'UUID-1' },
          version: 3,
        };
        return stamps.stamp(xml);
      },
    });
    const done = await stampInvoice(deps)('ten_1', 'inv_1');
    expect(done.cfdi?.uuid).toBe('UUID-1');
    expect(done.version).toBe(3);
  });

  it('refuses drafts, other countries’ invoices, and tenants without a CSD', async () => {
    const draft = world(mexican({ status: 'draft', cfdi: undefined }), stamps);
    await expect(stampInvoice(draft.deps)('ten_1', 'inv_1')).rejects.toThrow(/draft/);
    const spanish = world(
      mexican({ issuer: { taxIdKind: 'ES_CIF', address: { country: 'ES' } } as Invoice['issuer'] }),
      stamps,
    );
    await expect(stampInvoice(spanish.deps)('ten_1', 'inv_1')).rejects.toThrow(/not a CFDI/);
    const noCsd = world(mexican(), stamps);
    noCsd.deps.csd.get = async () => undefined;
    await expect(stampInvoice(noCsd.deps)('ten_1', 'inv_1')).rejects.toThrow(/PUT \/v1\/csd/);
  });
});
